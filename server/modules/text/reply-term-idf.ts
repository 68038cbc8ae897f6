import { segment } from './segment.ts';

/**
 * Word rarity over a set of messages, for `scoreReply`: idf = ln((1 + n) / (1 + df)) + 1 per
 * jieba word, and the value an unseen word gets (as rare as a word seen once). A batch of
 * replies is scored with the idf of its own messages; the product can keep one over its archive.
 */
export function replyTermIdf(messages: readonly string[]): { idf: Map<string, number>; defaultIdf: number } {
  const df = new Map<string, number>();
  for (const m of messages) for (const w of new Set(segment(m))) df.set(w, (df.get(w) ?? 0) + 1);
  const n = messages.length;
  const idf = new Map<string, number>();
  for (const [w, d] of df) idf.set(w, Math.log((1 + n) / (1 + d)) + 1);
  return { idf, defaultIdf: Math.log((1 + n) / 2) + 1 };
}
