import { asc } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { scopedTo } from '../../../core/scope.ts';
import { units } from '../tables.ts';
import { presentUnit } from '../presenter.ts';

/** Every unit in the caller's scope, flat, ordered so parents come before children. */
export async function listUnitTree(ctx: Ctx) {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select()
    .from(units)
    .where(scopedTo(units.path, actor, 'unit.read'))
    .orderBy(asc(units.depth), asc(units.sortOrder), asc(units.name));
  return rows.map(presentUnit);
}
