DROP INDEX "matters_closed_created_idx";--> statement-breakpoint
DROP INDEX "matters_review_due_idx";--> statement-breakpoint
CREATE INDEX "matters_status_resolve_by_idx" ON "matters" USING btree ("status","resolve_by");--> statement-breakpoint
CREATE INDEX "matters_status_created_idx" ON "matters" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "matters_open_created_idx" ON "matters" USING btree ("created_at","id") WHERE "matters"."status" in ('received', 'dispatched', 'in_progress', 'replied');--> statement-breakpoint
CREATE INDEX "matters_open_deadline_idx" ON "matters" USING btree ((case when "status" in ('received', 'dispatched') then least("respond_by", "resolve_by") else "resolve_by" end),"id") WHERE "matters"."status" in ('received', 'dispatched', 'in_progress');--> statement-breakpoint
CREATE INDEX "matters_review_due_order_idx" ON "matters" USING btree ("review_due_on","id") WHERE "matters"."status" = 'closed';--> statement-breakpoint
CREATE INDEX "matters_leader_created_idx" ON "matters" USING btree ("leader_account_id","created_at","id") WHERE "matters"."leader_account_id" is not null;