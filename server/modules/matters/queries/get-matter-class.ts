import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import type { Actor } from '../../../core/policy.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { units } from '../../org/tables.ts';
import { matterClassMembers, matters } from '../tables.ts';
import type { TMatterDetail } from '../schema.ts';
import { canManageClass, loadMatterClass, type MatterClassRow } from './load-matter-class.ts';

/** A class with its members, if the actor may read it (else 404). */
export async function getMatterClass(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  return presentMatterClassDetail(ctx.db, actor, await loadMatterClass(ctx.db, actor, id));
}

/** Classes presented with their owner unit, member count and whether the actor may change them. */
export async function presentMatterClasses(db: DbOrTx, actor: Actor, rows: MatterClassRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [counts, owners] = await Promise.all([
    db.select({ classId: matterClassMembers.classId, n: count() }).from(matterClassMembers).where(inArray(matterClassMembers.classId, ids)).groupBy(matterClassMembers.classId),
    db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, [...new Set(rows.map((r) => r.ownerUnitId))])),
  ]);
  const n = new Map(counts.map((c) => [c.classId, Number(c.n)]));
  const names = new Map(owners.map((u) => [u.id, u.name]));
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    ownerUnit: { id: c.ownerUnitId, name: names.get(c.ownerUnitId) ?? '' },
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    closingNote: c.closingNote,
    memberCount: n.get(c.id) ?? 0,
    can: { manage: canManageClass(actor, c) && !c.closedAt },
  }));
}

/**
 * One class with its members (code, title, status). Unscoped beyond the class itself: the members
 * were readable by whoever added them, and a class shows only what identifies them.
 */
export async function presentMatterClassDetail(db: DbOrTx, actor: Actor, c: MatterClassRow) {
  const [view] = await presentMatterClasses(db, actor, [c]);
  const members = await db
    .select({ id: matters.id, code: matters.code, title: matters.title, status: matters.status })
    .from(matterClassMembers)
    .innerJoin(matters, eq(matters.id, matterClassMembers.matterId))
    .where(eq(matterClassMembers.classId, c.id))
    .orderBy(asc(matterClassMembers.addedAt), asc(matters.id));
  return { ...view, members: members.map((m) => ({ ...m, status: m.status as TMatterDetail['status'] })) };
}
