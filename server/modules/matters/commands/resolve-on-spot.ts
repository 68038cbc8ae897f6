import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { matterUnits } from '../tables.ts';
import { assertMatterAbility, loadMatter } from '../queries/load-matter.ts';
import type { TMatterResolveOnSpotRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * The intake office resolves a received matter on the spot (当场解决), replying at once without
 * dispatch. The intake office becomes the responsible unit, so that an unsatisfied rating
 * reopens the matter in its own inbox rather than in no one's.
 */
export async function resolveOnSpot(ctx: Ctx, id: string, input: TMatterResolveOnSpotRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertMatterAbility(actor, matter, 'matter.intake', 'intake');
    const now = new Date();
    const row = await applyTransition(tx, ctx, matter, 'resolve_on_spot', input.version, {
      set: { unitId: matter.intakeUnitId, unitPath: matter.intakeUnitPath, handlerAccountId: actor.accountId, replyText: input.text, repliedAt: now, respondedAt: matter.respondedAt ?? now },
      data: { text: input.text, unitId: matter.intakeUnitId },
    });
    await tx.delete(matterUnits).where(eq(matterUnits.matterId, id));
    await tx.insert(matterUnits).values({ matterId: id, unitId: matter.intakeUnitId, role: 'main' });
    return row;
  });
}
