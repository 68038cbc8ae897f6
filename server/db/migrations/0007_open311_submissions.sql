CREATE TABLE "open311_submissions" (
	"matter_id" uuid PRIMARY KEY NOT NULL,
	"email_enc" text,
	"device_id" text,
	"account_id" text,
	"media_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "open311_submissions" ADD CONSTRAINT "open311_submissions_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE cascade ON UPDATE no action;