import type { Ctx } from '../../../core/context.ts';
import { loadMatterUnscoped, type MatterRow } from '../queries/load-matter.ts';
import { applyTransition } from './apply-transition.ts';
import { closingFields } from './closing-fields.ts';

/**
 * Closes a replied matter nobody rated in time (未评价办结), for the background job (ctx.channel
 * 'system', no actor): the job chooses which matters are due; this refuses any that is no longer
 * `replied` (409 INVALID_STATE), e.g. rated a moment before. The review date is set as for any
 * closing.
 */
export async function closeUnrated(ctx: Ctx, matterId: string): Promise<MatterRow> {
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatterUnscoped(tx, matterId, { forUpdate: true });
    const closing = await closingFields(tx, matter.categoryId);
    return applyTransition(tx, ctx, matter, 'close_unrated', undefined, {
      set: closing,
      data: { repliedAt: matter.repliedAt?.toISOString() ?? null, reviewDueOn: closing.reviewDueOn },
    });
  });
}
