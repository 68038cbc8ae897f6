import type { CopyText } from './prepare-copy-text.ts';
import { shingleHashes } from './shingle-hashes.ts';

/** A passage found in both texts: start positions in each and length, in kept characters. */
export interface Passage {
  a: number;
  b: number;
  length: number;
}

/** Where each shingle of a text starts: an open-addressing table from hash to a chain of positions. */
export interface ShingleIndex {
  text: CopyText;
  k: number;
  /** Hash of each slot (valid where `head` is not -1). */
  keys: Uint32Array;
  /** First position of the slot's hash, -1 for an empty slot. */
  head: Int32Array;
  /** Next position with the same hash, -1 at the end of a chain. */
  next: Int32Array;
  mask: number;
}

/** A shingle repeated more often than this in one text (a run of one character) is kept at its first places only. */
const MAX_PLACES = 32;

function slotOf(hash: number, mask: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> 0 & mask;
}

/**
 * Indexes the shingles of one text, so that it can be compared with many others (`findCopies`
 * compares a text with all its longer-or-equal candidates without indexing it again each time).
 */
export function indexShingles(text: CopyText, k: number): ShingleIndex {
  const hashes = shingleHashes(text.chars, k);
  const size = 1 << Math.max(4, Math.ceil(Math.log2(hashes.length * 2 + 1)));
  const mask = size - 1;
  const keys = new Uint32Array(size);
  const head = new Int32Array(size).fill(-1);
  const next = new Int32Array(hashes.length).fill(-1);
  const tail = new Int32Array(size);
  const count = new Int32Array(size);
  for (let i = 0; i < hashes.length; i++) {
    let s = slotOf(hashes[i], mask);
    while (head[s] !== -1 && keys[s] !== hashes[i]) s = (s + 1) & mask;
    if (head[s] === -1) {
      keys[s] = hashes[i];
      head[s] = i;
      tail[s] = i;
      count[s] = 1;
    } else if (count[s] < MAX_PLACES) {
      // Appended at the tail, so positions stay in text order.
      next[tail[s]] = i;
      tail[s] = i;
      count[s]++;
    }
  }
  return { text, k, keys, head, next, mask };
}

/**
 * The passages of at least `k` characters that the walked text `b` shares with the indexed text
 * `a`: every maximal common passage (one that cannot be extended either way), at most one per
 * start in `b` (the longest; on a tie the one nearest the previous passage's diagonal, so that a
 * phrase repeated in `a` maps to the occurrence in sequence). Passages may overlap in `b` (XY in
 * one place of `a`, YZ in another), so that the union of passages covers every character of `b`
 * that lies in some shared passage of `k` or more. Exact: hash hits are checked character by
 * character.
 */
export function sharedPassages(index: ShingleIndex, b: CopyText): Passage[] {
  const { k, keys, head, next, mask } = index;
  const A = index.text.chars;
  const B = b.chars;
  const hb = shingleHashes(B, k);
  const passages: Passage[] = [];
  let diagonal = 0;
  for (let j = 0; j < hb.length; j++) {
    let s = slotOf(hb[j], mask);
    while (head[s] !== -1 && keys[s] !== hb[j]) s = (s + 1) & mask;
    let bestI = -1;
    let bestLength = 0;
    for (let i = head[s]; i !== -1; i = next[i]) {
      // The continuation of a match that started earlier: already found from its start.
      if (i > 0 && j > 0 && A.charCodeAt(i - 1) === B.charCodeAt(j - 1)) continue;
      let length = 0;
      while (i + length < A.length && j + length < B.length && A.charCodeAt(i + length) === B.charCodeAt(j + length)) length++;
      if (length < k) continue;
      if (length > bestLength || (length === bestLength && Math.abs(i - j - diagonal) < Math.abs(bestI - j - diagonal))) {
        bestLength = length;
        bestI = i;
      }
    }
    if (bestI >= 0) {
      passages.push({ a: bestI, b: j, length: bestLength });
      diagonal = bestI - j;
    }
  }
  return passages;
}
