import { createRequire } from 'node:module';
import { z } from 'zod';
import { yearOf, type CalendarDate } from './calendar-date.ts';

/** A day off or working day as declared by the State Council's notice (or an admin). */
export interface DeclaredDay {
  kind: 'holiday' | 'workday';
  /** Chinese name of the festival, e.g. 国庆节. */
  name: string | null;
  /** English name of the festival, when known. */
  nameEn: string | null;
}

/** The holiday arrangements shipped in the `chinese-days` package. */
export interface PackageCalendar {
  days: ReadonlyMap<CalendarDate, DeclaredDay>;
  firstYear: number;
  lastYear: number;
}

// The package's JSON (documented in its README) is read rather than its functions: isWorkday()
// and getDayDetail() read dates in the server's local time zone and return the wrong day on a
// server west of UTC.
const ZPackageData = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

// Entries look like "National Day,国庆节,3": English name, Chinese name, length of the holiday.
function declared(kind: DeclaredDay['kind'], label: string): DeclaredDay {
  const [nameEn, name] = label.split(',');
  return { kind, name: name?.trim() || null, nameEn: nameEn?.trim() || null };
}

/** Builds the package calendar from its raw data; exported for tests of the parsing. */
export function parsePackageCalendar(raw: unknown): PackageCalendar {
  const data = ZPackageData.parse(raw);
  const days = new Map<CalendarDate, DeclaredDay>();
  for (const [date, label] of Object.entries(data.holidays)) days.set(date, declared('holiday', label));
  // A make-up working day is never also a holiday; should the data ever say so, work wins.
  for (const [date, label] of Object.entries(data.workdays)) days.set(date, declared('workday', label));
  const years = [...days.keys()].map(yearOf);
  return { days, firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

let loaded: PackageCalendar | undefined;

/** The holiday data of the installed `chinese-days` package, read once. */
export function packageCalendar(): PackageCalendar {
  loaded ??= parsePackageCalendar(createRequire(import.meta.url)('chinese-days/dist/chinese-days.json'));
  return loaded;
}
