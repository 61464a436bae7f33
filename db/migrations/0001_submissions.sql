CREATE TYPE "public"."submission_status" AS ENUM('queued', 'running', 'graded', 'failed');--> statement-breakpoint
CREATE TABLE "grading_result" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"reason" text DEFAULT 'submit' NOT NULL,
	"grader_version" text NOT NULL,
	"backend" text,
	"score" real NOT NULL,
	"max_score" real NOT NULL,
	"passed" boolean NOT NULL,
	"result" jsonb NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"assignment" text NOT NULL,
	"source" text NOT NULL,
	"seed" integer NOT NULL,
	"status" "submission_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"job_id" uuid,
	"phase" text,
	"progress" jsonb,
	"heartbeat_at" timestamp with time zone,
	"score" real,
	"max_score" real,
	"passed" boolean,
	"error_kind" text,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"graded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "grading_result" ADD CONSTRAINT "grading_result_submission_id_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grading_result_submission_idx" ON "grading_result" USING btree ("submission_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grading_result_current_idx" ON "grading_result" USING btree ("submission_id") WHERE "grading_result"."current";--> statement-breakpoint
CREATE INDEX "submission_user_assignment_idx" ON "submission" USING btree ("user_id","assignment","created_at");--> statement-breakpoint
CREATE INDEX "submission_status_idx" ON "submission" USING btree ("status");