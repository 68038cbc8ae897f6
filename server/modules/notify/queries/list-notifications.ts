import { and, count, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../../core/cursor.ts';
import { notifications } from '../tables.ts';
import { presentNotification } from '../presenter.ts';
import type { TNotificationsQuery } from '../schema.ts';

/** The caller's own notifications, newest first, keyset on id; `unread` keeps the unread ones. */
export async function listNotifications(ctx: Ctx, query: TNotificationsQuery) {
  const actor = requireActor(ctx);
  const cursor = decodeCursor(query.cursor, 1);
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.accountId, actor.accountId), query.unread ? isNull(notifications.readAt) : undefined, cursor ? lt(notifications.id, Number(cursor[0])) : undefined))
    .orderBy(desc(notifications.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { items: page.map((n) => presentNotification(n, ctx.lang)), nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1].id]) : null };
}

/** How many of the caller's notifications are unread (the number on the bell). */
export async function countUnreadNotifications(ctx: Ctx): Promise<number> {
  const actor = requireActor(ctx);
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, actor.accountId), isNull(notifications.readAt)));
  return Number(n);
}
