/** Marks a character bigram, so that the bigram 小区 and the jieba word 小区 are separate terms. */
export const bigramPrefix = '\u0001';

/** First code point of the Han blocks bigram keys cover (extension A, then the basic block). */
export const HAN_FIRST = 0x3400;
/** Code points covered: U+3400 … U+9FFF. */
export const HAN_SPAN = 0xa000 - HAN_FIRST;

/**
 * The term string of a bigram key (`(a − U+3400) × HAN_SPAN + (b − U+3400)`): the key is a
 * small integer, so counting and looking bigrams up never builds a string; the string is made
 * only when a bigram is new to a vocabulary.
 */
export function bigramText(key: number): string {
  const a = Math.floor(key / HAN_SPAN);
  return bigramPrefix + String.fromCharCode(HAN_FIRST + a, HAN_FIRST + (key - a * HAN_SPAN));
}
