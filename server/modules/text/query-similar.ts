import { rankByVector } from './rank-by-vector.ts';
import { similarityTerms } from './similarity-terms.ts';
import { weighTerms } from './weigh-terms.ts';
import type { QueryOptions, SimilarityDoc, SimilarityIndex, SimilarityMatch } from './similarity-types.ts';

/**
 * The `top` indexed messages most similar to `doc`, best first: cosine of TF-IDF vectors, the
 * query's full vector against each indexed message's 64 kept terms (renormalised), so an exact
 * copy scores about 0.75, not 1, and a re-post typically 0.4–0.7. A message with the same id as
 * `doc` is never returned, so querying with an indexed message does not find itself. Terms the
 * index never saw only lower the scores.
 */
export function querySimilar(index: SimilarityIndex, doc: SimilarityDoc, top: number, options: Partial<QueryOptions> = {}): SimilarityMatch[] {
  const weights = weighTerms(index, similarityTerms(doc.title, doc.detail));
  const ids: number[] = [];
  const ws: number[] = [];
  for (const [term, w] of weights) {
    const id = index.vocabulary.get(term);
    if (id === undefined) continue;
    ids.push(id);
    ws.push(w);
  }
  return rankByVector(index, Int32Array.from(ids), Float32Array.from(ws), top, { id: doc.id }, options);
}
