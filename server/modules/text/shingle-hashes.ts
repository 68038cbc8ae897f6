const BASE = 0x01000193;

/** Murmur3's final mix: spreads the polynomial hash so that minima (winnowing) are fair. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 32-bit hash of every `k`-character shingle of `chars` (position i covers chars[i, i + k)),
 * by a rolling polynomial hash, so a text costs one pass whatever k is. Equal shingles give equal
 * hashes; unequal ones rarely do, and every match is checked character by character later.
 */
export function shingleHashes(chars: string, k: number): Uint32Array {
  const n = chars.length - k + 1;
  if (n <= 0) return new Uint32Array(0);
  let top = 1; // BASE^(k-1), wrapping at 32 bits like the hash
  for (let j = 1; j < k; j++) top = Math.imul(top, BASE);
  const out = new Uint32Array(n);
  let h = 0;
  for (let j = 0; j < k; j++) h = (Math.imul(h, BASE) + chars.charCodeAt(j)) | 0;
  out[0] = mix(h);
  for (let i = 1; i < n; i++) {
    h = (Math.imul((h - Math.imul(chars.charCodeAt(i - 1), top)) | 0, BASE) + chars.charCodeAt(i + k - 1)) | 0;
    out[i] = mix(h);
  }
  return out;
}
