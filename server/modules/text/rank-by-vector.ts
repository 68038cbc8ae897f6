import { WEIGHT_SCALE } from './build-similarity-index.ts';
import type { QueryOptions, SimilarityIndex, SimilarityMatch } from './similarity-types.ts';

/**
 * Budgets that keep a query on a million messages within a few milliseconds: the query's 150
 * strongest terms, long postings read only in their strongest part (they are impact-ordered),
 * and weak terms dropped once 60,000 postings are read. On 200,000 synthetic messages this reads
 * a third of the postings and the top 5 keep 99.9 % of the unbudgeted top 5's total score.
 */
export const defaultQueryOptions: QueryOptions = { maxQueryTerms: 150, maxPostingsPerTerm: 5_000, maxPostings: 60_000, minScore: 0, prunedCosine: true };

/** What a query must not return: a message number (itself) and/or every message with an id. */
export interface QueryExclusion {
  doc?: number;
  id?: string;
}

/**
 * The `top` messages with the highest dot product with a query vector (term numbers and unit
 * weights), term-at-a-time over the postings into a reusable accumulator. Query terms are read
 * in order of their largest possible contribution, so a spent budget drops the least useful.
 */
export function rankByVector(
  index: SimilarityIndex,
  termIds: Int32Array,
  weights: Float32Array,
  top: number,
  exclusion: QueryExclusion = {},
  options: Partial<QueryOptions> = {},
): SimilarityMatch[] {
  const opts = { ...defaultQueryOptions, ...options };
  if (top <= 0 || index.size === 0) return [];
  if (!index.scratch) index.scratch = { scores: new Float32Array(index.size), touched: new Int32Array(index.size) };
  const { scores, touched } = index.scratch;
  const { postingStart, postingDoc, postingWeight } = index;

  let order = Array.from(termIds.keys()).filter((j) => postingStart[termIds[j] + 1] > postingStart[termIds[j]]);
  if (order.length > opts.maxQueryTerms) order = order.sort((x, y) => weights[y] - weights[x]).slice(0, opts.maxQueryTerms);
  const bound = (j: number) => weights[j] * postingWeight[postingStart[termIds[j]]];
  order.sort((x, y) => bound(y) - bound(x));

  let touchedCount = 0;
  let budget = opts.maxPostings;
  for (const j of order) {
    if (budget <= 0) break;
    const t = termIds[j];
    const q = weights[j];
    const from = postingStart[t];
    const to = from + Math.min(postingStart[t + 1] - from, opts.maxPostingsPerTerm, budget);
    let e = from;
    for (; e < to; e++) {
      const w = postingWeight[e];
      // Lists are sorted by weight, so a zero (a weight below 1/65535) ends the useful part.
      if (w === 0) break;
      const d = postingDoc[e];
      if (scores[d] === 0) touched[touchedCount++] = d;
      scores[d] += q * w;
    }
    budget -= e - from;
  }

  // A min-heap of the best `top` (score, doc) pairs; ties prefer the earlier message.
  const heapScore = new Float64Array(top);
  const heapDoc = new Int32Array(top);
  let size = 0;
  const worse = (a: number, b: number) => heapScore[a] < heapScore[b] || (heapScore[a] === heapScore[b] && heapDoc[a] > heapDoc[b]);
  const swap = (a: number, b: number) => {
    const s = heapScore[a];
    heapScore[a] = heapScore[b];
    heapScore[b] = s;
    const d = heapDoc[a];
    heapDoc[a] = heapDoc[b];
    heapDoc[b] = d;
  };
  const floor = opts.minScore * WEIGHT_SCALE;
  const { docMass, ids } = index;
  const pruned = opts.prunedCosine;
  const excludedDoc = exclusion.doc ?? -1;
  const excludedId = exclusion.id;
  for (let i = 0; i < touchedCount; i++) {
    const d = touched[i];
    const s = pruned ? scores[d] / Math.sqrt(docMass[d] || 1) : scores[d];
    scores[d] = 0;
    if (s < floor || d === excludedDoc || (excludedId !== undefined && ids[d] === excludedId)) continue;
    if (size < top) {
      heapScore[size] = s;
      heapDoc[size] = d;
      for (let c = size++; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
    } else if (s > heapScore[0] || (s === heapScore[0] && d < heapDoc[0])) {
      heapScore[0] = s;
      heapDoc[0] = d;
      for (let p = 0; ; ) {
        const l = 2 * p + 1;
        const r = l + 1;
        let m = p;
        if (l < size && worse(l, m)) m = l;
        if (r < size && worse(r, m)) m = r;
        if (m === p) break;
        swap(p, m);
        p = m;
      }
    }
  }
  const matches: SimilarityMatch[] = [];
  for (let i = 0; i < size; i++) {
    matches.push({ id: index.ids[heapDoc[i]], doc: heapDoc[i], score: Math.min(1, heapScore[i] / WEIGHT_SCALE) });
  }
  return matches.sort((a, b) => b.score - a.score || a.doc - b.doc);
}
