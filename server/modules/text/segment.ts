import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { cleanText } from './normalize.ts';
import { domainDictionaryText } from './domain-dictionary.ts';

let jieba: Jieba | null = null;

/** The one jieba instance: the general dictionary plus the domain words, loaded on first use. */
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(domainDictionaryText(), 'utf8'));
  }
  return jieba;
}

/** A token that carries meaning: at least one letter, digit or CJK character. */
const MEANINGFUL = /[\p{L}\p{N}]/u;

/**
 * Words of a text, in order: cleaned (`cleanText`: width, whitespace, Excel escapes, phone and
 * ID numbers scrubbed), cut by jieba without HMM (stable across versions and faster), with
 * punctuation and whitespace dropped.
 */
export function segment(input: string): string[] {
  const text = cleanText(input);
  if (!text) return [];
  return segmenter().cut(text, false).filter((t) => MEANINGFUL.test(t) && t.trim() === t);
}

/**
 * jieba's raw cut of an already-cleaned text, punctuation and whitespace included: for callers
 * that filter the tokens themselves (a length test first is cheaper than the pattern).
 */
export function cutClean(text: string): string[] {
  return text ? segmenter().cut(text, false) : [];
}

/** A jieba token that carries meaning (what `segment` keeps). */
export function isMeaningful(token: string): boolean {
  return MEANINGFUL.test(token) && token.trim() === token;
}

/** Words of an already-cleaned text (skips `cleanText` when the caller has it). */
export function segmentClean(text: string): string[] {
  if (!text) return [];
  return segmenter().cut(text, false).filter((t) => MEANINGFUL.test(t) && t.trim() === t);
}
