import { WEIGHT_SCALE } from './build-similarity-index.ts';
import { rankByVector } from './rank-by-vector.ts';
import type { QueryOptions, SimilarityIndex, SimilarityMatch } from './similarity-types.ts';

/**
 * The `top` messages most similar to indexed message `doc`, from its stored (pruned) vector: no
 * second jieba run, so every message of a large corpus can be queried (hot topics). The score is
 * the cosine of the two pruned vectors (each renormalised over its kept terms), which tracks the
 * full cosine closely. Only the message itself is excluded: a re-post that kept its id is still
 * a neighbour.
 */
export function findNeighbours(index: SimilarityIndex, doc: number, top: number, options: Partial<QueryOptions> = {}): SimilarityMatch[] {
  const from = index.docStart[doc];
  const to = index.docStart[doc + 1];
  const ids = index.docTerm.slice(from, to);
  const weights = new Float32Array(to - from);
  const norm = Math.sqrt(index.docMass[doc] || 1);
  for (let e = from; e < to; e++) weights[e - from] = index.docWeight[e] / WEIGHT_SCALE / norm;
  return rankByVector(index, ids, weights, top, { doc }, { ...options, prunedCosine: true });
}
