import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { matterUnits } from '../tables.ts';
import { assertMatterAbility, loadMatter } from '../queries/load-matter.ts';
import type { TMatterReturnRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * Returns a matter that is not the unit's to handle (退单), with the reason; it goes back to the
 * intake office for re-dispatch and leaves the unit's inbox.
 */
export async function returnMatter(ctx: Ctx, id: string, input: TMatterReturnRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertMatterAbility(actor, matter, 'matter.handle', 'unit');
    const row = await applyTransition(tx, ctx, matter, 'return', input.version, {
      set: { unitId: null, unitPath: null, handlerAccountId: null },
      note: input.reason,
      data: { unitId: matter.unitId },
    });
    await tx.delete(matterUnits).where(eq(matterUnits.matterId, id));
    return row;
  });
}
