import { TermBagBuilder, type TermBags } from './term-bags.ts';
import type { SimilarityDoc, SimilarityDocSource, SimilarityIndex, SimilarityIndexOptions } from './similarity-types.ts';

/** 64 terms keep the distinctive part of a 350-character message; 1M messages ≈ 0.8 GB of arrays. */
export const defaultSimilarityIndexOptions: SimilarityIndexOptions = { termsPerDoc: 64, idfSampleSize: 100_000 };

/** Fixed-point scale of the stored weights (a normalised weight is in [0, 1]). */
export const WEIGHT_SCALE = 65535;

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
  const docAt = (i: number): SimilarityDoc => {
    const doc = docs.at(i);
    if (!doc) throw new Error(`buildSimilarityIndex: no message at position ${i}`);
    return doc;
  };
  const ids = new Array<string>(n);
  const userPosts = new Map<string, number>();
  const builder = new TermBagBuilder();
  if (n <= opts.idfSampleSize) {
    // Exact IDF: every message is tokenised once and its bag kept for the weighing pass.
    const seen: Pick<SimilarityDoc, 'id' | 'user'>[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const doc = docAt(i);
      builder.append(doc);
      seen[i] = { id: doc.id, user: doc.user };
    }
    const bags = builder.take(false);
    return indexFromBags({ ...bags, vocabulary: builder.vocabulary }, seen, opts);
  }
  // Pass 1: document frequencies over an evenly spaced sample.
  let df = new Int32Array(1 << 16);
  const sampleCount = opts.idfSampleSize;
  for (let s = 0; s < sampleCount; s++) {
    builder.bag(docAt(Math.floor((s * n) / sampleCount)));
    df = grown(df, builder.terms.length);
    for (let j = 0; j < builder.bagLength; j++) df[builder.bagIds[j]]++;
  }
  // Pass 2: every message again (terms first seen here get the IDF of an unseen term).
  const weigher = new IndexWeigher(n, opts, df, builder.terms.length, sampleCount);
  for (let i = 0; i < n; i++) {
    const doc = docAt(i);
    ids[i] = doc.id;
    if (doc.user) userPosts.set(doc.user, (userPosts.get(doc.user) ?? 0) + 1);
    builder.bag(doc);
    weigher.add(i, builder.bagIds, builder.bagCounts, 0, builder.bagLength, builder.terms.length);
  }
  return weigher.finish(ids, userPosts, builder.vocabulary, builder.terms);
}

/**
 * The index of messages whose bags are all at hand (`buildSimilarityIndex` on up to
 * `idfSampleSize` messages, or bags counted in worker threads and merged): exact IDF.
 */
export function indexFromBags(
  bags: TermBags & { vocabulary: Map<string, number> },
  docs: readonly Pick<SimilarityDoc, 'id' | 'user'>[],
  options: Partial<SimilarityIndexOptions> = {},
): SimilarityIndex {
  const opts: SimilarityIndexOptions = { ...defaultSimilarityIndexOptions, ...options };
  const n = bags.docStart.length - 1;
  const df = new Int32Array(bags.terms.length);
  const { docStart, termIds, counts } = bags;
  for (let e = 0; e < docStart[n]; e++) df[termIds[e]]++;
  const weigher = new IndexWeigher(n, opts, df, bags.terms.length, n);
  for (let i = 0; i < n; i++) weigher.add(i, termIds, counts, docStart[i], docStart[i + 1], bags.terms.length);
  const userPosts = new Map<string, number>();
  for (const d of docs) if (d.user) userPosts.set(d.user, (userPosts.get(d.user) ?? 0) + 1);
  return weigher.finish(
    docs.map((d) => d.id),
    userPosts,
    bags.vocabulary,
    bags.terms,
  );
}

/**
 * The weighing pass and the postings: each message's bag weighed (sublinear tf × smoothed IDF
 * from `df` over `sampleCount` messages), L2-normalised, pruned to its `termsPerDoc` strongest
 * terms; then postings in impact order.
 */
