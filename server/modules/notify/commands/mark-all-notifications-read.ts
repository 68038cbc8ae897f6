import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { notifications } from '../tables.ts';

/** Marks every unread notification of the caller read; answers how many changed (no audit row, see markNotificationRead). */
export async function markAllNotificationsRead(ctx: Ctx): Promise<number> {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.accountId, actor.accountId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
