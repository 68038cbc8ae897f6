import { z } from 'zod';
import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { requireAbility } from '../../core/guards.ts';
import { todayInChina, yearOf } from './calendar-date.ts';
import { ZCalendarDay, ZCalendarDayParams, ZCalendarDayRequest, ZCalendarStatus, ZCalendarYear, ZCalendarYearQuery } from './schema.ts';
import { listCalendar } from './queries/list-calendar.ts';
import { calendarStatus } from './queries/calendar-status.ts';
import { loadCalendar } from './queries/load-calendar.ts';
import { setCalendarDay } from './commands/set-calendar-day.ts';
import { removeCalendarDay } from './commands/remove-calendar-day.ts';

/** HTTP routes of the calendar module: the working-day calendar, its coverage, admins' overrides. */
export function registerCalendarRoutes(app: App, { database, config }: ModuleDeps): void {
  const db = database.db;
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, db, config);

  app.get(
    '/calendar',
    { schema: { tags: ['calendar'], summary: "A year's holidays and make-up working days (built-in and set by admins); this year by default", querystring: ZCalendarYearQuery, response: { 200: ZCalendarYear } } },
    async (req) => {
      const actor = requireAbility(req, 'unit.read');
      return listCalendar(db, actor, req.query.year ?? yearOf(todayInChina()));
    },
  );
  app.get(
    '/calendar/status',
    { schema: { tags: ['calendar'], summary: 'How far the holiday calendar is known; a warning when not the next 60 days', response: { 200: ZCalendarStatus } } },
    async (req) => {
      const actor = requireAbility(req, 'unit.read');
      return calendarStatus(await loadCalendar(db), actor, req.lang, todayInChina());
    },
  );
  app.put(
    '/calendar/days/:date',
    { schema: { tags: ['calendar'], summary: 'Declare a day a holiday or a (make-up) working day; overrides the built-in data', params: ZCalendarDayParams, body: ZCalendarDayRequest, response: { 200: ZCalendarDay } } },
    async (req) => {
      requireAbility(req, 'calendar.manage');
      return setCalendarDay(ctx(req), req.params.date, req.body);
    },
  );
  app.delete(
    '/calendar/days/:date',
    { schema: { tags: ['calendar'], summary: "Remove an admin's setting of a day (the built-in data applies again)", params: ZCalendarDayParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      requireAbility(req, 'calendar.manage');
      await removeCalendarDay(ctx(req), req.params.date);
      return { ok: true as const };
    },
  );
}
