const CHINA_OFFSET_MS = 8 * 60 * 60_000;

/**
 * An instant as `YYYY-MM-DD HH:MM:SS` in China time: the form the text features read message
 * times in (`SimilarityDoc.time`, `ReplyInput.time`).
 */
export function chinaDateTimeOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
