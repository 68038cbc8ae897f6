import { prepareCopyText, type CopyText } from './prepare-copy-text.ts';
import { shingleHashes } from './shingle-hashes.ts';
import { indexShingles, sharedPassages, type ShingleIndex } from './shared-passages.ts';

/** A text to compare, e.g. one study reflection (心得体会). */
export interface CopyInput {
  id: string;
  text: string;
}

/** A passage shared by two texts: UTF-16 offsets [start, end) in each original text, and its text in `a`. */
export interface CopySpan {
  a: [number, number];
  b: [number, number];
  text: string;
}

/** Two texts that largely copy each other. */
export interface CopyPair {
  /** Id of the text that comes first in the input. */
  a: string;
  b: string;
  /**
   * Share of the shorter text's letters and digits (punctuation and spaces ignored) that lie in
   * passages of at least `shingle` characters also found in the other text; 0..1.
   */
  overlap: number;
  spans: CopySpan[];
}

/** How hard to look. */
export interface CopyOptions {
  /** Smallest overlap reported, 0..1. */
  minOverlap: number;
  /** Characters of a shingle, the shortest passage that counts as copied (default 10). */
  shingle: number;
  /** Winnowing window in shingles: any shared passage of shingle + window - 1 characters is sure to be seen (default 6). */
  window: number;
  /**
   * A fingerprint found in more texts than this is common material (a slogan, a quoted speech)
   * or a large copy ring: it nominates only neighbouring texts in input order, not every pair
   * (default 200), so a passage in thousands of texts costs linear time. Found pairs still count
   * it in their overlap.
   */
  maxTextsPerFingerprint: number;
}

/** Defaults of `findCopies`. */
export const defaultCopyOptions: CopyOptions = { minOverlap: 0.5, shingle: 10, window: 6, maxTextsPerFingerprint: 200 };

const DOC_BITS = 2 ** 21;
/**
 * Share of the overlap asked of the fingerprints before two texts are compared. Edits break
 * fingerprints faster than they break the overlap: a copy with an edit every 25 characters keeps
 * 30–80 % of its fingerprints, one edited every 15 characters 10–30 %; texts that merely share
 * set phrases mostly 10–30 % too. 0.3 (15 % at --min-overlap 0.5) finds the first kind always
 * and most of the second, and keeps the exact comparisons few enough for tens of thousands of texts.
 */
const NOMINATION = 0.3;

/**
 * Winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003, as in MOSS): in every window of
 * `window` consecutive shingle hashes keep the smallest (the rightmost on ties). Two texts that
 * share a passage keep the same fingerprints inside it, and a text keeps about 2 / (window + 1)
 * of its shingles.
 */
function winnow(hashes: Uint32Array, window: number): Uint32Array {
  if (hashes.length === 0) return hashes;
  if (hashes.length <= window) return Uint32Array.of(Math.min(...hashes));
  const kept: number[] = [];
  let last = -1;
  for (let s = 0; s + window <= hashes.length; s++) {
    let m = s;
    for (let i = s + 1; i < s + window; i++) if (hashes[i] <= hashes[m]) m = i;
    if (m !== last) {
      kept.push(hashes[m]);
      last = m;
    }
  }
  return Uint32Array.from(kept);
}

/**
 * Finds pairs of texts that largely copy each other (e.g. study reflections, 心得体会). Each
 * text is reduced to letters and digits; its character shingles are hashed and winnowed into
 * fingerprints; an inverted index (one sort of all (fingerprint, text) pairs) nominates pairs
 * that share enough fingerprints, without comparing every pair, so it scales to tens of
 * thousands of texts; each nominated pair is then compared exactly (`sharedPassages`) for the
 * overlap and the spans. Pairs come out by overlap, highest first. In a group of more than
 * `maxTextsPerFingerprint` texts sharing the same passages, each text is paired with its
 * neighbour in input order rather than with all others.
 */
