import type { CalendarEntry } from './working-calendar.ts';
import type { TCalendarDay } from './schema.ts';
import type { calendarDays } from './tables.ts';

/** A declared day as the API shows it. */
export function presentCalendarDay(e: CalendarEntry): TCalendarDay {
  return { ...e, updatedAt: e.updatedAt?.toISOString() ?? null };
}

/** An override row as the audit log records it. */
export function presentOverrideForAudit(row: typeof calendarDays.$inferSelect) {
  return { date: row.date, kind: row.kind, name: row.name, note: row.note };
}
