import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TMatterCloseUnmeetableRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';
import { closingFields } from './closing-fields.ts';

/**
 * A leader over the responsible unit or the intake office closes a demand that cannot be met,
 * recording why (诉求无法满足): from `replied`, or from `in_progress` after an unsatisfied rating
 * reopened it. The record stays on the matter for supervisors; the review date is set as for any
 * closing.
 */
export async function closeUnmeetable(ctx: Ctx, id: string, input: TMatterCloseUnmeetableRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, matter, 'close_unmeetable');
    const closing = await closingFields(tx, matter.categoryId);
    return applyTransition(tx, ctx, matter, 'close_unmeetable', input.version, {
      set: { unmeetableReason: input.reason, unmeetableByName: actor.displayName, ...closing },
      note: input.reason,
      data: { reason: input.reason, reviewDueOn: closing.reviewDueOn },
    });
  });
}
