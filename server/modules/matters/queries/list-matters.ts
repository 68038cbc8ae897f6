import { and, desc, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../../core/cursor.ts';
import { scopedTo } from '../../../core/scope.ts';
import { matters } from '../tables.ts';
import { isMatterOverdue } from '../presenter.ts';
import type { TMatter, TMattersQuery } from '../schema.ts';

/**
 * The inbox: matters taken in or handled inside the actor's scope, newest first, filtered by
 * status and lateness; keyset pages on (created_at, id).
 */
export async function listMatters(ctx: Ctx, q: TMattersQuery) {
  const actor = requireActor(ctx);
  const now = new Date();
  const where: SQL[] = [or(scopedTo(matters.intakeUnitPath, actor, 'matter.read'), scopedTo(matters.unitPath, actor, 'matter.read'))!];
  if (q.status) where.push(sql`${matters.status} = ${q.status}`);
  if (q.overdue !== undefined) {
    // The same rule as isMatterOverdue, in SQL.
    const overdue = or(
      and(inArray(matters.status, ['received', 'dispatched']), lt(matters.respondBy, now)),
      and(inArray(matters.status, ['received', 'dispatched', 'in_progress']), lt(matters.resolveBy, now)),
    )!;
    where.push(q.overdue ? overdue : sql`not coalesce(${overdue}, false)`);
  }
  const after = decodeCursor(q.cursor, 2);
  if (after) where.push(sql`(${matters.createdAt}, ${matters.id}) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`);
  const rows = await ctx.db
    .select()
    .from(matters)
    .where(and(...where))
    .orderBy(desc(matters.createdAt), desc(matters.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((m) => ({
      id: m.id,
      code: m.code,
      kind: m.kind as TMatter['kind'],
      origin: m.origin as TMatter['origin'],
      title: m.title,
      urgency: m.urgency as TMatter['urgency'],
      status: m.status as TMatter['status'],
      unitId: m.unitId,
      respondBy: m.respondBy?.toISOString() ?? null,
      resolveBy: m.resolveBy?.toISOString() ?? null,
      isOverdue: isMatterOverdue(m, now),
      createdAt: m.createdAt.toISOString(),
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
