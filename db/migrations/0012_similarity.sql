CREATE TABLE "similarity_pair" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"left_submission_id" uuid NOT NULL,
	"right_submission_id" uuid NOT NULL,
	"left_user_id" text NOT NULL,
	"right_user_id" text NOT NULL,
	"similarity" real NOT NULL,
	"longest" integer NOT NULL,
	"overlap" integer NOT NULL,
	"fragments" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "similarity_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by" text,
	"params" jsonb NOT NULL,
	"counts" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "similarity_pair" ADD CONSTRAINT "similarity_pair_report_id_similarity_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."similarity_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "similarity_pair" ADD CONSTRAINT "similarity_pair_left_submission_id_submission_id_fk" FOREIGN KEY ("left_submission_id") REFERENCES "public"."submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "similarity_pair" ADD CONSTRAINT "similarity_pair_right_submission_id_submission_id_fk" FOREIGN KEY ("right_submission_id") REFERENCES "public"."submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "similarity_pair" ADD CONSTRAINT "similarity_pair_left_user_id_user_id_fk" FOREIGN KEY ("left_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "similarity_pair" ADD CONSTRAINT "similarity_pair_right_user_id_user_id_fk" FOREIGN KEY ("right_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "similarity_report" ADD CONSTRAINT "similarity_report_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "similarity_pair_report_idx" ON "similarity_pair" USING btree ("report_id","similarity");--> statement-breakpoint
CREATE INDEX "similarity_report_assignment_idx" ON "similarity_report" USING btree ("assignment","created_at");