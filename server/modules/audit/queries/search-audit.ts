import { and, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../../core/cursor.ts';
import { escapeLike, scopedTo } from '../../../core/scope.ts';
import { ZLimit } from '../../org/schema.ts';
import { auditLog } from '../tables.ts';

export const ZAuditQuery = z.strictObject({
  action: z.string().trim().max(60).optional(),
  subjectType: z.string().trim().max(60).optional(),
  subjectId: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  cursor: z.string().max(100).optional(),
  limit: ZLimit,
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

/**
 * Searches the audit log, newest first. Admins see rows of their subtree and rows about their own
 * accounts' sign-ins (which carry no unit path); keyset by id.
 */
export async function searchAudit(ctx: Ctx, q: TAuditQuery) {
  const actor = requireActor(ctx);
  const where: SQL[] = [or(scopedTo(auditLog.unitPath, actor, 'audit.read'), eq(auditLog.actorAccountId, actor.accountId))!];
  if (q.action) where.push(ilike(auditLog.action, `${escapeLike(q.action)}%`));
  if (q.subjectType) where.push(eq(auditLog.subjectType, q.subjectType));
  if (q.subjectId) where.push(eq(auditLog.subjectId, q.subjectId));
  if (q.actor) where.push(ilike(auditLog.actorName, `%${escapeLike(q.actor)}%`));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lt(auditLog.at, q.to.length === 10 ? new Date(new Date(q.to).getTime() + 86_400_000) : new Date(q.to)));
  const after = decodeCursor(q.cursor, 1);
  if (after) where.push(lt(auditLog.id, Number(after[0])));
  const rows = await ctx.db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({ id: r.id, at: r.at.toISOString(), actorName: r.actorName, action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, before: r.before, after: r.after, ip: r.ip })),
    nextCursor: rows.length > q.limit ? encodeCursor([page[page.length - 1].id]) : null,
  };
}
