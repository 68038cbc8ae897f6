import { describe, expect, it } from 'vitest';
import { addDays, addMonths, chinaDateOf, endOfChinaDay, isCalendarDate, weekdayOf } from './calendar-date.ts';
import { packageCalendar, parsePackageCalendar } from './package-calendar.ts';
import { WorkingCalendar, type CalendarOverride } from './working-calendar.ts';

const pkg = packageCalendar();
const calendar = new WorkingCalendar(pkg);

function override(date: string, kind: 'holiday' | 'workday', name: string | null = null): CalendarOverride {
  return { date, kind, name, nameEn: null, note: null, updatedAt: null };
}

describe('China dates', () => {
  it('turns instants into China dates whatever the server time zone', () => {
    expect(chinaDateOf(new Date('2024-09-30T15:59:59Z'))).toBe('2024-09-30');
    expect(chinaDateOf(new Date('2024-09-30T16:30:00Z'))).toBe('2024-10-01');
    expect(endOfChinaDay('2024-10-01').toISOString()).toBe('2024-10-01T15:59:59.999Z');
    expect(chinaDateOf(endOfChinaDay('2024-10-01'))).toBe('2024-10-01');
    expect(chinaDateOf(new Date(endOfChinaDay('2024-10-01').getTime() + 1))).toBe('2024-10-02');
  });

  it('knows real dates, weekdays, and month ends', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2025-02-29', '2025-02-30', '2025-13-01', '2025-1-1', '20250101', '2025-04-31']) expect(isCalendarDate(bad), bad).toBe(false);
    expect(weekdayOf('2024-09-29')).toBe(0);
    expect(weekdayOf('2024-10-12')).toBe(6);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2024-09-27', 1)).toBe('2024-10-27');
  });
});

