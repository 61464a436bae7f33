CREATE TABLE "draft" (
	"user_id" text NOT NULL,
	"assignment" text NOT NULL,
	"source" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draft_user_id_assignment_pk" PRIMARY KEY("user_id","assignment"),
	CONSTRAINT "draft_revision_positive" CHECK ("draft"."revision" > 0)
);
--> statement-breakpoint
ALTER TABLE "draft" ADD CONSTRAINT "draft_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;