class IndexWeigher {
  private readonly k: number;
  private readonly sampledTerms: number;
  private readonly sampledIdf: Float64Array;
  private readonly idfOfUnseen: number;
  // Sublinear tf, 1 + ln(count), by table: weighted counts are small whole numbers.
  private readonly tf = new Float64Array(1024);
  private readonly docStart: Int32Array;
  private readonly docMass: Float32Array;
  private docTerm: Int32Array<ArrayBuffer>;
  private docWeight: Uint16Array<ArrayBuffer>;
  private postingCount: Int32Array<ArrayBuffer>;
  private used = 0;
  private weights = new Float32Array(4096);
  private sorted = new Float32Array(4096);

  constructor(
    private readonly n: number,
    private readonly opts: SimilarityIndexOptions,
    df: Int32Array,
    sampledTerms: number,
    sampleCount: number,
  ) {
    this.k = opts.termsPerDoc;
    this.sampledTerms = sampledTerms;
    this.idfOfUnseen = Math.log(sampleCount + 1) + 1;
    this.sampledIdf = new Float64Array(sampledTerms);
    for (let t = 0; t < sampledTerms; t++) this.sampledIdf[t] = Math.log((sampleCount + 1) / (df[t] + 1)) + 1;
    for (let c = 1; c < this.tf.length; c++) this.tf[c] = 1 + Math.log(c);
    this.docStart = new Int32Array(n + 1);
    this.docMass = new Float32Array(n);
    this.docTerm = new Int32Array(n * this.k);
    this.docWeight = new Uint16Array(n * this.k);
    this.postingCount = new Int32Array(sampledTerms);
  }

  /** Message i's bag: entries from … to − 1 of `bagIds` / `bagCounts`; `termCount` terms known so far. */
  add(i: number, bagIds: Int32Array, bagCounts: Float32Array, from: number, to: number, termCount: number): void {
    const { k, tf, sampledIdf, sampledTerms, idfOfUnseen } = this;
    const m = to - from;
    if (m > this.weights.length) {
      this.weights = new Float32Array(m * 2);
      this.sorted = new Float32Array(m * 2);
    }
    const weights = this.weights;
    let norm = 0;
    for (let j = 0; j < m; j++) {
      const c = bagCounts[from + j];
      const id = bagIds[from + j];
      const w = (c < 1024 && c === Math.floor(c) ? tf[c] : 1 + Math.log(c)) * (id < sampledTerms ? sampledIdf[id] : idfOfUnseen);
      weights[j] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    // The k-th largest weight is the cut; ties at the cut are taken in order until k are kept.
    let cut = -Infinity;
    if (m > k) {
      const s = this.sorted.subarray(0, m);
      s.set(weights.subarray(0, m));
      s.sort();
      cut = s[m - k];
    }
    let kept = 0;
    let mass = 0;
    const { docTerm, docWeight } = this;
    for (let j = 0; j < m && kept < k; j++) {
      if (weights[j] < cut) continue;
      const id = bagIds[from + j];
      const w = Math.min(WEIGHT_SCALE, Math.round((weights[j] / norm) * WEIGHT_SCALE));
      mass += (w / WEIGHT_SCALE) ** 2;
      docTerm[this.used] = id;
      docWeight[this.used] = w;
      if (id >= this.postingCount.length) this.postingCount = grown(this.postingCount, termCount);
      this.postingCount[id]++;
      this.used++;
      kept++;
    }
    this.docStart[i + 1] = this.used;
    this.docMass[i] = mass;
  }

  /** The index, once every message has been added. */
  finish(ids: string[], userPosts: Map<string, number>, vocabulary: Map<string, number>, terms: string[]): SimilarityIndex {
    const { n, used, docStart, docMass, opts, postingCount } = this;
    let { docTerm, docWeight } = this;
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
    for (let t = 0; t < termCount; t++) idf[t] = t < this.sampledTerms ? this.sampledIdf[t] : this.idfOfUnseen;
    return { size: n, ids, userPosts, vocabulary, terms, idf, idfOfUnseen: this.idfOfUnseen, docStart, docTerm, docWeight, docMass, postingStart, postingDoc, postingWeight, options: opts, scratch: null };
  }
}
