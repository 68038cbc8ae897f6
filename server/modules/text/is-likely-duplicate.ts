import { duplicateSignals, type DuplicateSignals } from './duplicate-signals.ts';
import { decideDuplicate, defaultDuplicateThresholds, type DuplicateReason, type DuplicateThresholds } from './decide-duplicate.ts';
import type { SimilarityDoc, SimilarityIndex } from './similarity-types.ts';

/** A duplicate decision with what it rests on; `signals.spans` holds the text to highlight. */
export interface DuplicateDecision {
  isDuplicate: boolean;
  reason: DuplicateReason;
  score: number;
  signals: DuplicateSignals;
}

/**
 * Whether two messages are about the very same matter (a re-post by one account, or several
 * citizens about one concrete thing), judged with the statistics of the corpus `index`: a high
 * TF-IDF cosine; or a moderate one plus the same named place or the same account; never when
 * their titles name different places (one complaint template filled in for two estates) unless
 * one account posted both. The usual flow: `querySimilar` finds candidates, this decides.
 */
export function isLikelyDuplicate(a: SimilarityDoc, b: SimilarityDoc, index: SimilarityIndex, thresholds: DuplicateThresholds = defaultDuplicateThresholds): DuplicateDecision {
  const signals = duplicateSignals(a, b, index);
  return { ...decideDuplicate(signals, thresholds), score: signals.score, signals };
}
