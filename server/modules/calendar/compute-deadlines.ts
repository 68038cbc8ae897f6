import { addMonths, chinaDateOf, endOfChinaDay } from './calendar-date.ts';
import type { WorkingCalendar } from './working-calendar.ts';

/** How urgent a matter is. */
export const urgencies = ['urgent', 'normal'] as const;
export type Urgency = (typeof urgencies)[number];

/** A time allowed: clock hours, or working days on the Chinese calendar. */
export type DeadlineSpan = { hours: number } | { workingDays: number };

/** The response and resolution deadlines (办理时限) of one urgency. */
export interface DeadlineRule {
  respond: DeadlineSpan;
  resolve: DeadlineSpan;
  /** The resolution deadline is never later than this many calendar months after receipt. */
  resolveCapMonths?: number;
}

export type DeadlineRules = Record<Urgency, DeadlineRule>;

/** The defaults of issue 3: urgent — 2 hours / 1 working day; normal — 1 / 15 working days, at most one month. */
export const defaultDeadlineRules: DeadlineRules = {
  urgent: { respond: { hours: 2 }, resolve: { workingDays: 1 } },
  normal: { respond: { workingDays: 1 }, resolve: { workingDays: 15 }, resolveCapMonths: 1 },
};

/** The deadlines of a matter. */
export interface Deadlines {
  respondBy: Date;
  resolveBy: Date;
  /** True when a deadline falls after the calendar's coverage, so a holiday notice may still move it. */
  isProvisional: boolean;
}

// A working-day span ends with the last millisecond of its last working day in China time: staff
// have that whole day, and "by 15 October" means what people read on the notice.
function spanEnd(calendar: WorkingCalendar, receivedAt: Date, span: DeadlineSpan): Date {
  if ('hours' in span) return new Date(receivedAt.getTime() + span.hours * 60 * 60 * 1000);
  return endOfChinaDay(calendar.addWorkingDays(chinaDateOf(receivedAt), span.workingDays));
}

/**
 * The response and resolution deadlines of a matter received at `receivedAt`. Working days are
 * counted from the day after receipt in China time; a month cap ends with the same day of the
 * next month (or that month's last day), whatever kind of day it is. `rules` is either a table of
 * both urgencies or the one rule that applies (a category's, from `deadlineRuleFor`).
 */
export function computeDeadlines(calendar: WorkingCalendar, receivedAt: Date, urgency: Urgency, rules: DeadlineRules | DeadlineRule = defaultDeadlineRules): Deadlines {
  const rule = 'respond' in rules ? rules : rules[urgency];
  const respondBy = spanEnd(calendar, receivedAt, rule.respond);
  let resolveBy = spanEnd(calendar, receivedAt, rule.resolve);
  if (rule.resolveCapMonths !== undefined) {
    const cap = endOfChinaDay(addMonths(chinaDateOf(receivedAt), rule.resolveCapMonths));
    if (cap < resolveBy) resolveBy = cap;
  }
  const latest = respondBy > resolveBy ? respondBy : resolveBy;
  return { respondBy, resolveBy, isProvisional: chinaDateOf(latest) > calendar.coverage() };
}
