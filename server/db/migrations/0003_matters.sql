CREATE SEQUENCE "public"."matter_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "matter_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"matter_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "matter_units" (
	"matter_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "matter_units_matter_id_unit_id_pk" PRIMARY KEY("matter_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"origin" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text,
	"urgency" text NOT NULL,
	"status" text NOT NULL,
	"intake_unit_id" uuid NOT NULL,
	"intake_unit_path" text NOT NULL,
	"unit_id" uuid,
	"unit_path" text,
	"handler_account_id" uuid,
	"leader_account_id" uuid,
	"respond_by" timestamp with time zone,
	"resolve_by" timestamp with time zone,
	"petitioner_name_enc" text,
	"petitioner_phone_enc" text,
	"petitioner_id_enc" text,
	"petitioner_address_enc" text,
	"petitioner_phone_idx" text,
	"address" text,
	"region_code" text,
	"reply_text" text,
	"replied_at" timestamp with time zone,
	"rating" text,
	"rating_note" text,
	"rated_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"review_due_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "matter_events" ADD CONSTRAINT "matter_events_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_events" ADD CONSTRAINT "matter_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_units" ADD CONSTRAINT "matter_units_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_units" ADD CONSTRAINT "matter_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_intake_unit_id_units_id_fk" FOREIGN KEY ("intake_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_handler_account_id_accounts_id_fk" FOREIGN KEY ("handler_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_leader_account_id_accounts_id_fk" FOREIGN KEY ("leader_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matter_events_matter_idx" ON "matter_events" USING btree ("matter_id","id");--> statement-breakpoint
CREATE INDEX "matter_units_unit_idx" ON "matter_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matters_code_uq" ON "matters" USING btree ("code");--> statement-breakpoint
CREATE INDEX "matters_unit_path_idx" ON "matters" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "matters_intake_unit_path_idx" ON "matters" USING btree ("intake_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "matters_status_respond_by_idx" ON "matters" USING btree ("status","respond_by");--> statement-breakpoint
CREATE INDEX "matters_created_idx" ON "matters" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "matters_petitioner_phone_idx" ON "matters" USING btree ("petitioner_phone_idx") WHERE "matters"."petitioner_phone_idx" is not null;