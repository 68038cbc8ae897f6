import { sql } from 'drizzle-orm';
import { check, date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Admin overrides of the working-day calendar (工作日历). The built-in holiday data comes from the
 * `chinese-days` package; a row here wins over it for its date, so an admin can add next year's
 * holidays before the package has them, or correct a day. `holiday` means a day off, `workday` a
 * working day (usually a make-up working day, 调休上班, on a weekend). `updated_by` is a plain id,
 * like the audit log's actor, so that the calendar does not depend on the accounts table.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    date: date('date').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name'),
    note: text('note'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('calendar_days_kind_ck', sql`${t.kind} in ('holiday', 'workday')`)],
);
