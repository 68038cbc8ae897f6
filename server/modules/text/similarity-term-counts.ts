import { cleanText } from './normalize.ts';
import { segmentClean } from './segment.ts';
import { HAN_FIRST, HAN_SPAN } from './bigram-text.ts';

/** Title terms count this many times: a title names the matter, the detail wanders. */
const TITLE_WEIGHT = 2;

/**
 * Frequent words that say nothing about the matter. IDF would weigh them down anyway; dropping
 * them keeps postings and the vocabulary smaller.
 */
const STOPWORDS = new Set([
  '我们', '你们', '他们', '一个', '没有', '什么', '这个', '那个', '因为', '所以', '但是', '可以', '已经', '现在',
  '如果', '还是', '就是', '这些', '那些', '自己', '不是', '还有', '以及', '对于', '关于', '进行', '通过', '希望',
  '请问', '您好', '尊敬', '谢谢', '一下', '这样', '这种', '怎么', '为什么', '而且', '并且', '或者', '由于', '虽然',
  '然后', '目前', '时候', '一直', '也是', '都是', '就是说', '的话', '之后', '之前', '出来', '起来', '一些', '非常',
]);

/** Weighted counts of a message's words and of its bigrams (as integer keys, see `bigramText`). */
export interface SimilarityTermCounts {
  words: Map<string, number>;
  bigrams: Map<number, number>;
}

/** Adds the words and bigrams of one cleaned text, each occurrence counting `weight`. */
function addTerms(counts: SimilarityTermCounts, text: string, weight: number): void {
  for (const word of segmentClean(text)) {
    // Single characters (的, 区, 路) carry little alone; the bigrams already hold them in context.
    if (word.length < 2 || word.length > 12 || STOPWORDS.has(word)) continue;
    counts.words.set(word, (counts.words.get(word) ?? 0) + weight);
  }
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) - HAN_FIRST;
    // Only Han characters pair up (U+3400 … U+9FFF); anything else breaks the run.
    const han = code >= 0 && code < HAN_SPAN && (code < 0x4dc0 - HAN_FIRST || code >= 0x4e00 - HAN_FIRST);
    if (han && previous >= 0) {
      const key = previous * HAN_SPAN + code;
      counts.bigrams.set(key, (counts.bigrams.get(key) ?? 0) + weight);
    }
    previous = han ? code : -1;
  }
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
