import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import type { CalendarDate } from '../calendar-date.ts';
import { calendarDays } from '../tables.ts';
import { calendarManageRoot } from '../policy.ts';
import { presentCalendarDay, presentOverrideForAudit } from '../presenter.ts';
import type { TCalendarDay, TCalendarDayRequest } from '../schema.ts';
import { forgetCalendar, loadCalendar } from '../queries/load-calendar.ts';

/** Declares a day a holiday or a working day, replacing what the package or an earlier override said. */
export async function setCalendarDay(ctx: Ctx, date: CalendarDate, input: TCalendarDayRequest): Promise<TCalendarDay> {
  const actor = requireActor(ctx);
  const root = calendarManageRoot(actor);
  if (!root) throw new AppError(403, 'CALENDAR_MANAGE_TOP_LEVEL');
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, date)).for('update');
    const values = { kind: input.kind, name: input.name ?? null, note: input.note ?? null, updatedBy: actor.accountId, updatedAt: new Date() };
    const [row] = await tx
      .insert(calendarDays)
      .values({ date, ...values })
      .onConflictDoUpdate({ target: calendarDays.date, set: values })
      .returning();
    await appendAudit(tx, ctx, {
      action: 'calendar.set',
      subjectType: 'calendar_day',
      subjectId: date,
      unitPath: root,
      before: before ? presentOverrideForAudit(before) : null,
      after: presentOverrideForAudit(row),
    });
  });
  forgetCalendar(ctx.db);
  return presentCalendarDay((await loadCalendar(ctx.db)).entryOf(date)!);
}
