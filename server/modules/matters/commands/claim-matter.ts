import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { matterUnits } from '../tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterClaimRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * The superior unit claims an escalated matter (认领) and owns it: it becomes the responsible
 * unit, the claiming account its handler, and the matter is in progress there. The unit that
 * escalated stays on record as a co-unit (协办).
 */
export async function claimMatter(ctx: Ctx, id: string, input: TMatterClaimRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'claim');
    const row = await applyTransition(tx, ctx, matter, 'claim', input.version, {
      set: {
        unitId: matter.escalatedToUnitId,
        unitPath: matter.escalatedToUnitPath,
        escalationStatus: 'claimed',
        handlerAccountId: actor.accountId,
        respondedAt: matter.respondedAt ?? new Date(),
      },
      note: input.note ?? null,
      data: { fromUnitId: matter.unitId, unitId: matter.escalatedToUnitId },
    });
    const involved = [matter.escalatedToUnitId!, ...(matter.unitId ? [matter.unitId] : [])];
    await tx.delete(matterUnits).where(and(eq(matterUnits.matterId, id), inArray(matterUnits.unitId, involved)));
    await tx.insert(matterUnits).values([
      { matterId: id, unitId: matter.escalatedToUnitId!, role: 'main' },
      ...(matter.unitId && matter.unitId !== matter.escalatedToUnitId ? [{ matterId: id, unitId: matter.unitId, role: 'co' }] : []),
    ]);
    return row;
  });
}
