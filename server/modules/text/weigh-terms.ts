import type { SimilarityIndex } from './similarity-types.ts';

/**
 * TF-IDF weights of a message that is not (or not necessarily) in the index, with the index's
 * IDF: sublinear tf, every term counting in the L2 norm, a term the index never saw weighing as
 * the rarest. The result has unit length, so a dot product of two results is their cosine.
 */
export function weighTerms(index: SimilarityIndex, counts: ReadonlyMap<string, number>): Map<string, number> {
  const weights = new Map<string, number>();
  let norm = 0;
  for (const [term, count] of counts) {
    const id = index.vocabulary.get(term);
    const w = (1 + Math.log(count)) * (id === undefined ? index.idfOfUnseen : index.idf[id]);
    weights.set(term, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [term, w] of weights) weights.set(term, w / norm);
  return weights;
}
