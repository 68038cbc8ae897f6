import { prepareCopyText, type CopyText } from './prepare-copy-text.ts';
import { shingleHashes } from './shingle-hashes.ts';
import { sharedPassages } from './shared-passages.ts';

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
   * and does not by itself nominate pairs (default 200); pairs found otherwise still count it.
   */
  maxTextsPerFingerprint: number;
}

/** Defaults of `findCopies`. */
export const defaultCopyOptions: CopyOptions = { minOverlap: 0.5, shingle: 10, window: 6, maxTextsPerFingerprint: 200 };

const DOC_BITS = 2 ** 21;

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
 * overlap and the spans. Pairs come out by overlap, highest first.
 */
export function findCopies(inputs: readonly CopyInput[], options: Partial<CopyOptions> = {}): CopyPair[] {
  const opts: CopyOptions = { ...defaultCopyOptions, ...options };
  if (inputs.length >= DOC_BITS) throw new RangeError(`findCopies: at most ${DOC_BITS - 1} texts at once`);
  const texts: CopyText[] = inputs.map((t) => prepareCopyText(t.text));
  const fingerprintCount = new Int32Array(texts.length);

  // Every distinct (fingerprint, text) as one number, sorted: equal fingerprints become runs.
  const packed: number[] = [];
  texts.forEach((t, doc) => {
    const prints = [...new Set(winnow(shingleHashes(t.chars, opts.shingle), opts.window))];
    fingerprintCount[doc] = prints.length;
    for (const p of prints) packed.push(p * DOC_BITS + doc);
  });
  const postings = Float64Array.from(packed).sort();

  const shared = new Map<number, number>();
  for (let i = 0; i < postings.length; ) {
    const print = Math.floor(postings[i] / DOC_BITS);
    let j = i + 1;
    while (j < postings.length && Math.floor(postings[j] / DOC_BITS) === print) j++;
    if (j - i >= 2 && j - i <= opts.maxTextsPerFingerprint) {
      for (let x = i; x < j; x++) {
        const a = postings[x] % DOC_BITS;
        for (let y = x + 1; y < j; y++) {
          const key = a * DOC_BITS + (postings[y] % DOC_BITS);
          shared.set(key, (shared.get(key) ?? 0) + 1);
        }
      }
    }
    i = j;
  }

  const pairs: CopyPair[] = [];
  for (const [key, count] of shared) {
    const a = Math.floor(key / DOC_BITS);
    const b = key % DOC_BITS;
    // Edits every few characters break fingerprints faster than they break the overlap, so the
    // nomination asks for only a fifth of the fingerprints the overlap would suggest.
    const needed = Math.max(2, Math.floor(0.2 * opts.minOverlap * Math.min(fingerprintCount[a], fingerprintCount[b])));
    if (count < needed) continue;
    const pair = comparePair(inputs, texts, a, b, opts.shingle);
    if (pair.overlap >= opts.minOverlap) pairs.push(pair);
  }
  const order = new Map(inputs.map((t, i) => [t.id, i]));
  return pairs.sort((p, q) => q.overlap - p.overlap || order.get(p.a)! - order.get(q.a)! || order.get(p.b)! - order.get(q.b)!);
}

/** The exact overlap and spans of texts `a` and `b` (indices, a before b in the input). */
function comparePair(inputs: readonly CopyInput[], texts: CopyText[], a: number, b: number, shingle: number): CopyPair {
  // Walk the shorter text, so that the passages never overlap in it and their lengths add up to its copied part.
  const aShorter = texts[a].chars.length <= texts[b].chars.length;
  const [s, l] = aShorter ? [a, b] : [b, a];
  const passages = sharedPassages(texts[s], texts[l], shingle);
  const copied = passages.reduce((sum, p) => sum + p.length, 0);
  const shortLength = texts[s].chars.length;
  const spans = passages
    .map((p) => {
      const [pa, pb] = aShorter ? [p.a, p.b] : [p.b, p.a];
      const ta = texts[a];
      const tb = texts[b];
      const spanA: [number, number] = [ta.start[pa], ta.end[pa + p.length - 1]];
      const spanB: [number, number] = [tb.start[pb], tb.end[pb + p.length - 1]];
      return { a: spanA, b: spanB, text: inputs[a].text.slice(spanA[0], spanA[1]) };
    })
    .sort((x, y) => x.a[0] - y.a[0]);
  return { a: inputs[a].id, b: inputs[b].id, overlap: shortLength ? Math.round((copied / shortLength) * 1000) / 1000 : 0, spans };
}
