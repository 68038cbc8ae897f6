import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { notFound, forbidden } from '../../../core/errors.ts';
import { can, type Actor } from '../../../core/policy.ts';
import { scopedTo } from '../../../core/scope.ts';
import { matterClasses } from '../tables.ts';

export type MatterClassRow = typeof matterClasses.$inferSelect;

/** A class (一类问题) whose owner unit the actor may read matters of; anything else is 404. */
export async function loadMatterClass(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<MatterClassRow> {
  const query = db
    .select()
    .from(matterClasses)
    .where(and(eq(matterClasses.id, id), scopedTo(matterClasses.ownerUnitPath, actor, 'matter.read')));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

/** True when the actor may change the class: a leader (or admin) over its owner unit. */
export function canManageClass(actor: Actor, c: Pick<MatterClassRow, 'ownerUnitPath'>): boolean {
  return can(actor, 'matter.lead', c.ownerUnitPath);
}

/** 403 unless the actor may change the class. */
export function assertManageClass(actor: Actor, c: Pick<MatterClassRow, 'ownerUnitPath'>): void {
  if (!canManageClass(actor, c)) throw forbidden();
}
