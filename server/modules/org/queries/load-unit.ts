import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import type { Actor, Action } from '../../../core/policy.ts';
import { notFound } from '../../../core/errors.ts';
import { scopedTo } from '../../../core/scope.ts';
import { units } from '../tables.ts';

/** Loads a unit the actor may act on with `action`; anything else is a 404. Locks it when asked. */
export async function loadUnit(db: DbOrTx, actor: Actor, id: string, action: Action = 'unit.read', forUpdate = false) {
  const q = db.select().from(units).where(and(eq(units.id, id), scopedTo(units.path, actor, action)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}
