import { blockOrder, type ClassifierOptions, type SparseVector } from './classifier-model.ts';
import type { Vocabulary } from './fit-vocabulary.ts';

/**
 * Counts per feature while one message is vectorised, kept between calls and left all zero
 * after each (only the touched entries are reset): allocating and clearing an array the size of
 * the vocabulary for every message would cost more than the message itself.
 */
let scratch = new Float64Array(0);

/**
 * TF-IDF vector of one message's terms: (1 + log tf, or tf) × idf, each block L2-normalised on
 * its own and multiplied by its weight, so that a long detail cannot drown the title and each
 * view counts as much as set. Unknown terms are ignored. Indices come in order of first
 * appearance (nothing needs them sorted).
 */
export function vectorizeTerms(vocab: Pick<Vocabulary, 'table' | 'idf' | 'blockOf'>, terms: Float64Array, options: Pick<ClassifierOptions, 'sublinearTf' | 'blockWeights'>): SparseVector {
  if (scratch.length < vocab.idf.length) scratch = new Float64Array(vocab.idf.length);
  const counts = scratch;
  const touched = new Int32Array(terms.length);
  let distinct = 0;
  for (let k = 0; k < terms.length; k++) {
    const i = vocab.table.get(terms[k]);
    if (i >= 0 && counts[i]++ === 0) touched[distinct++] = i;
  }
  const index = touched.slice(0, distinct);
  const value = new Float32Array(distinct);
  const norms = new Float64Array(blockOrder.length);
  for (let d = 0; d < distinct; d++) {
    const i = index[d];
    const tf = counts[i];
    counts[i] = 0;
    const v = (options.sublinearTf ? 1 + Math.log(tf) : tf) * vocab.idf[i];
    value[d] = v;
    norms[vocab.blockOf[i]] += v * v;
  }
  const scale = blockOrder.map((b, c) => (norms[c] > 0 ? options.blockWeights[b] / Math.sqrt(norms[c]) : 0));
  for (let d = 0; d < distinct; d++) value[d] *= scale[vocab.blockOf[index[d]]];
  return { index, value };
}
