import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterReviewRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/**
 * The responsible unit looks at a closed matter again once its review date has come (回头看):
 * holding, it is reviewed for good; relapsed, it reopens in the unit with a relapse mark and
 * waits for a new closing (and a new review date).
 */
export async function reviewMatter(ctx: Ctx, id: string, input: TMatterReviewRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'review');
    const now = new Date();
    if (input.outcome === 'ok') {
      return applyTransition(tx, ctx, matter, 'review_ok', input.version, { set: { reviewedAt: now }, note: input.note ?? null, data: { outcome: 'ok' } });
    }
    return applyTransition(tx, ctx, matter, 'review_relapsed', input.version, {
      set: { reviewedAt: now, relapseCount: matter.relapseCount + 1, closedAt: null, reviewDueOn: null },
      note: input.note ?? null,
      data: { outcome: 'relapsed', relapseCount: matter.relapseCount + 1 },
    });
  });
}
