import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import type { CalendarDate } from '../calendar-date.ts';
import { calendarDays } from '../tables.ts';
import { calendarManageRoot } from '../policy.ts';
import { presentOverrideForAudit } from '../presenter.ts';
import { forgetCalendar } from '../queries/load-calendar.ts';

/** Removes an admin's override, so the package's data (or the ordinary week) applies to the day again. */
export async function removeCalendarDay(ctx: Ctx, date: CalendarDate): Promise<void> {
  const actor = requireActor(ctx);
  const root = calendarManageRoot(actor);
  if (!root) throw new AppError(403, 'CALENDAR_MANAGE_TOP_LEVEL');
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, date)).for('update');
    // Built-in days cannot be deleted, only overridden: say so rather than a bare 404.
    if (!before) throw new AppError(404, 'CALENDAR_NO_OVERRIDE', { date });
    await tx.delete(calendarDays).where(eq(calendarDays.date, date));
    await appendAudit(tx, ctx, { action: 'calendar.remove', subjectType: 'calendar_day', subjectId: date, unitPath: root, before: presentOverrideForAudit(before) });
  });
  forgetCalendar(ctx.db);
}
