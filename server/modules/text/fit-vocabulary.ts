import type { ClassifierOptions } from './classifier-model.ts';
import { TermTable } from './term-table.ts';

/** The features learnt from training texts: which term keys, their idf, and their block. */
export interface Vocabulary {
  /** Term key → feature index. */
  table: TermTable;
  /** Term key of each feature. */
  keys: Float64Array;
  idf: Float32Array;
  /** Block code of each feature (`key % 4`). */
  blockOf: Uint8Array;
}

/**
 * Chooses the features from the terms of the training messages: terms found in at least
 * `minDf` messages, numbered in order of first appearance (the same data gives the same model),
 * each with the smoothed idf ln((1 + n) / (1 + df)) + 1, so a term in every message still counts
 * a little.
 */
export function fitVocabulary(termLists: readonly Float64Array[], options: Pick<ClassifierOptions, 'minDf'>): Vocabulary {
  // Every distinct term gets an id in order of first appearance; its df counts the messages it
  // appears in (lastSeen avoids sorting each message's terms to count each message once).
  const ids = new TermTable(1 << 16);
  const order: number[] = [];
  const df: number[] = [];
  const lastSeen: number[] = [];
  termLists.forEach((terms, doc) => {
    for (let k = 0; k < terms.length; k++) {
      let id = ids.get(terms[k]);
      if (id < 0) {
        id = order.length;
        ids.set(terms[k], id);
        order.push(terms[k]);
        df.push(0);
        lastSeen.push(-1);
      }
      if (lastSeen[id] !== doc) {
        lastSeen[id] = doc;
        df[id]++;
      }
    }
  });
  const kept = order.map((_, id) => id).filter((id) => df[id] >= options.minDf);
  const table = new TermTable(kept.length);
  const keys = new Float64Array(kept.length);
  const idf = new Float32Array(kept.length);
  const blockOf = new Uint8Array(kept.length);
  const n = termLists.length;
  kept.forEach((id, i) => {
    keys[i] = order[id];
    table.set(order[id], i);
    idf[i] = Math.log((1 + n) / (1 + df[id])) + 1;
    blockOf[i] = order[id] % 4;
  });
  return { table, keys, idf, blockOf };
}
