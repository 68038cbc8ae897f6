import { eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { invalidField } from '../../../core/errors.ts';
import { can } from '../../../core/policy.ts';
import { units } from '../../org/tables.ts';
import { computeDeadlines, type Urgency } from '../../calendar/compute-deadlines.ts';
import { loadCalendar } from '../../calendar/queries/load-calendar.ts';
import { deadlineRuleFor } from '../../categories/queries/category-rules.ts';
import { suggestDispatchUnit } from '../../categories/queries/suggest-dispatch-unit.ts';
import { matterUnits } from '../tables.ts';
import { assertMatterAbility, loadMatter } from '../queries/load-matter.ts';
import type { TMatterDispatchRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/** A dispatch as commands may ask for it: without `unitId`, the dispatch catalogue chooses. */
export type DispatchMatterInput = Omit<TMatterDispatchRequest, 'unitId'> & { unitId?: string };

/**
 * Dispatches a received matter (派单) to a responsible unit (主办) and optional co-units (协办)
 * inside the intake office's scope. The deadlines count working days from receipt by the rule of
 * the matter's category and urgency. Without a unit, the dispatch catalogue (派单目录) names it
 * (400 DISPATCH_NO_RULE when it names none); either way the event records what the catalogue
 * suggested (`catalogueUnitId`), so following or overriding it can be counted.
 */
export async function dispatchMatter(ctx: Ctx, id: string, input: DispatchMatterInput) {
  const actor = requireActor(ctx);
  const calendar = await loadCalendar(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertMatterAbility(actor, matter, 'matter.intake', 'intake');
    const suggestion = await suggestDispatchUnit(tx, actor, { categoryId: matter.categoryId, regionCode: matter.regionCode, intakeUnitPath: matter.intakeUnitPath });
    const unitId = input.unitId ?? suggestion?.unit.id;
    if (!unitId) throw invalidField('unitId', 'DISPATCH_NO_RULE');
    const coUnitIds = [...new Set(input.coUnitIds)].filter((u) => u !== unitId);
    const found = await tx.select().from(units).where(inArray(units.id, [unitId, ...coUnitIds]));
    const usable = (candidate: string) => {
      const u = found.find((x) => x.id === candidate);
      return u && u.isActive && can(actor, 'matter.intake', u.path) ? u : null;
    };
    const main = usable(unitId);
    if (!main) throw invalidField('unitId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '单位' : 'unit' });
    coUnitIds.forEach((u, i) => {
      if (!usable(u)) throw invalidField(`coUnitIds.${i}`, 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '单位' : 'unit' });
    });
    const urgency = matter.urgency as Urgency;
    const deadlines = computeDeadlines(calendar, matter.createdAt, urgency, await deadlineRuleFor(tx, matter.categoryId, urgency));
    const row = await applyTransition(tx, ctx, matter, 'dispatch', input.version, {
      set: { unitId: main.id, unitPath: main.path, handlerAccountId: null, respondBy: deadlines.respondBy, resolveBy: deadlines.resolveBy },
      note: input.note ?? null,
      data: {
        unitId: main.id,
        unitName: main.name,
        coUnitIds,
        respondBy: deadlines.respondBy.toISOString(),
        resolveBy: deadlines.resolveBy.toISOString(),
        catalogueUnitId: suggestion?.unit.id ?? null,
        catalogueRuleId: suggestion?.ruleId ?? null,
      },
    });
    await tx.delete(matterUnits).where(eq(matterUnits.matterId, id));
    await tx.insert(matterUnits).values([{ matterId: id, unitId: main.id, role: 'main' }, ...coUnitIds.map((u) => ({ matterId: id, unitId: u, role: 'co' }))]);
    return row;
  });
}
