import type { CopyText } from './prepare-copy-text.ts';
import { shingleHashes } from './shingle-hashes.ts';

const MAX_PLACES = 32;

/** A passage found in both texts: start positions in each and length, in kept characters. */
export interface Passage {
  a: number;
  b: number;
  length: number;
}

/**
 * The passages of at least `k` characters that `a` shares with `b`, greedily from the start of
 * `a`: at each position the longest match in `b` is taken and the scan jumps past it, so the
 * passages never overlap in `a` (they may in `b` when `b` repeats itself). Exact: hash hits are
 * checked character by character.
 */
export function sharedPassages(a: CopyText, b: CopyText, k: number): Passage[] {
  const ha = shingleHashes(a.chars, k);
  const hb = shingleHashes(b.chars, k);
  const where = new Map<number, number[]>();
  for (let j = 0; j < hb.length; j++) {
    const list = where.get(hb[j]);
    // A shingle repeated many times in b (a run of one character, a refrain) is kept at its first
    // places only, so that a degenerate text cannot make the comparison quadratic.
    if (!list) where.set(hb[j], [j]);
    else if (list.length < MAX_PLACES) list.push(j);
  }
  const passages: Passage[] = [];
  const A = a.chars;
  const B = b.chars;
  for (let i = 0; i < ha.length; ) {
    let bestJ = -1;
    let bestLength = 0;
    for (const j of where.get(ha[i]) ?? []) {
      let length = 0;
      while (i + length < A.length && j + length < B.length && A.charCodeAt(i + length) === B.charCodeAt(j + length)) length++;
      if (length >= k && length > bestLength) {
        bestLength = length;
        bestJ = j;
      }
    }
    if (bestJ < 0) {
      i++;
      continue;
    }
    passages.push({ a: i, b: bestJ, length: bestLength });
    i += bestLength;
  }
  return passages;
}
