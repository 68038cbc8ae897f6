import { cutClean, isMeaningful } from './segment.ts';

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

/** Adds the words of one cleaned text to `words`, each occurrence counting `weight`. */
export function addSimilarityWords(words: Map<string, number>, text: string, weight: number): void {
  for (const word of cutClean(text)) {
    // Single characters (的, 区, 路) carry little alone; the bigrams already hold them in context.
    // (The cheap length test first: most tokens are single characters or punctuation.)
    if (word.length < 2 || word.length > 12 || STOPWORDS.has(word) || !isMeaningful(word)) continue;
    words.set(word, (words.get(word) ?? 0) + weight);
  }
}
