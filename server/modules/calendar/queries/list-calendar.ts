import type { Actor } from '../../../core/policy.ts';
import type { Db } from '../../../db/client.ts';
import { canManageCalendar } from '../policy.ts';
import { presentCalendarDay } from '../presenter.ts';
import { loadCalendar } from './load-calendar.ts';

/** A year's holidays and make-up working days, the package's and the admins' merged, each with its source. */
export async function listCalendar(db: Db, actor: Actor, year: number) {
  const calendar = await loadCalendar(db);
  return {
    year,
    isCovered: calendar.isYearCovered(year),
    canManage: canManageCalendar(actor),
    items: calendar.yearEntries(year).map(presentCalendarDay),
  };
}