export function findCopies(inputs: readonly CopyInput[], options: Partial<CopyOptions> = {}): CopyPair[] {
  const opts: CopyOptions = { ...defaultCopyOptions, ...options };
  if (inputs.length >= DOC_BITS) throw new RangeError(`findCopies: at most ${DOC_BITS - 1} texts at once`);
  const texts: CopyText[] = inputs.map((t) => prepareCopyText(t.text));
  const fingerprintCount = new Int32Array(texts.length);

  // Every distinct (fingerprint, text) as one number, sorted: equal fingerprints become runs,
  // i.e. the posting lists of an inverted index, each listing its texts in input order.
  const packed: number[] = [];
  texts.forEach((t, doc) => {
    const prints = [...new Set(winnow(shingleHashes(t.chars, opts.shingle), opts.window))];
    fingerprintCount[doc] = prints.length;
    for (const p of prints) packed.push(p * DOC_BITS + doc);
  });
  const postings = Float64Array.from(packed).sort();
  const docAt = Int32Array.from(postings, (v) => v % DOC_BITS);
  const runEnd = new Int32Array(postings.length);
  for (let i = postings.length - 1; i >= 0; i--) {
    runEnd[i] = i + 1 < postings.length && Math.floor(postings[i + 1] / DOC_BITS) === Math.floor(postings[i] / DOC_BITS) ? runEnd[i + 1] : i + 1;
  }
  // Where each text appears in the postings (CSR: the entries of text d are at byDoc[from[d]..from[d+1])).
  const from = new Int32Array(texts.length + 1);
  for (const d of docAt) from[d + 1]++;
  for (let d = 0; d < texts.length; d++) from[d + 1] += from[d];
  const byDoc = new Int32Array(postings.length);
  const fill = from.slice(0, texts.length);
  for (let k = 0; k < postings.length; k++) byDoc[fill[docAt[k]]++] = k;

  // For each text, count the fingerprints it shares with every later text (a dense counter and
  // the list of texts touched: no pair table). A fingerprint in more than
  // maxTextsPerFingerprint texts is common material or a large copy ring: it counts only
  // towards the next text in its list, so its cost stays linear and a ring is still found, as a
  // chain of pairs.
  const shared = new Int32Array(texts.length);
  const touched: number[] = [];
  const pairs: CopyPair[] = [];
  for (let a = 0; a < texts.length; a++) {
    for (let e = from[a]; e < from[a + 1]; e++) {
      const k = byDoc[e];
      const end = runEnd[k];
      const last = end - k - 1 > opts.maxTextsPerFingerprint ? Math.min(end, k + 2) : end;
      for (let j = k + 1; j < last; j++) if (shared[docAt[j]]++ === 0) touched.push(docAt[j]);
    }
    let index: ShingleIndex | null = null;
    for (const b of touched) {
      const needed = Math.max(1, Math.floor(NOMINATION * opts.minOverlap * Math.min(fingerprintCount[a], fingerprintCount[b])));
      if (shared[b] >= needed) {
        index ??= indexShingles(texts[a], opts.shingle);
        const pair = comparePair(inputs, index, texts[b], a, b);
        if (pair.overlap >= opts.minOverlap) pairs.push(pair);
      }
      shared[b] = 0;
    }
    touched.length = 0;
  }
  const order = new Map(inputs.map((t, i) => [t.id, i]));
  return pairs.sort((p, q) => q.overlap - p.overlap || order.get(p.a)! - order.get(q.a)! || order.get(p.b)! - order.get(q.b)!);
}

/**
 * The exact overlap and spans of texts `a` and `b` (a before b in the input): the shorter is
 * walked against an index of the longer (a's index is kept for all of a's candidates), and its
 * characters covered by shared passages are counted once however many passages cover them.
 */
function comparePair(inputs: readonly CopyInput[], indexOfA: ShingleIndex, tb: CopyText, a: number, b: number): CopyPair {
  const ta = indexOfA.text;
  const walkB = tb.chars.length <= ta.chars.length;
  const passages = walkB ? sharedPassages(indexOfA, tb) : sharedPassages(indexShingles(tb, indexOfA.k), ta).map((p) => ({ a: p.b, b: p.a, length: p.length }));
  const shorter = walkB ? tb : ta;
  const covered = new Uint8Array(shorter.chars.length);
  for (const p of passages) covered.fill(1, walkB ? p.b : p.a, (walkB ? p.b : p.a) + p.length);
  let copied = 0;
  for (const c of covered) copied += c;
  const spans = passages
    .map((p) => {
      const spanA: [number, number] = [ta.start[p.a], ta.end[p.a + p.length - 1]];
      const spanB: [number, number] = [tb.start[p.b], tb.end[p.b + p.length - 1]];
      return { a: spanA, b: spanB, text: inputs[a].text.slice(spanA[0], spanA[1]) };
    })
    .sort((x, y) => x.a[0] - y.a[0] || x.b[0] - y.b[0]);
  const overlap = shorter.chars.length ? Math.round((copied / shorter.chars.length) * 1000) / 1000 : 0;
  return { a: inputs[a].id, b: inputs[b].id, overlap, spans };
}
