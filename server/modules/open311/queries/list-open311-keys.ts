import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import { scopedTo } from '../../../core/scope.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { units } from '../../org/tables.ts';
import { open311Keys } from '../tables.ts';
import { presentOpen311Key } from '../presenter.ts';

const keyColumns = { key: open311Keys, unitName: units.name, unitPath: units.path };

/** The issued keys of units in the caller's `open311.manage` scope, newest first (a deployment has a handful). */
export async function listOpen311Keys(ctx: Ctx) {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select(keyColumns)
    .from(open311Keys)
    .innerJoin(units, eq(units.id, open311Keys.unitId))
    .where(scopedTo(units.path, actor, 'open311.manage'))
    .orderBy(desc(open311Keys.createdAt))
    .limit(500);
  return { items: rows.map((r) => presentOpen311Key(r.key, r.unitName)) };
}

/** One issued key in the caller's scope, optionally locked; 404 otherwise. */
export async function loadOpen311Key(db: DbOrTx, ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  const actor = requireActor(ctx);
  const query = db
    .select(keyColumns)
    .from(open311Keys)
    .innerJoin(units, eq(units.id, open311Keys.unitId))
    .where(and(eq(open311Keys.id, id), scopedTo(units.path, actor, 'open311.manage')));
  const [row] = opts.forUpdate ? await query.for('update', { of: open311Keys }) : await query;
  if (!row) throw notFound();
  return row;
}
