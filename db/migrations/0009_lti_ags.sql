CREATE TABLE "lti_member" (
	"platform_id" uuid NOT NULL,
	"context_id" text NOT NULL,
	"user_id" text NOT NULL,
	"sub" text NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lti_member_platform_id_context_id_user_id_pk" PRIMARY KEY("platform_id","context_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "lti_score" (
	"platform_id" uuid NOT NULL,
	"line_item_url" text NOT NULL,
	"user_id" text NOT NULL,
	"assignment" text NOT NULL,
	"sub" text NOT NULL,
	"score_given" real NOT NULL,
	"score_maximum" real NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_score" real,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lti_score_platform_id_line_item_url_user_id_pk" PRIMARY KEY("platform_id","line_item_url","user_id")
);
--> statement-breakpoint
ALTER TABLE "lti_member" ADD CONSTRAINT "lti_member_platform_id_lti_platform_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."lti_platform"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_member" ADD CONSTRAINT "lti_member_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_score" ADD CONSTRAINT "lti_score_platform_id_lti_platform_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."lti_platform"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lti_score" ADD CONSTRAINT "lti_score_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lti_score_status" ON "lti_score" USING btree ("status");