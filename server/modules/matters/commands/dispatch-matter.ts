import { eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { invalidField } from '../../../core/errors.ts';
import { can } from '../../../core/policy.ts';
import { units } from '../../org/tables.ts';
import { computeDeadlines, type Urgency } from '../../calendar/compute-deadlines.ts';
import { loadCalendar } from '../../calendar/queries/load-calendar.ts';
import { matterUnits } from '../tables.ts';
import { assertMatterAbility, loadMatter } from '../queries/load-matter.ts';
import type { TMatterDispatchRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * Dispatches a received matter (派单) to a responsible unit (主办) and optional co-units (协办)
 * inside the intake office's scope; the deadlines count working days from receipt.
 */
export async function dispatchMatter(ctx: Ctx, id: string, input: TMatterDispatchRequest) {
  const actor = requireActor(ctx);
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertMatterAbility(actor, matter, 'matter.intake', 'intake');
    const coUnitIds = [...new Set(input.coUnitIds)].filter((u) => u !== input.unitId);
    const found = await tx.select().from(units).where(inArray(units.id, [input.unitId, ...coUnitIds]));
    const usable = (unitId: string) => {
      const u = found.find((x) => x.id === unitId);
      return u && u.isActive && can(actor, 'matter.intake', u.path) ? u : null;
    };
    const main = usable(input.unitId);
    if (!main) throw invalidField('unitId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '单位' : 'unit' });
    coUnitIds.forEach((u, i) => {
      if (!usable(u)) throw invalidField(`coUnitIds.${i}`, 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '单位' : 'unit' });
    });
    const deadlines = computeDeadlines(calendar, matter.createdAt, matter.urgency as Urgency);
    const row = await applyTransition(tx, ctx, matter, 'dispatch', input.version, {
      set: { unitId: main.id, unitPath: main.path, handlerAccountId: null, respondBy: deadlines.respondBy, resolveBy: deadlines.resolveBy },
      note: input.note ?? null,
      data: { unitId: main.id, unitName: main.name, coUnitIds, respondBy: deadlines.respondBy.toISOString(), resolveBy: deadlines.resolveBy.toISOString() },
    });
    await tx.delete(matterUnits).where(eq(matterUnits.matterId, id));
    await tx.insert(matterUnits).values([{ matterId: id, unitId: main.id, role: 'main' }, ...coUnitIds.map((u) => ({ matterId: id, unitId: u, role: 'co' }))]);
    return row;
  });
}
