import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { assertMatterAbility, loadMatter } from '../queries/load-matter.ts';
import type { TMatterRateRequest } from '../schema.ts';
import { recordRating } from './record-rating.ts';

/**
 * Records the petitioner's rating from the staff callback (回访), marked as such. Satisfied or
 * basically satisfied closes the matter and schedules the review; unsatisfied sends it back to the
 * responsible unit (返工) and counts a reopen.
 */
export async function rateMatter(ctx: Ctx, id: string, input: TMatterRateRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertMatterAbility(actor, matter, 'matter.intake', 'intake');
    return recordRating(tx, ctx, matter, { rating: input.rating, solved: input.solved, note: input.note ?? null, source: 'callback', version: input.version });
  });
}
