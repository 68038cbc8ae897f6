import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { invalidField } from '../../../core/errors.ts';
import { can } from '../../../core/policy.ts';
import { units } from '../../org/tables.ts';
import { matterUnits } from '../tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterReassignRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * The intake office gives a dispatched or accepted matter to another unit (改派) inside its
 * scope. The deadlines stay (they run from receipt); the new unit must accept it again, and a
 * pending escalation lapses with the old unit.
 */
export async function reassignMatter(ctx: Ctx, id: string, input: TMatterReassignRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'reassign');
    const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId));
    if (!unit?.isActive || !can(actor, 'matter.intake', unit.path)) throw invalidField('unitId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '单位' : 'unit' });
    if (unit.id === matter.unitId) throw invalidField('unitId', 'SAME_UNIT');
    const row = await applyTransition(tx, ctx, matter, 'reassign', input.version, {
      set: { unitId: unit.id, unitPath: unit.path, handlerAccountId: null, escalationStatus: null, escalatedToUnitId: null, escalatedToUnitPath: null, escalationReason: null },
      note: input.note ?? null,
      data: { fromUnitId: matter.unitId, unitId: unit.id, unitName: unit.name },
    });
    // The new unit is the main one; co-units stay, except the new main if it was one.
    await tx.delete(matterUnits).where(and(eq(matterUnits.matterId, id), inArray(matterUnits.unitId, [unit.id, ...(matter.unitId ? [matter.unitId] : [])])));
    await tx.insert(matterUnits).values({ matterId: id, unitId: unit.id, role: 'main' });
    return row;
  });
}
