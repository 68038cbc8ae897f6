import { bigramText } from './bigram-text.ts';
import { similarityTermCounts } from './similarity-term-counts.ts';

export { bigramPrefix } from './bigram-text.ts';

/**
 * Weighted term counts of a message for similarity, as strings: jieba words and character
 * bigrams (prefixed with `bigramPrefix`), the title counting double (see `similarityTermCounts`).
 */
export function similarityTerms(title: string, detail: string): Map<string, number> {
  const { words, bigrams } = similarityTermCounts(title, detail);
  const terms = new Map(words);
  for (const [key, count] of bigrams) terms.set(bigramText(key), count);
  return terms;
}
