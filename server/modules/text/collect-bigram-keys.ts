import { HAN_FIRST, HAN_SPAN } from './bigram-text.ts';

/**
 * Appends the bigram keys of a cleaned text (pairs of Han characters, U+3400 … U+9FFF, not
 * across anything else) to `out` from position `at`, each `times` times; returns the new end.
 * `out` must have room for `times` × text length. Sorting the keys afterwards counts them
 * without a map (see `buildSimilarityIndex`).
 */
export function collectBigramKeys(text: string, times: number, out: Int32Array, at: number): number {
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) - HAN_FIRST;
    const han = code >= 0 && code < HAN_SPAN && (code < 0x4dc0 - HAN_FIRST || code >= 0x4e00 - HAN_FIRST);
    if (han && previous >= 0) {
      const key = previous * HAN_SPAN + code;
      for (let t = 0; t < times; t++) out[at++] = key;
    }
    previous = han ? code : -1;
  }
  return at;
}
