CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"level" integer NOT NULL,
	"path" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"respond_days" integer,
	"resolve_days" integer,
	"urgent_respond_hours" integer,
	"urgent_resolve_days" integer,
	"review_after_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid,
	"region_prefix" text,
	"unit_id" uuid NOT NULL,
	"owner_unit_path" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reply_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid,
	"owner_unit_path" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"matter_id" uuid,
	"title" text NOT NULL,
	"body" text,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient_enc" text NOT NULL,
	"body" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "open311_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"trained_on" integer NOT NULL,
	"metrics" jsonb,
	"model" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_suggestions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"matter_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"model_id" uuid,
	"suggested" jsonb NOT NULL,
	"chosen" text,
	"accepted" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rules" ADD CONSTRAINT "dispatch_rules_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rules" ADD CONSTRAINT "dispatch_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_templates" ADD CONSTRAINT "reply_templates_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_keys" ADD CONSTRAINT "open311_keys_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "categories_code_uq" ON "categories" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_sibling_name_uq" ON "categories" USING btree (coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid),"name");--> statement-breakpoint
CREATE INDEX "categories_path_idx" ON "categories" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_rules_uq" ON "dispatch_rules" USING btree (coalesce("category_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("region_prefix", ''),"owner_unit_path");--> statement-breakpoint
CREATE INDEX "dispatch_rules_owner_idx" ON "dispatch_rules" USING btree ("owner_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "reply_templates_owner_idx" ON "reply_templates" USING btree ("owner_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_uq" ON "jobs" USING btree ("dedupe_key") WHERE "jobs"."status" in ('pending', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("account_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("account_id","id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "outbound_messages_pending_idx" ON "outbound_messages" USING btree ("id") WHERE "outbound_messages"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "open311_keys_hash_uq" ON "open311_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "text_models_kind_idx" ON "text_models" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "text_suggestions_matter_idx" ON "text_suggestions" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "text_suggestions_kind_idx" ON "text_suggestions" USING btree ("kind","created_at");--> statement-breakpoint
ALTER TABLE "matters" DROP COLUMN "category";--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "matter_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"measure_id" uuid,
	"source" text NOT NULL,
	"visible_to_citizen" boolean DEFAULT false NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matter_class_members" (
	"class_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_class_members_class_id_matter_id_pk" PRIMARY KEY("class_id","matter_id")
);
--> statement-breakpoint
CREATE TABLE "matter_classes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_unit_id" uuid NOT NULL,
	"owner_unit_path" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closing_note" text
);
--> statement-breakpoint
CREATE TABLE "matter_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"previous_resolve_by" timestamp with time zone,
	"requested_resolve_by" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_by_name" text NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "matter_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"content" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_person_id" uuid,
	"due_on" date,
	"progress" integer DEFAULT 0 NOT NULL,
	"done_at" timestamp with time zone,
	"evidence" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matter_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"matter_id" uuid NOT NULL,
	"author_account_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "category_id" uuid;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "lookup_secret_hash" text;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "external_token" text;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "contact_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "last_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "return_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "extension_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "escalation_status" text;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "escalated_to_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "escalated_to_unit_path" text;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "escalation_reason" text;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "rating_solved" boolean;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "rating_source" text;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "unmeetable_reason" text;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "unmeetable_by_name" text;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "relapse_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "matter_attachments" ADD CONSTRAINT "matter_attachments_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_attachments" ADD CONSTRAINT "matter_attachments_measure_id_matter_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."matter_measures"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_class_members" ADD CONSTRAINT "matter_class_members_class_id_matter_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."matter_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_class_members" ADD CONSTRAINT "matter_class_members_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_classes" ADD CONSTRAINT "matter_classes_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_extensions" ADD CONSTRAINT "matter_extensions_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_measures" ADD CONSTRAINT "matter_measures_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_notes" ADD CONSTRAINT "matter_notes_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_notes" ADD CONSTRAINT "matter_notes_author_account_id_accounts_id_fk" FOREIGN KEY ("author_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "matter_attachments_matter_idx" ON "matter_attachments" USING btree ("matter_id","created_at");--> statement-breakpoint
CREATE INDEX "matter_class_members_matter_idx" ON "matter_class_members" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "matter_classes_owner_idx" ON "matter_classes" USING btree ("owner_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "matter_extensions_matter_idx" ON "matter_extensions" USING btree ("matter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matter_extensions_one_pending_uq" ON "matter_extensions" USING btree ("matter_id") WHERE "matter_extensions"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "matter_measures_matter_idx" ON "matter_measures" USING btree ("matter_id","created_at");--> statement-breakpoint
CREATE INDEX "matter_notes_matter_idx" ON "matter_notes" USING btree ("matter_id","id");--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_escalated_to_unit_id_units_id_fk" FOREIGN KEY ("escalated_to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_merged_into_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matters_category_idx" ON "matters" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "matters_review_due_idx" ON "matters" USING btree ("review_due_on") WHERE "matters"."status" = 'closed';--> statement-breakpoint
CREATE INDEX "matters_escalated_to_path_idx" ON "matters" USING btree ("escalated_to_unit_path" text_pattern_ops) WHERE "matters"."escalation_status" = 'pending';--> statement-breakpoint
CREATE INDEX "matters_merged_into_idx" ON "matters" USING btree ("merged_into_id") WHERE "matters"."merged_into_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "matters_external_token_uq" ON "matters" USING btree ("external_token") WHERE "matters"."external_token" is not null;