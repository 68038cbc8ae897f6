import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { addDays, todayInChina } from '../../calendar/calendar-date.ts';
import { assertMatterAbility, loadMatter } from '../queries/load-matter.ts';
import type { TMatterRateRequest } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';

/** Days after closing when a matter is looked at again (回头看). */
export const REVIEW_AFTER_DAYS = 30;

/**
 * Records the petitioner's rating from the staff callback (回访). Satisfied closes the matter and
 * schedules the review; unsatisfied sends it back to the responsible unit (返工) and counts a reopen.
 */
export async function rateMatter(ctx: Ctx, id: string, input: TMatterRateRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertMatterAbility(actor, matter, 'matter.intake', 'intake');
    const base = { rating: input.rating, ratingNote: input.note ?? null, ratedAt: new Date() };
    if (input.rating === 'satisfied') {
      return applyTransition(tx, ctx, matter, 'rate_satisfied', input.version, {
        set: { ...base, reviewDueOn: addDays(todayInChina(), REVIEW_AFTER_DAYS) },
        note: input.note ?? null,
        data: { rating: input.rating },
      });
    }
    return applyTransition(tx, ctx, matter, 'rate_unsatisfied', input.version, {
      set: { ...base, reopenCount: matter.reopenCount + 1 },
      note: input.note ?? null,
      data: { rating: input.rating, reopenCount: matter.reopenCount + 1 },
    });
  });
}
