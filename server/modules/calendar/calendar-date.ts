/**
 * Calendar dates in China time. A calendar date is a `YYYY-MM-DD` string; instants are `Date`s.
 * China has one time zone, UTC+8, without daylight saving, so the conversion is a fixed offset
 * and does not depend on the server's own time zone.
 */

/** A calendar date written `YYYY-MM-DD`. */
export type CalendarDate = string;

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function toUtcMidnight(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMidnight(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True when `s` is a real day written `YYYY-MM-DD` (2025-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && fromUtcMidnight(toUtcMidnight(s)) === s;
}

/** The calendar date in China of an instant (2024-09-30T16:30Z is 1 October there). */
export function chinaDateOf(instant: Date): CalendarDate {
  return fromUtcMidnight(instant.getTime() + CHINA_OFFSET_MS);
}

/** Today's date in China. */
export function todayInChina(now: Date = new Date()): CalendarDate {
  return chinaDateOf(now);
}

/** The date `n` days after `date` (before, when `n` is negative). */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  return fromUtcMidnight(toUtcMidnight(date) + n * DAY_MS);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

/** The year of a date. */
export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/**
 * The same day `n` months later; when that month is shorter, its last day (31 January + 1 month
 * = 28 or 29 February), as periods in months are counted in Chinese law (民法典 第二百零二条).
 */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number);
  const monthIndex = y * 12 + (m - 1) + n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtcMidnight(Date.UTC(year, month, Math.min(d, lastDay)));
}

/** The last millisecond of a day in China time (23:59:59.999 at UTC+8). */
export function endOfChinaDay(date: CalendarDate): Date {
  return new Date(toUtcMidnight(date) + DAY_MS - CHINA_OFFSET_MS - 1);
}
