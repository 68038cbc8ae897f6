import { TITLE_WEIGHT } from './similarity-term-counts.ts';
import { addSimilarityWords } from './add-similarity-words.ts';
import { collectBigramKeys } from './collect-bigram-keys.ts';
import { bigramText } from './bigram-text.ts';
import { IntIdTable } from './int-id-table.ts';
import { cleanText } from './normalize.ts';
import type { SimilarityDoc, SimilarityDocSource, SimilarityIndex, SimilarityIndexOptions } from './similarity-types.ts';

/** 64 terms keep the distinctive part of a 350-character message; 1M messages ≈ 0.8 GB of arrays. */
export const defaultSimilarityIndexOptions: SimilarityIndexOptions = { termsPerDoc: 64, idfSampleSize: 100_000 };

/** Fixed-point scale of the stored weights (a normalised weight is in [0, 1]). */
export const WEIGHT_SCALE = 65535;

/** A message's terms as numbers with their weighted counts. */
interface Bag {
  ids: Int32Array;
  counts: Float32Array;
}

/** A copy of `a` with room for at least `need` elements (doubling, so appends stay amortised O(1)). */
function grown(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Builds the similarity index of a corpus: TF-IDF (sublinear tf, smoothed idf) over jieba words
 * and character bigrams, each message's vector L2-normalised over all its terms and then pruned
 * to its `termsPerDoc` strongest terms (static pruning: common words rarely survive, so postings
 * stay short). Messages are read in two passes: an evenly spaced sample for document
 * frequencies (the whole corpus when it is no larger than `idfSampleSize`, tokenised once), then
 * every message. `docs` may be an array or a generator with random access.
 */
export function buildSimilarityIndex(docs: SimilarityDocSource, options: Partial<SimilarityIndexOptions> = {}): SimilarityIndex {
  const opts: SimilarityIndexOptions = { ...defaultSimilarityIndexOptions, ...options };
  const n = docs.length;
  const k = opts.termsPerDoc;
  const vocabulary = new Map<string, number>();
  // Bigrams by integer key: no string is built or hashed for a bigram the vocabulary already has.
  const bigramIds = new IntIdTable(1 << 18);
  let keyBuffer = new Int32Array(1 << 14);
  const terms: string[] = [];
  let df = new Int32Array(1 << 16);

  const docAt = (i: number): SimilarityDoc => {
    const doc = docs.at(i);
    if (!doc) throw new Error(`buildSimilarityIndex: no message at position ${i}`);
    return doc;
  };
  const newTerm = (term: string): number => {
    const id = terms.length;
    vocabulary.set(term, id);
    terms.push(term);
    df = grown(df, id + 1);
    return id;
  };
  // The same terms as `similarityTermCounts`, counted without per-message maps for the bigrams:
  // their keys are collected (title ones TITLE_WEIGHT times), sorted, and counted in runs.
  const bagOf = (doc: SimilarityDoc): Bag => {
    const title = cleanText(doc.title);
    const detail = cleanText(doc.detail);
    const words = new Map<string, number>();
    addSimilarityWords(words, title, TITLE_WEIGHT);
    addSimilarityWords(words, detail, 1);
    const need = TITLE_WEIGHT * title.length + detail.length;
    if (need > keyBuffer.length) keyBuffer = new Int32Array(need * 2);
    const keys = keyBuffer.subarray(0, collectBigramKeys(detail, 1, keyBuffer, collectBigramKeys(title, TITLE_WEIGHT, keyBuffer, 0)));
    keys.sort();
    let distinct = 0;
    for (let k = 0; k < keys.length; k++) if (k === 0 || keys[k] !== keys[k - 1]) distinct++;
    const bag: Bag = { ids: new Int32Array(words.size + distinct), counts: new Float32Array(words.size + distinct) };
    let j = 0;
    for (const [term, count] of words) {
      bag.ids[j] = vocabulary.get(term) ?? newTerm(term);
      bag.counts[j++] = count;
    }
    for (let k = 0; k < keys.length; ) {
      const key = keys[k];
      let run = 1;
      while (k + run < keys.length && keys[k + run] === key) run++;
      let id = bigramIds.get(key);
      if (id === -1) {
        id = newTerm(bigramText(key));
        bigramIds.add(key, id);
      }
      bag.ids[j] = id;
      bag.counts[j++] = run;
      k += run;
    }
    return bag;
  };

  // Pass 1: document frequencies. A small corpus keeps its bags so pass 2 needs no second jieba run.
  const exact = n <= opts.idfSampleSize;
  const sampleCount = exact ? n : opts.idfSampleSize;
  const cached: (Bag | undefined)[] = exact ? new Array<Bag | undefined>(n) : [];
  const ids = new Array<string>(n);
  for (let s = 0; s < sampleCount; s++) {
    const i = exact ? s : Math.floor((s * n) / sampleCount);
    const doc = docAt(i);
    const bag = bagOf(doc);
    for (let j = 0; j < bag.ids.length; j++) df[bag.ids[j]]++;
    if (exact) {
      cached[i] = bag;
      ids[i] = doc.id;
    }
  }
  const idfOfUnseen = Math.log(sampleCount + 1) + 1;
  const sampledTerms = terms.length;
  const sampledIdf = new Float64Array(sampledTerms);
  for (let t = 0; t < sampledTerms; t++) sampledIdf[t] = Math.log((sampleCount + 1) / (df[t] + 1)) + 1;
  const idfOf = (id: number) => (id < sampledTerms ? sampledIdf[id] : idfOfUnseen);
  // Sublinear tf, 1 + ln(count), by table: weighted counts are small whole numbers.
  const tf = new Float64Array(1024);
  for (let c = 1; c < tf.length; c++) tf[c] = 1 + Math.log(c);

  // Pass 2: weigh, normalise, prune each message; count postings per term.
  const docStart = new Int32Array(n + 1);
  const docMass = new Float32Array(n);
  let docTerm = new Int32Array(n * k);
  let docWeight = new Uint16Array(n * k);
  let postingCount = new Int32Array(terms.length);
  let used = 0;
  let weights = new Float32Array(4096);
  let sorted = new Float32Array(4096);
  for (let i = 0; i < n; i++) {
    let bag = cached[i];
    if (bag) cached[i] = undefined;
    else {
      const doc = docAt(i);
      bag = bagOf(doc);
      ids[i] = doc.id;
    }
    const m = bag.ids.length;
    if (m > weights.length) {
      weights = new Float32Array(m * 2);
      sorted = new Float32Array(m * 2);
    }
    let norm = 0;
    const bagIds = bag.ids;
    const bagCounts = bag.counts;
    for (let j = 0; j < m; j++) {
      const c = bagCounts[j];
      const id = bagIds[j];
      const w = (c < 1024 && c === Math.floor(c) ? tf[c] : 1 + Math.log(c)) * (id < sampledTerms ? sampledIdf[id] : idfOfUnseen);
      weights[j] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    // The k-th largest weight is the cut; ties at the cut are taken in order until k are kept.
    let cut = -Infinity;
    if (m > k) {
      const s = sorted.subarray(0, m);
      s.set(weights.subarray(0, m));
      s.sort();
      cut = s[m - k];
    }
    let kept = 0;
    let mass = 0;
    for (let j = 0; j < m && kept < k; j++) {
      if (weights[j] < cut) continue;
      const id = bag.ids[j];
      const w = Math.min(WEIGHT_SCALE, Math.round((weights[j] / norm) * WEIGHT_SCALE));
      mass += (w / WEIGHT_SCALE) ** 2;
      docTerm[used] = id;
      docWeight[used] = w;
      if (id >= postingCount.length) postingCount = grown(postingCount, terms.length);
      postingCount[id]++;
      used++;
      kept++;
    }
    docStart[i + 1] = used;
    docMass[i] = mass;
  }
  cached.length = 0;
  if (used < docTerm.length * 0.75) {
    docTerm = docTerm.slice(0, used);
    docWeight = docWeight.slice(0, used);
  }

  // Postings in CSR form, then each list sorted by weight, strongest first (impact order).
  const termCount = terms.length;
  const postingStart = new Int32Array(termCount + 1);
  let longest = 0;
  for (let t = 0; t < termCount; t++) {
    const c = t < postingCount.length ? postingCount[t] : 0;
    postingStart[t + 1] = postingStart[t] + c;
    if (c > longest) longest = c;
  }
  const postingDoc = new Int32Array(used);
  const postingWeight = new Uint16Array(used);
  const cursor = postingStart.slice(0, termCount);
  for (let d = 0; d < n; d++) {
    for (let e = docStart[d]; e < docStart[d + 1]; e++) {
      const at = cursor[docTerm[e]]++;
      postingDoc[at] = d;
      postingWeight[at] = docWeight[e];
    }
  }
  // One sort key per posting: descending weight, then ascending message number (exact in a double).
  const keys = new Float64Array(longest);
  const SHIFT = 2 ** 32;
  for (let t = 0; t < termCount; t++) {
    const from = postingStart[t];
    const len = postingStart[t + 1] - from;
    if (len < 2) continue;
    const key = keys.subarray(0, len);
    for (let j = 0; j < len; j++) key[j] = (WEIGHT_SCALE - postingWeight[from + j]) * SHIFT + postingDoc[from + j];
    key.sort();
    for (let j = 0; j < len; j++) {
      const w = WEIGHT_SCALE - Math.floor(key[j] / SHIFT);
      postingWeight[from + j] = w;
      postingDoc[from + j] = key[j] - (WEIGHT_SCALE - w) * SHIFT;
    }
  }

  const idf = new Float32Array(termCount);
  for (let t = 0; t < termCount; t++) idf[t] = idfOf(t);
  return { size: n, ids, vocabulary, terms, idf, idfOfUnseen, docStart, docTerm, docWeight, docMass, postingStart, postingDoc, postingWeight, options: opts, scratch: null };
}
