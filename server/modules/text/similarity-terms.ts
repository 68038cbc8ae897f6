import { cleanText } from './normalize.ts';
import { segmentClean } from './segment.ts';

/** Marks a character bigram, so that the bigram 小区 and the jieba word 小区 are separate terms. */
export const bigramPrefix = '\u0001';

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

/** A CJK unified ideograph (basic block or extension A). */
function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** Adds the words and bigrams of one cleaned text to `counts`, each occurrence counting `weight`. */
function addTerms(counts: Map<string, number>, text: string, weight: number): void {
  for (const word of segmentClean(text)) {
    // Single characters (的, 区, 路) carry little alone; the bigrams already hold them in context.
    if (word.length < 2 || word.length > 12 || STOPWORDS.has(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + weight);
  }
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if (!isHan(a) || !isHan(b)) continue;
    const gram = bigramPrefix + text[i] + text[i + 1];
    counts.set(gram, (counts.get(gram) ?? 0) + weight);
  }
}

/**
 * Weighted term counts of a message for similarity: jieba words (two characters or more, not
 * stopwords) and character bigrams inside runs of Chinese characters, the title counting
 * double. Words catch the matter's vocabulary; bigrams catch names jieba cuts differently in two
 * texts (魅力之城 vs 魅力/之/城). Text is cleaned first, so phone and ID numbers never count.
 */
export function similarityTerms(title: string, detail: string): Map<string, number> {
  const counts = new Map<string, number>();
  addTerms(counts, cleanText(title), TITLE_WEIGHT);
  addTerms(counts, cleanText(detail), 1);
  return counts;
}
