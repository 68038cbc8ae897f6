-- Every change of organisation data (units, people, accounts and their roles, supervision groups)
-- and every ended session is announced on the channel `jiceng_changed`, once per statement and only
-- when its transaction commits (NOTIFY is transactional). Each app instance listens and ends its
-- short-lived caches of sessions and people pages (server/core/read-cache.ts), so a change made on
-- another instance, or by the CLI or by hand in psql, is seen at once rather than after the caches'
-- maximum age. The payload is the table's name.
CREATE FUNCTION jiceng_notify_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_notify('jiceng_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER units_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units FOR EACH STATEMENT EXECUTE FUNCTION jiceng_notify_changed();
--> statement-breakpoint
CREATE TRIGGER people_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people FOR EACH STATEMENT EXECUTE FUNCTION jiceng_notify_changed();
--> statement-breakpoint
CREATE TRIGGER accounts_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION jiceng_notify_changed();
--> statement-breakpoint
CREATE TRIGGER account_roles_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON account_roles FOR EACH STATEMENT EXECUTE FUNCTION jiceng_notify_changed();
--> statement-breakpoint
CREATE TRIGGER supervision_groups_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON supervision_groups FOR EACH STATEMENT EXECUTE FUNCTION jiceng_notify_changed();
--> statement-breakpoint
CREATE TRIGGER supervision_group_members_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON supervision_group_members FOR EACH STATEMENT EXECUTE FUNCTION jiceng_notify_changed();
--> statement-breakpoint
CREATE TRIGGER supervision_group_units_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON supervision_group_units FOR EACH STATEMENT EXECUTE FUNCTION jiceng_notify_changed();
--> statement-breakpoint
-- Sessions are updated every minute of use (last seen); only their end (logout, expiry) matters.
CREATE TRIGGER sessions_notify_changed AFTER DELETE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION jiceng_notify_changed();
