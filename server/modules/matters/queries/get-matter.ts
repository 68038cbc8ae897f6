import { asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { units } from '../../org/tables.ts';
import { matterEvents, matterUnits } from '../tables.ts';
import { presentMatter, presentMatterEvent } from '../presenter.ts';
import { loadMatter, type MatterRow } from './load-matter.ts';

/** A matter with its units and timeline, if the actor may read it (else 404). */
export async function getMatter(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  return presentMatterDetail(ctx, await loadMatter(ctx.db, actor, id));
}

/**
 * A loaded matter with its units and timeline, presented. Unscoped: callers pass a matter the
 * actor may read or has just acted on (a unit that returns a matter sees the result of its return).
 */
export async function presentMatterDetail(ctx: Ctx, matter: MatterRow) {
  const id = matter.id;
  const [links, events] = await Promise.all([
    ctx.db.select().from(matterUnits).where(eq(matterUnits.matterId, id)),
    ctx.db.select().from(matterEvents).where(eq(matterEvents.matterId, id)).orderBy(asc(matterEvents.id)),
  ]);
  const unitIds = [...new Set([matter.intakeUnitId, matter.unitId, ...links.map((l) => l.unitId)].filter((x): x is string => !!x))];
  const names = await ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds));
  const coUnitIds = links.filter((l) => l.role === 'co').map((l) => l.unitId);
  return { ...presentMatter(matter, new Map(names.map((u) => [u.id, u])), coUnitIds, ctx.keys), events: events.map(presentMatterEvent) };
}
