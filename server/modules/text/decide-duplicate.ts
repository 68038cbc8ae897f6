import type { DuplicateSignals } from './duplicate-signals.ts';

/** The cut-offs of the duplicate decision (cosine scores in [0, 1]). */
export interface DuplicateThresholds {
  /** Similar enough on their own. */
  score: number;
  /** Enough when both name the same specific place (estate, village, road). */
  samePlaceScore: number;
  /** Enough when the same account posted both… */
  sameUserScore: number;
  /**
   * …and that account has at most this many messages in the index. One account posting about
   * many matters (on messages-hot.jsonl one has 92 messages, nearly all different appeals) makes
   * "same account" weak evidence of the same matter; for such an account the text has to decide.
   */
  sameUserMaxPosts: number;
  /** Titles naming different places are kept apart unless the same account posted both this similar. */
  conflictOverrideScore: number;
}

/**
 * Chosen on all 305 hand-labelled pairs of messages-hot.jsonl (grid search, highest recall at
 * precision ≥ 0.95); the cross-validated figures are in docs/BENCHMARKS.md and come from
 * `bench/text-duplicates.ts`, which refits them on each half.
 */
export const defaultDuplicateThresholds: DuplicateThresholds = {
  score: 0.52,
  samePlaceScore: 0.24,
  sameUserScore: 0.1,
  sameUserMaxPosts: 50,
  conflictOverrideScore: 0.3,
};

/** Which rule made the decision, for the reviewer. */
export type DuplicateReason = 'similar-text' | 'same-place' | 'same-user' | 'different-place' | 'not-similar';

/** The decision on already computed signals (the evaluation refits thresholds without recomputing). */
export function decideDuplicate(signals: DuplicateSignals, thresholds: DuplicateThresholds = defaultDuplicateThresholds): { isDuplicate: boolean; reason: DuplicateReason } {
  const { score, sameUser, sharedPlaces, placeConflict } = signals;
  // The same template filled in for another estate is the commonest near-copy that is not a re-post.
  if (placeConflict && !(sameUser && score >= thresholds.conflictOverrideScore)) return { isDuplicate: false, reason: 'different-place' };
  if (score >= thresholds.score) return { isDuplicate: true, reason: 'similar-text' };
  if (sharedPlaces.length > 0 && score >= thresholds.samePlaceScore) return { isDuplicate: true, reason: 'same-place' };
  if (sameUser && (signals.accountPosts ?? 0) <= thresholds.sameUserMaxPosts && score >= thresholds.sameUserScore) return { isDuplicate: true, reason: 'same-user' };
  return { isDuplicate: false, reason: 'not-similar' };
}
