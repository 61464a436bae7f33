ALTER TYPE "public"."role" ADD VALUE 'ta';--> statement-breakpoint
ALTER TABLE "enrolment" ADD COLUMN "section" text;