describe('package data', () => {
  it('covers 2004 to at least 2026', () => {
    expect(pkg.firstYear).toBe(2004);
    expect(pkg.lastYear).toBeGreaterThanOrEqual(2026);
    expect(calendar.packageCoverage()).toBe(`${pkg.lastYear}-12-31`);
  });

  it('has National Day 2024: 1–7 October off, Sunday 29 September and Saturday 12 October worked', () => {
    for (let d = 1; d <= 7; d++) expect(calendar.declaredDay(`2024-10-0${d}`)).toEqual({ kind: 'holiday', name: '国庆节', nameEn: 'National Day' });
    expect(calendar.declaredDay('2024-09-29')).toEqual({ kind: 'workday', name: '国庆节', nameEn: 'National Day' });
    expect(calendar.declaredDay('2024-10-12')?.kind).toBe('workday');
    expect(calendar.isWorkingDay('2024-09-29')).toBe(true);
    expect(calendar.isWorkingDay('2024-10-12')).toBe(true);
    expect(calendar.isWorkingDay('2024-10-07')).toBe(false);
    expect(calendar.isWorkingDay('2024-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2024-10-13')).toBe(false);
  });

  it('has Spring Festival 2025: 28 January – 4 February off, Sunday 26 January and Saturday 8 February worked', () => {
    const off = ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04'];
    for (const d of off) expect(calendar.declaredDay(d)?.name, d).toBe('春节');
    for (const d of off) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(weekdayOf('2025-01-26')).toBe(0);
    expect(weekdayOf('2025-02-08')).toBe(6);
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true);
    expect(calendar.isWorkingDay('2025-01-27')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-05')).toBe(true);
  });

  it('agrees with the package’s own isWorkday on every day it has data for', async () => {
    // The package's functions work in the process's local time and go wrong west of UTC (one
    // reason the calendar reads its JSON instead), so compare with them in China time.
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const { default: chineseDays } = await import('chinese-days');
      for (let date = `${pkg.firstYear}-01-01`; date <= `${pkg.lastYear}-12-31`; date = addDays(date, 1)) {
        if (calendar.isWorkingDay(date) !== chineseDays.isWorkday(date)) expect.fail(`disagrees on ${date}`);
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('refuses data in an unexpected shape, so a package upgrade cannot break deadlines silently', () => {
    expect(() => parsePackageCalendar({ holidays: ['2024-10-01'] })).toThrow();
  });
});

describe('working days', () => {
  it('counts working days after a date, make-up days included', () => {
    expect(calendar.addWorkingDays('2024-09-27', 0)).toBe('2024-09-27');
    expect(calendar.addWorkingDays('2024-09-27', 1)).toBe('2024-09-29');
    expect(calendar.addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(calendar.addWorkingDays('2024-10-03', 1)).toBe('2024-10-08');
    expect(calendar.addWorkingDays('2024-10-11', 1)).toBe('2024-10-12');
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(calendar.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
    expect(() => calendar.addWorkingDays('2025-01-27', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-01-27', 1.5)).toThrow(RangeError);
  });

  it('counts working days between two dates, the first excluded and the last included', () => {
    // 29 Sep, 30 Sep, 8–11 Oct, 12 Oct (make-up), 14 Oct.
    expect(calendar.workingDaysBetween('2024-09-27', '2024-10-14')).toBe(8);
    expect(calendar.workingDaysBetween('2024-10-14', '2024-09-27')).toBe(-8);
    expect(calendar.workingDaysBetween('2024-10-01', '2024-10-07')).toBe(0);
    expect(calendar.workingDaysBetween('2024-10-01', '2024-10-01')).toBe(0);
    for (const n of [0, 1, 5, 15, 40]) expect(calendar.workingDaysBetween('2025-01-20', calendar.addWorkingDays('2025-01-20', n))).toBe(n);
  });

  it('follows admins’ overrides over the package and the ordinary week', () => {
    const year = pkg.lastYear + 1;
    const c = new WorkingCalendar(pkg, [
      override(`${year}-01-01`, 'holiday', '元旦'),
      override(`${year}-01-02`, 'holiday', '元旦'),
      override('2024-10-07', 'workday', '更正'),
      override('2024-10-13', 'workday'),
    ]);
    expect(c.isWorkingDay(`${year}-01-01`)).toBe(false);
    expect(c.isWorkingDay('2024-10-07')).toBe(true);
    expect(c.isWorkingDay('2024-10-13')).toBe(true);
    expect(c.addWorkingDays('2024-09-30', 1)).toBe('2024-10-07');
    const entry = c.entryOf('2024-10-07');
    expect(entry).toMatchObject({ kind: 'workday', name: '更正', source: 'override', packageDay: { kind: 'holiday', name: '国庆节' } });
    expect(c.entryOf('2024-10-08')).toBeNull();
    expect(c.yearEntries(year).map((e) => [e.date, e.source])).toEqual([[`${year}-01-01`, 'override'], [`${year}-01-02`, 'override']]);
  });
});

describe('coverage', () => {
  const last = pkg.lastYear;

  it('ends with the package’s last year, and warns within 60 days of it', () => {
    expect(calendar.coverage()).toBe(`${last}-12-31`);
    expect(calendar.coversNext(`${last}-11-01`, 60)).toBe(true);
    expect(calendar.coversNext(`${last}-11-02`, 60)).toBe(false);
    expect(calendar.isYearCovered(last)).toBe(true);
    expect(calendar.isYearCovered(last + 1)).toBe(false);
  });

  it('extends year by year while admins declare holidays, and stops at a gap', () => {
    const c = new WorkingCalendar(pkg, [override(`${last + 1}-01-01`, 'holiday'), override(`${last + 3}-01-01`, 'holiday'), override(`${last + 2}-01-04`, 'workday')]);
    expect(c.coverage()).toBe(`${last + 1}-12-31`);
    expect(c.coversNext(`${last}-11-23`, 60)).toBe(true);
    expect(c.isYearCovered(last + 2)).toBe(false);
    expect(c.isYearCovered(last + 3)).toBe(true);
  });
});
