CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"assignment" text,
	"subject_user_id" text,
	"submission_id" uuid,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadline_extension" (
	"user_id" text NOT NULL,
	"assignment" text NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"granted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_extension_user_id_assignment_pk" PRIMARY KEY("user_id","assignment")
);
--> statement-breakpoint
CREATE TABLE "quota_override" (
	"user_id" text NOT NULL,
	"assignment" text NOT NULL,
	"daily" integer,
	"cooldown_seconds" integer,
	"reason" text NOT NULL,
	"granted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quota_override_user_id_assignment_pk" PRIMARY KEY("user_id","assignment")
);
--> statement-breakpoint
CREATE TABLE "regrade_batch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment" text NOT NULL,
	"scope" text NOT NULL,
	"requested_by" text,
	"total" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regrade_item" (
	"batch_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"previous_score" real,
	"previous_grader_version" text,
	CONSTRAINT "regrade_item_batch_id_submission_id_pk" PRIMARY KEY("batch_id","submission_id")
);
--> statement-breakpoint
CREATE TABLE "score_adjustment" (
	"user_id" text NOT NULL,
	"assignment" text NOT NULL,
	"points" real NOT NULL,
	"reason" text NOT NULL,
	"adjusted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "score_adjustment_user_id_assignment_pk" PRIMARY KEY("user_id","assignment")
);
--> statement-breakpoint
CREATE TABLE "leaderboard_alias" (
	"assignment" text NOT NULL,
	"user_id" text NOT NULL,
	"alias" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leaderboard_alias_assignment_user_id_pk" PRIMARY KEY("assignment","user_id")
);
--> statement-breakpoint
CREATE TABLE "leaderboard_choice" (
	"assignment" text NOT NULL,
	"user_id" text NOT NULL,
	"submission_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leaderboard_choice_assignment_user_id_pk" PRIMARY KEY("assignment","user_id")
);
--> statement-breakpoint
CREATE TABLE "leaderboard_hidden_row" (
	"assignment" text NOT NULL,
	"user_id" text NOT NULL,
	"reason" text NOT NULL,
	"hidden_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leaderboard_hidden_row_assignment_user_id_pk" PRIMARY KEY("assignment","user_id")
);
--> statement-breakpoint
CREATE TABLE "leaderboard_setting" (
	"assignment" text PRIMARY KEY NOT NULL,
	"revealed_at" timestamp with time zone,
	"frozen_at" timestamp with time zone,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_subject_user_id_user_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_submission_id_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submission"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extension" ADD CONSTRAINT "deadline_extension_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_extension" ADD CONSTRAINT "deadline_extension_granted_by_user_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_override" ADD CONSTRAINT "quota_override_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_override" ADD CONSTRAINT "quota_override_granted_by_user_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regrade_batch" ADD CONSTRAINT "regrade_batch_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regrade_item" ADD CONSTRAINT "regrade_item_batch_id_regrade_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."regrade_batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regrade_item" ADD CONSTRAINT "regrade_item_submission_id_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_adjustment" ADD CONSTRAINT "score_adjustment_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_adjustment" ADD CONSTRAINT "score_adjustment_adjusted_by_user_id_fk" FOREIGN KEY ("adjusted_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_alias" ADD CONSTRAINT "leaderboard_alias_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_choice" ADD CONSTRAINT "leaderboard_choice_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_choice" ADD CONSTRAINT "leaderboard_choice_submission_id_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submission"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_hidden_row" ADD CONSTRAINT "leaderboard_hidden_row_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_hidden_row" ADD CONSTRAINT "leaderboard_hidden_row_hidden_by_user_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_setting" ADD CONSTRAINT "leaderboard_setting_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_user_id","assignment");--> statement-breakpoint
CREATE INDEX "regrade_batch_assignment_idx" ON "regrade_batch" USING btree ("assignment","created_at");--> statement-breakpoint
CREATE INDEX "regrade_item_submission_idx" ON "regrade_item" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leaderboard_alias_unique_idx" ON "leaderboard_alias" USING btree ("assignment","alias");