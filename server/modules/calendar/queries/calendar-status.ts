import type { Actor } from '../../../core/policy.ts';
import { messageFor, type Lang } from '../../../core/messages.ts';
import { yearOf, type CalendarDate } from '../calendar-date.ts';
import type { WorkingCalendar } from '../working-calendar.ts';
import { canManageCalendar } from '../policy.ts';
import type { TCalendarStatus } from '../schema.ts';

/** Deadlines run up to a month, so the calendar should always know the next 60 days. */
export const COVERAGE_HORIZON_DAYS = 60;

/** How far the calendar is known, and a warning in the caller's language when that is not 60 days ahead. */
export function calendarStatus(calendar: WorkingCalendar, actor: Actor | null, lang: Lang, today: CalendarDate): TCalendarStatus {
  const coveredThrough = calendar.coverage();
  const coversNext60 = calendar.coversNext(today, COVERAGE_HORIZON_DAYS);
  const params = { coveredThrough, days: COVERAGE_HORIZON_DAYS, nextYear: yearOf(coveredThrough) + 1 };
  return {
    today,
    coveredThrough,
    packageThrough: calendar.packageCoverage(),
    coversNext60,
    warning: coversNext60 ? null : { code: 'CALENDAR_NOT_COVERED', message: messageFor('CALENDAR_NOT_COVERED', lang, params) },
    canManage: canManageCalendar(actor),
  };
}
