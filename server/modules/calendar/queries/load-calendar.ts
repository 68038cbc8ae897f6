import type { Db, DbOrTx } from '../../../db/client.ts';
import { calendarDays } from '../tables.ts';
import { packageCalendar } from '../package-calendar.ts';
import { WorkingCalendar, type CalendarOverride } from '../working-calendar.ts';
import { dayKinds } from '../schema.ts';

/**
 * How long another instance may keep using a calendar it cached. This instance forgets its copy
 * at once when a command changes the overrides; others see the change within this time.
 */
export const CALENDAR_CACHE_MS = 60_000;

const cache = new WeakMap<object, { calendar: WorkingCalendar; loadedAt: number }>();
// Bumped by forgetCalendar, so that a load that started before a change does not cache stale days.
const generations = new WeakMap<object, number>();

/** Reads the overrides (one query) and builds the calendar, uncached (inside a transaction, say). */
export async function readCalendar(db: DbOrTx): Promise<WorkingCalendar> {
  const rows = await db.select().from(calendarDays);
  const overrides: CalendarOverride[] = rows.map((r) => ({
    date: r.date,
    kind: r.kind as (typeof dayKinds)[number],
    name: r.name,
    nameEn: null,
    note: r.note,
    updatedAt: r.updatedAt,
  }));
  return new WorkingCalendar(packageCalendar(), overrides);
}

/** The working calendar of a database, cached in memory per database. */
export async function loadCalendar(db: Db, now: number = Date.now()): Promise<WorkingCalendar> {
  const hit = cache.get(db);
  if (hit && now - hit.loadedAt < CALENDAR_CACHE_MS) return hit.calendar;
  const generation = generations.get(db) ?? 0;
  const calendar = await readCalendar(db);
  if ((generations.get(db) ?? 0) === generation) cache.set(db, { calendar, loadedAt: now });
  return calendar;
}

/** Forgets the cached calendar of a database; commands call it after committing a change. */
export function forgetCalendar(db: Db): void {
  cache.delete(db);
  generations.set(db, (generations.get(db) ?? 0) + 1);
}
