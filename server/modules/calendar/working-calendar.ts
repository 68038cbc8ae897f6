import { addDays, weekdayOf, yearOf, type CalendarDate } from './calendar-date.ts';
import type { DeclaredDay, PackageCalendar } from './package-calendar.ts';

/** An admin's override of one day; it wins over the package's data for that date. */
export interface CalendarOverride extends DeclaredDay {
  date: CalendarDate;
  note: string | null;
  updatedAt: Date | null;
}

/** One declared day of a year as the calendar uses it, and where that comes from. */
export interface CalendarEntry extends DeclaredDay {
  date: CalendarDate;
  weekday: number;
  source: 'package' | 'override';
  note: string | null;
  updatedAt: Date | null;
  /** What the package says about the day, when an override replaces it. */
  packageDay: DeclaredDay | null;
}

/**
 * The Chinese working-day calendar: Monday to Friday are working days except public holidays
 * (节假日), and some weekend days are make-up working days (调休上班). Built from the package's
 * data and the admins' overrides; pure, so deadlines can be computed and tested without a
 * database. Dates are China dates (`YYYY-MM-DD`).
 */
export class WorkingCalendar {
  private readonly overrides: ReadonlyMap<CalendarDate, CalendarOverride>;
  /** Years for which an admin has declared at least one holiday, i.e. entered that year's notice. */
  private readonly overrideHolidayYears: ReadonlySet<number>;

  constructor(
    private readonly pkg: PackageCalendar,
    overrides: Iterable<CalendarOverride> = [],
  ) {
    this.overrides = new Map([...overrides].map((o) => [o.date, o]));
    this.overrideHolidayYears = new Set([...this.overrides.values()].filter((o) => o.kind === 'holiday').map((o) => yearOf(o.date)));
  }

  /** The day as declared by an override or the package, or null for an ordinary weekday or weekend. */
  declaredDay(date: CalendarDate): DeclaredDay | null {
    return this.overrides.get(date) ?? this.pkg.days.get(date) ?? null;
  }

  /** True when people work on that day (a weekday that is not a holiday, or a make-up working day). */
  isWorkingDay(date: CalendarDate): boolean {
    const declared = this.declaredDay(date);
    if (declared) return declared.kind === 'workday';
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The n-th working day after `start`, not counting `start` itself (periods start on the next
   * day, 民法典 第二百零一条); `n = 0` gives `start`.
   */
  addWorkingDays(start: CalendarDate, n: number): CalendarDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
    let date = start;
    // Ends: overrides and package data are finite, and past them every week has five working days.
    for (let left = n; left > 0; ) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) left--;
    }
    return date;
  }

  /** Working days in (a, b]: after `a`, up to and including `b`; negative when `b` is before `a`. */
  workingDaysBetween(a: CalendarDate, b: CalendarDate): number {
    if (b < a) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let date = addDays(a, 1); date <= b; date = addDays(date, 1)) if (this.isWorkingDay(date)) count++;
    return count;
  }

  /** True when the year's holiday arrangement is known, from the package or from admins. */
  isYearCovered(year: number): boolean {
    return (year >= this.pkg.firstYear && year <= this.pkg.lastYear) || this.overrideHolidayYears.has(year);
  }

  /** The last day of the package's data. */
  packageCoverage(): CalendarDate {
    return `${this.pkg.lastYear}-12-31`;
  }

  /**
   * The last day the calendar is known to be right: the end of the package's last year, extended
   * year by year while admins have declared holidays for the following year. A gap year stops it,
   * since working days counted across that year could be wrong.
   */
  coverage(): CalendarDate {
    let year = this.pkg.lastYear;
    while (this.overrideHolidayYears.has(year + 1)) year++;
    return `${year}-12-31`;
  }

  /** True when every day from `today` to `days` days later lies within the coverage. */
  coversNext(today: CalendarDate, days: number): boolean {
    return addDays(today, days) <= this.coverage();
  }

  /** A declared day (holiday or make-up working day) with its source, or null for an ordinary day. */
  entryOf(date: CalendarDate): CalendarEntry | null {
    const override = this.overrides.get(date);
    const packageDay = this.pkg.days.get(date) ?? null;
    const day = override ?? packageDay;
    if (!day) return null;
    return {
      date,
      weekday: weekdayOf(date),
      kind: day.kind,
      name: day.name,
      nameEn: day.nameEn,
      source: override ? 'override' : 'package',
      note: override?.note ?? null,
      updatedAt: override?.updatedAt ?? null,
      packageDay: override ? packageDay : null,
    };
  }

  /** The declared days of a year (holidays and make-up working days), package and overrides merged. */
  yearEntries(year: number): CalendarEntry[] {
    const prefix = `${year}-`;
    const dates = new Set([...this.pkg.days.keys(), ...this.overrides.keys()].filter((d) => d.startsWith(prefix)));
    return [...dates].sort().map((date) => this.entryOf(date)!);
  }
}
