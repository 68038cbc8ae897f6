import { cleanText } from './normalize.ts';
import { segmentClean } from './segment.ts';
import { blockOrder, type ClassifierOptions, type FeatureBlock } from './classifier-model.ts';

/** Runs of letters and digits: n-grams do not cross punctuation or spaces. */
const RUN = /[\p{L}\p{N}]+/gu;
const TWO_18 = 262144;

/**
 * A term's key: a 50-bit hash of its text (two 32-bit FNV-1a style hashes with different
 * multipliers, 32 + 18 bits kept) times 4 plus its block code, so that the same n-gram in the
 * title and in the body are different features. Collisions need ~2^25 distinct terms; a model
 * holds a few hundred thousand.
 */
function keyOf(h1: number, h2: number, block: number): number {
  return ((h1 >>> 0) * TWO_18 + (h2 >>> 14)) * 4 + block;
}

/** Appends the keys of the character n-grams of every run of `text`. */
function pushCharNgrams(out: number[], text: string, [min, max]: [number, number], block: number): void {
  if (min <= 0) return;
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    // UTF-16 units: Chinese text is in the BMP; a rare character beyond it makes two-unit grams,
    // which are still consistent features.
    for (let i = 0; i < run.length; i++) {
      let h1 = 0x811c9dc5 ^ block;
      let h2 = 0x2545f491 ^ block;
      for (let n = 1; n <= max && i + n <= run.length; n++) {
        const c = run.charCodeAt(i + n - 1);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h2 ^= h2 >>> 15;
        if (n >= min) out.push(keyOf(h1, h2, block));
      }
    }
  }
}

/** Appends the keys of the word n-grams of a segmented text (words joined by a space). */
function pushWordNgrams(out: number[], words: string[], [min, max]: [number, number], block: number): void {
  if (min <= 0) return;
  for (let i = 0; i < words.length; i++) {
    let h1 = 0x811c9dc5 ^ block;
    let h2 = 0x2545f491 ^ block;
    for (let n = 1; n <= max && i + n <= words.length; n++) {
      const w = (n > 1 ? ' ' : '') + words[i + n - 1];
      for (let k = 0; k < w.length; k++) {
        const c = w.charCodeAt(k);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h2 ^= h2 >>> 15;
      }
      if (n >= min) out.push(keyOf(h1, h2, block));
    }
  }
}

const code = (b: FeatureBlock) => blockOrder.indexOf(b);

/**
 * The terms of a message as the classifier counts them (repeats count), as numeric keys (see
 * `keyOf`; numbers rather than strings because the lookups dominate classification time):
 * character n-grams and jieba word n-grams of title + detail, and character n-grams of the title
 * alone. Text is cleaned first, so phone and ID numbers never become terms. `key % 4` is the
 * block's code in `blockOrder`.
 */
export function extractTerms(title: string, detail: string, options: ClassifierOptions): Float64Array {
  const cleanTitle = cleanText(title);
  const whole = `${cleanTitle} ${cleanText(detail)}`;
  const keys: number[] = [];
  pushCharNgrams(keys, whole, options.charNgrams, code('chars'));
  if (options.wordNgrams[0] > 0) pushWordNgrams(keys, segmentClean(whole), options.wordNgrams, code('words'));
  pushCharNgrams(keys, cleanTitle, options.titleNgrams, code('title'));
  return Float64Array.from(keys);
}
