import type { Tx } from '../../../db/client.ts';
import type { Ctx } from '../../../core/context.ts';
import type { MatterRow } from '../queries/load-matter.ts';
import type { TRating } from '../schema.ts';
import { applyTransition } from './apply-transition.ts';
import { closingFields } from './closing-fields.ts';

/** Where a rating comes from: the citizen on the lookup page, or staff recording the callback (回访). */
export type RatingSource = 'citizen' | 'callback';

/** A rating of the reply, from either source. */
export interface RecordRatingInput {
  rating: TRating;
  /** Whether the petitioner says the problem is solved (解决率), asked apart from satisfaction. */
  solved: boolean | null;
  note?: string | null;
  source: RatingSource;
  /** The version the rater saw; a newer one answers 409 MATTER_CONFLICT. */
  version?: number;
}

/**
 * Records the petitioner's rating of a replied matter in the caller's transaction (the matter
 * loaded FOR UPDATE, the rater's right to rate already checked). Satisfied or basically
 * satisfied closes the matter and schedules the review (回头看); unsatisfied reopens it (返工) in
 * the responsible unit and counts the reopen. Used by the staff callback and the citizen page.
 */
export async function recordRating(tx: Tx, ctx: Ctx, matter: MatterRow, input: RecordRatingInput): Promise<MatterRow> {
  const now = new Date();
  const note = input.note?.trim() || null;
  const base = { rating: input.rating, ratingNote: note, ratingSolved: input.solved, ratingSource: input.source, ratedAt: now };
  const data = { rating: input.rating, solved: input.solved, source: input.source };
  if (input.rating !== 'unsatisfied') {
    const closing = await closingFields(tx, matter.categoryId, now);
    return applyTransition(tx, ctx, matter, 'rate_satisfied', input.version, { set: { ...base, ...closing }, note, data: { ...data, reviewDueOn: closing.reviewDueOn } });
  }
  // A matter always reopens into some unit's inbox: one that never had a responsible unit (taken
  // in before 当场解决 recorded the intake office as such) goes back to the intake office.
  const unit = matter.unitId ? {} : { unitId: matter.intakeUnitId, unitPath: matter.intakeUnitPath };
  return applyTransition(tx, ctx, matter, 'rate_unsatisfied', input.version, {
    set: { ...base, ...unit, reopenCount: matter.reopenCount + 1, closedAt: null },
    note,
    data: { ...data, reopenCount: matter.reopenCount + 1 },
  });
}
