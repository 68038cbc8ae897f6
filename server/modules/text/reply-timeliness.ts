import type { WorkingCalendar } from '../calendar/working-calendar.ts';

/** How long a reply took and what that is worth. */
export interface ReplyTimeliness {
  /** Working days after the message's day up to and including the reply's day (China dates). */
  workingDays: number;
  /** Elapsed calendar days, with fractions. */
  calendarDays: number;
  /** 1 within 5 working days, falling to 0.7 at 15 (the normal resolve limit), 0.3 at 30, 0 at 60. */
  score: number;
}

const TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** True when a time is written `YYYY-MM-DD HH:MM[:SS]`. */
export function isReplyTime(s: string): boolean {
  return TIME.test(s.trim());
}

/** Milliseconds of a `YYYY-MM-DD HH:MM:SS` China time, only to subtract two of them. */
function instant(s: string): number {
  const m = TIME.exec(s.trim())!;
  return Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}+08:00`);
}

/** Piecewise-linear score of working days: see `ReplyTimeliness.score`. */
function scoreOf(days: number): number {
  const points: [number, number][] = [[5, 1], [15, 0.7], [30, 0.3], [60, 0]];
  if (days <= points[0][0]) return 1;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (days <= x1) return y0 + ((y1 - y0) * (days - x0)) / (x1 - x0);
  }
  return 0;
}

/**
 * Timeliness of a reply: working days between the message and the reply on the Chinese
 * working-day calendar (holidays and make-up days counted), both times written
 * `YYYY-MM-DD HH:MM:SS` in China time. A reply dated before its message gets -1 working days
 * and score 0 (the data is wrong; the caller says so).
 */
export function replyTimeliness(time: string, replyTime: string, calendar: WorkingCalendar): ReplyTimeliness {
  const from = time.trim().slice(0, 10);
  const to = replyTime.trim().slice(0, 10);
  const calendarDays = (instant(replyTime) - instant(time)) / 86_400_000;
  if (calendarDays < 0) return { workingDays: -1, calendarDays, score: 0 };
  const workingDays = calendar.workingDaysBetween(from, to);
  return { workingDays, calendarDays, score: scoreOf(workingDays) };
}
