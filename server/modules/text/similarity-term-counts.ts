import { cleanText } from './normalize.ts';
import { addSimilarityWords } from './add-similarity-words.ts';
import { collectBigramKeys } from './collect-bigram-keys.ts';

/** Title terms count this many times: a title names the matter, the detail wanders. */
export const TITLE_WEIGHT = 2;

/** Weighted counts of a message's words and of its bigrams (as integer keys, see `bigramText`). */
export interface SimilarityTermCounts {
  words: Map<string, number>;
  bigrams: Map<number, number>;
}

/** Adds the words and bigrams of one cleaned text, each occurrence counting `weight`. */
function addTerms(counts: SimilarityTermCounts, text: string, weight: number): void {
  addSimilarityWords(counts.words, text, weight);
  const keys = new Int32Array(text.length);
  const end = collectBigramKeys(text, 1, keys, 0);
  for (let k = 0; k < end; k++) counts.bigrams.set(keys[k], (counts.bigrams.get(keys[k]) ?? 0) + weight);
}

/**
 * The terms of a message for similarity, counted: jieba words (two characters or more, not
 * stopwords) and character bigrams inside runs of Chinese characters, the title counting
 * double. Words catch the matter's vocabulary; bigrams catch names jieba cuts differently in two
 * texts (魅力之城 vs 魅力/之/城). Text is cleaned first, so phone and ID numbers never count.
 */
export function similarityTermCounts(title: string, detail: string): SimilarityTermCounts {
  const counts: SimilarityTermCounts = { words: new Map(), bigrams: new Map() };
  addTerms(counts, cleanText(title), TITLE_WEIGHT);
  addTerms(counts, cleanText(detail), 1);
  return counts;
}
