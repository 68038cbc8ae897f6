import { describe, expect, it } from 'vitest';
import { chinaDateOf } from './calendar-date.ts';
import { packageCalendar } from './package-calendar.ts';
import { WorkingCalendar } from './working-calendar.ts';
import { computeDeadlines, defaultDeadlineRules, type DeadlineRules } from './compute-deadlines.ts';

const calendar = new WorkingCalendar(packageCalendar());
const iso = (d: Date) => d.toISOString();
// The instant a China-time deadline day ends, written as UTC.
const endOf = (date: string) => `${date}T15:59:59.999Z`;

describe('deadlines across National Day 2024 (1–7 Oct off; Sun 29 Sep and Sat 12 Oct worked)', () => {
  it('normal, received Friday 27 Sep: respond by the Sunday make-up day, resolve by the 15th working day', () => {
    const d = computeDeadlines(calendar, new Date('2024-09-27T02:00:00Z'), 'normal');
    expect(iso(d.respondBy)).toBe(endOf('2024-09-29'));
    // 29, 30 Sep; 8, 9, 10, 11, 12 (Sat), 14, 15, 16, 17, 18, 21, 22, 23 Oct. Without make-up days it would be 25 Oct.
    expect(iso(d.resolveBy)).toBe(endOf('2024-10-23'));
    expect(d.isProvisional).toBe(false);
  });

  it('urgent, received Monday 30 Sep at 15:00: respond in 2 clock hours, resolve by the first day after the holiday', () => {
    const d = computeDeadlines(calendar, new Date('2024-09-30T07:00:00Z'), 'urgent');
    expect(iso(d.respondBy)).toBe('2024-09-30T09:00:00.000Z');
    expect(iso(d.resolveBy)).toBe(endOf('2024-10-08'));
  });

  it('urgent, received during the holiday: resolve by the first working day after it', () => {
    const d = computeDeadlines(calendar, new Date('2024-10-04T01:00:00Z'), 'urgent');
    expect(iso(d.resolveBy)).toBe(endOf('2024-10-08'));
  });

  it('counts from the China date of receipt, not the UTC date, near midnight', () => {
    // 2024-09-30T16:30Z is 00:30 on 1 October in China: the first day of the holiday.
    const late = new Date('2024-09-30T16:30:00Z');
    expect(chinaDateOf(late)).toBe('2024-10-01');
    expect(iso(computeDeadlines(calendar, late, 'urgent').respondBy)).toBe('2024-09-30T18:30:00.000Z');
    // 23:30 on Saturday 28 Sep in China: the next working day is the Sunday make-up day.
    expect(iso(computeDeadlines(calendar, new Date('2024-09-28T15:30:00Z'), 'urgent').resolveBy)).toBe(endOf('2024-09-29'));
    // 00:30 on Sunday 29 Sep in China (still the 28th in UTC): the Sunday is the day of receipt, not counted.
    expect(iso(computeDeadlines(calendar, new Date('2024-09-28T16:30:00Z'), 'urgent').resolveBy)).toBe(endOf('2024-09-30'));
  });
});

describe('deadlines across Spring Festival 2025 (28 Jan – 4 Feb off; Sun 26 Jan and Sat 8 Feb worked)', () => {
  it('normal, received Friday 24 Jan: respond by Sunday 26 Jan, resolve by 20 Feb', () => {
    const d = computeDeadlines(calendar, new Date('2025-01-24T01:00:00Z'), 'normal');
    expect(iso(d.respondBy)).toBe(endOf('2025-01-26'));
    // 26, 27 Jan; 5, 6, 7, 8 (Sat), 10–14, 17, 18, 19, 20 Feb.
    expect(iso(d.resolveBy)).toBe(endOf('2025-02-20'));
  });

  it('urgent, received Monday 27 Jan, the eve of the holiday: resolve by 5 Feb', () => {
    const d = computeDeadlines(calendar, new Date('2025-01-27T09:00:00Z'), 'urgent');
    expect(iso(d.respondBy)).toBe('2025-01-27T11:00:00.000Z');
    expect(iso(d.resolveBy)).toBe(endOf('2025-02-05'));
  });

  it('urgent, received just after midnight on the Sunday make-up day: that day is not counted', () => {
    expect(iso(computeDeadlines(calendar, new Date('2025-01-25T15:30:00Z'), 'urgent').resolveBy)).toBe(endOf('2025-01-26'));
    expect(iso(computeDeadlines(calendar, new Date('2025-01-25T16:30:00Z'), 'urgent').resolveBy)).toBe(endOf('2025-01-27'));
  });
});

