import type { SimilarityIndex } from './similarity-types.ts';

/**
 * The IDF at or above which a term is rare enough to name one thing (a place, a company): in at
 * most 3 % of the messages, or at most 10 of them in a small corpus, where 3 % would be nothing.
 * The sample size behind the index's IDF is recovered from `idfOfUnseen` = ln(S + 1) + 1.
 */
export function rareIdf(index: SimilarityIndex): number {
  const sample = Math.exp(index.idfOfUnseen - 1) - 1;
  const maxDf = Math.max(0.03 * sample, 10);
  return Math.log((sample + 1) / (maxDf + 1)) + 1;
}
