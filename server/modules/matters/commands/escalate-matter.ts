import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { units } from '../../org/tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter, hasParentUnit } from '../policy.ts';
import type { TMatterEscalateRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * The responsible unit escalates a matter whose root lies above it (表现在基层、根子在上面) to its
 * parent unit, with the reason. The matter stays where it is until the parent claims it (认领).
 */
export async function escalateMatter(ctx: Ctx, id: string, input: TMatterEscalateRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'escalate');
    // The parent is the second-to-last id of the path; without one applyTransition refuses (ESCALATION_NO_PARENT).
    const parentId = hasParentUnit(matter.unitPath) ? matter.unitPath!.split('/').filter(Boolean).at(-2)! : null;
    const [parent] = parentId ? await tx.select().from(units).where(eq(units.id, parentId)) : [];
    if (parentId && !parent?.isActive) throw new AppError(409, 'ESCALATION_NO_PARENT');
    return applyTransition(tx, ctx, matter, 'escalate', input.version, {
      set: parent ? { escalationStatus: 'pending', escalatedToUnitId: parent.id, escalatedToUnitPath: parent.path, escalationReason: input.reason } : {},
      note: input.reason,
      data: { fromUnitId: matter.unitId, toUnitId: parent?.id ?? null, toUnitName: parent?.name ?? null },
    });
  });
}