describe('the one-month cap', () => {
  it('holds a resolution deadline to the same day next month, or that month’s last day', () => {
    const received = new Date('2026-01-30T02:00:00Z');
    // Spring Festival 2026 (15–23 Feb off; Sat 14 and Sat 28 Feb worked): 15 working days end on 27 Feb, inside the cap.
    expect(iso(computeDeadlines(calendar, received, 'normal').resolveBy)).toBe(endOf('2026-02-27'));
    // With 20 working days (5 March) the cap wins: 30 January + 1 month = 28 February.
    const longer: DeadlineRules = { ...defaultDeadlineRules, normal: { ...defaultDeadlineRules.normal, resolve: { workingDays: 20 } } };
    expect(iso(computeDeadlines(calendar, received, 'normal', longer).resolveBy)).toBe(endOf('2026-02-28'));
    const uncapped: DeadlineRules = { ...longer, normal: { respond: { workingDays: 1 }, resolve: { workingDays: 20 } } };
    expect(iso(computeDeadlines(calendar, received, 'normal', uncapped).resolveBy)).toBe(endOf('2026-03-05'));
  });
});

describe('coverage of a deadline', () => {
  it('marks deadlines beyond the known calendar as provisional', () => {
    const last = packageCalendar().lastYear;
    const d = computeDeadlines(calendar, new Date(`${last}-12-20T02:00:00Z`), 'normal');
    expect(d.isProvisional).toBe(true);
    const declared = new WorkingCalendar(packageCalendar(), [{ date: `${last + 1}-01-01`, kind: 'holiday', name: '元旦', nameEn: null, note: null, updatedAt: null }]);
    expect(computeDeadlines(declared, new Date(`${last}-12-20T02:00:00Z`), 'normal').isProvisional).toBe(false);
  });
});

describe('a category’s own rule (one urgency, from deadlineRuleFor)', () => {
  // A category that must resolve water-supply matters in 5 working days, urgent ones respond in 4 hours and resolve in 2 working days.
  const water: DeadlineRules = {
    normal: { respond: { workingDays: 1 }, resolve: { workingDays: 5 }, resolveCapMonths: 1 },
    urgent: { respond: { hours: 4 }, resolve: { workingDays: 2 } },
  };

  it('National Day 2024: 5 working days from Friday 27 Sep count the Sunday make-up day and skip the holiday', () => {
    const d = computeDeadlines(calendar, new Date('2024-09-27T02:00:00Z'), 'normal', water.normal);
    expect(iso(d.respondBy)).toBe(endOf('2024-09-29'));
    // 29 (Sun, worked), 30 Sep; 8, 9, 10 Oct.
    expect(iso(d.resolveBy)).toBe(endOf('2024-10-10'));
  });

  it('National Day 2024: urgent, received Monday 30 Sep at 15:00 — 4 clock hours, 2 working days after the holiday', () => {
    const d = computeDeadlines(calendar, new Date('2024-09-30T07:00:00Z'), 'urgent', water.urgent);
    expect(iso(d.respondBy)).toBe('2024-09-30T11:00:00.000Z');
    expect(iso(d.resolveBy)).toBe(endOf('2024-10-09'));
  });

  it('Spring Festival 2025: 10 working days from Friday 24 Jan count Sun 26 Jan and Sat 8 Feb', () => {
    const rule = { respond: { workingDays: 2 }, resolve: { workingDays: 10 }, resolveCapMonths: 1 };
    const d = computeDeadlines(calendar, new Date('2025-01-24T01:00:00Z'), 'normal', rule);
    // 26, 27 Jan; 5, 6, 7, 8 (Sat), 10, 11, 12, 13 Feb.
    expect(iso(d.respondBy)).toBe(endOf('2025-01-27'));
    expect(iso(d.resolveBy)).toBe(endOf('2025-02-13'));
  });

  it('Spring Festival 2025: a category’s 30 working days still end at the one-month cap', () => {
    const rule = { respond: { workingDays: 1 }, resolve: { workingDays: 30 }, resolveCapMonths: 1 };
    expect(iso(computeDeadlines(calendar, new Date('2025-01-24T01:00:00Z'), 'normal', rule).resolveBy)).toBe(endOf('2025-02-24'));
  });

  it('gives the same answer for a rule and for a table holding it', () => {
    const at = new Date('2024-09-27T02:00:00Z');
    expect(computeDeadlines(calendar, at, 'urgent', water.urgent)).toEqual(computeDeadlines(calendar, at, 'urgent', water));
    expect(computeDeadlines(calendar, at, 'normal', defaultDeadlineRules.normal)).toEqual(computeDeadlines(calendar, at, 'normal'));
  });
});
