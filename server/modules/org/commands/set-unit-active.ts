import { and, count, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { scopeFor } from '../../../core/policy.ts';
import { units } from '../tables.ts';
import { presentUnit } from '../presenter.ts';
import { loadUnit } from '../queries/load-unit.ts';

/**
 * Deactivates or reactivates a unit. Units are never deleted: records keep pointing at them.
 * A unit with active sub-units cannot be deactivated (they would be orphaned in the active tree).
 */
export async function setUnitActive(ctx: Ctx, id: string, isActive: boolean) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const unit = await loadUnit(tx, actor, id, 'unit.manage', true);
    if (!isActive && scopeFor(actor, 'unit.manage').includes(unit.path)) throw new AppError(400, 'ROOT_UNIT');
    if (!isActive) {
      const [{ n }] = await tx.select({ n: count() }).from(units).where(and(eq(units.parentId, id), eq(units.isActive, true)));
      if (Number(n) > 0) throw new AppError(400, 'UNIT_HAS_ACTIVE_CHILDREN', { count: n });
    } else if (unit.parentId) {
      const [parent] = await tx.select().from(units).where(eq(units.id, unit.parentId));
      if (parent && !parent.isActive) throw new AppError(400, 'UNIT_INACTIVE', { name: parent.name });
    }
    if (unit.isActive === isActive) return presentUnit(unit);
    const [row] = await tx.update(units).set({ isActive, updatedAt: new Date() }).where(eq(units.id, id)).returning();
    await appendAudit(tx, ctx, {
      action: isActive ? 'unit.activate' : 'unit.deactivate',
      subjectType: 'unit',
      subjectId: id,
      unitPath: row.path,
      before: { isActive: unit.isActive },
      after: { isActive },
    });
    return presentUnit(row);
  });
}
