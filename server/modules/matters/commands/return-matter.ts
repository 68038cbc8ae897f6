import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { matterUnits } from '../tables.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterReturnRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * Returns a matter that is not the unit's to handle (退单), with the reason; it goes back to the
 * intake office for re-dispatch and leaves the unit's inbox. Returns are counted, and the event
 * names the unit, so they can be counted per unit.
 */
export async function returnMatter(ctx: Ctx, id: string, input: TMatterReturnRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'return');
    const row = await applyTransition(tx, ctx, matter, 'return', input.version, {
      set: { ...noUnit, returnCount: matter.returnCount + 1 },
      note: input.reason,
      data: { unitId: matter.unitId, returnCount: matter.returnCount + 1 },
    });
    await tx.delete(matterUnits).where(eq(matterUnits.matterId, id));
    return row;
  });
}

/** A matter without a responsible unit, handler or escalation (after a return). */
const noUnit = { unitId: null, unitPath: null, handlerAccountId: null, escalationStatus: null, escalatedToUnitId: null, escalatedToUnitPath: null, escalationReason: null };
