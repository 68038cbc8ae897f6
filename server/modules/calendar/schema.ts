import { z } from 'zod';
import { isCalendarDate } from './calendar-date.ts';

export const dayKinds = ['holiday', 'workday'] as const;

/** A real day from 2000 to 2099 written `YYYY-MM-DD` (2025-02-30 is refused). */
export const ZCalendarDate = z
  .string()
  .regex(/^20\d\d-\d\d-\d\d$/, { error: '@CALENDAR_DATE', abort: true })
  .refine(isCalendarDate, { error: '@CALENDAR_DATE' });

export const ZCalendarDayParams = z.strictObject({ date: ZCalendarDate });

export const ZCalendarYearQuery = z.strictObject({
  year: z.coerce.number({ error: '@CALENDAR_YEAR' }).int({ error: '@CALENDAR_YEAR' }).min(2000, { error: '@CALENDAR_YEAR' }).max(2099, { error: '@CALENDAR_YEAR' }).optional(),
});

export const ZCalendarDayRequest = z.strictObject({
  kind: z.enum(dayKinds),
  name: z.string().trim().min(1).max(50).nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type TCalendarDayRequest = z.infer<typeof ZCalendarDayRequest>;

const ZDeclaredDay = z.object({ kind: z.enum(dayKinds), name: z.string().nullable(), nameEn: z.string().nullable() });

export const ZCalendarDay = ZDeclaredDay.extend({
  date: z.string(),
  /** 0 = Sunday … 6 = Saturday. */
  weekday: z.number(),
  source: z.enum(['package', 'override']),
  note: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** What the built-in data says about the day, when an override replaces it. */
  packageDay: ZDeclaredDay.nullable(),
});
export type TCalendarDay = z.infer<typeof ZCalendarDay>;

export const ZCalendarYear = z.object({
  year: z.number(),
  /** True when the year's holiday arrangement is known (built-in data or entered by an admin). */
  isCovered: z.boolean(),
  canManage: z.boolean(),
  items: z.array(ZCalendarDay),
});

export const ZCalendarStatus = z.object({
  today: z.string(),
  /** Last day the calendar is known to be right. */
  coveredThrough: z.string(),
  /** Last day of the built-in data of the `chinese-days` package. */
  packageThrough: z.string(),
  coversNext60: z.boolean(),
  warning: z.object({ code: z.string(), message: z.string() }).nullable(),
  canManage: z.boolean(),
});
export type TCalendarStatus = z.infer<typeof ZCalendarStatus>;
