import type { Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { recordRating } from '../../matters/commands/record-rating.ts';
import { isCurrentReplyRated } from '../presenter.ts';
import type { PhoneGuard } from '../phone-guard.ts';
import { loadByCredentials } from '../queries/load-by-credentials.ts';
import { citizenViewOf } from '../queries/lookup-citizen-matter.ts';
import type { TCitizenMatter, TCitizenRateRequest } from '../schema.ts';

/**
 * The citizen rates the reply to their own matter on the lookup page (code + secret or phone
 * digits): solved or not, 满意 / 基本满意 / 不满意, a comment. Only a replied matter can be rated,
 * and each reply once (409); 不满意 reopens the matter (返工). Answers the citizen view after it.
 */
export async function rateAsCitizen(ctx: Ctx, guard: PhoneGuard, input: TCitizenRateRequest): Promise<TCitizenMatter> {
  return ctx.db.transaction(async (tx) => {
    const matter = await loadByCredentials(tx, ctx, guard, input, { forUpdate: true });
    if (isCurrentReplyRated(matter)) throw new AppError(409, 'CITIZEN_ALREADY_RATED');
    // A merged matter is rated through its main matter's petitioner, never from here.
    if (matter.status !== 'replied') throw new AppError(409, 'CITIZEN_RATE_NOT_OPEN');
    const after = await recordRating(tx, ctx, matter, { rating: input.rating, solved: input.solved, note: input.comment ?? null, source: 'citizen' });
    return citizenViewOf(tx, after);
  });
}
