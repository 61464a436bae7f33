ALTER TYPE "public"."submission_status" ADD VALUE 'superseded';--> statement-breakpoint
CREATE TABLE "grader" (
	"id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"slots" integer NOT NULL,
	"training" jsonb NOT NULL,
	"splits_phases" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"assignment" text NOT NULL,
	"phase" text NOT NULL,
	"grader_id" text,
	"outcome" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer NOT NULL,
	"cpu_ms" integer
);
--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "superseded_by" uuid;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "partial_result" jsonb;--> statement-breakpoint
ALTER TABLE "grading_run" ADD CONSTRAINT "grading_run_submission_id_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grader_heartbeat_idx" ON "grader" USING btree ("heartbeat_at");--> statement-breakpoint
CREATE INDEX "grading_run_assignment_idx" ON "grading_run" USING btree ("assignment","phase","finished_at");