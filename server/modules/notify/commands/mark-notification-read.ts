import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import { notifications } from '../tables.ts';
import { presentNotification } from '../presenter.ts';

/**
 * Marks one of the caller's notifications read (again: keeps the first time). Another account's
 * notification is 404 like one that does not exist. No audit row: this is the reader's own
 * inbox state, like a session's last-seen time, and would only bury the audit log.
 */
export async function markNotificationRead(ctx: Ctx, id: number) {
  const actor = requireActor(ctx);
  const [row] = await ctx.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.accountId, actor.accountId)))
    .returning();
  if (!row) throw notFound();
  return presentNotification(row, ctx.lang);
}
