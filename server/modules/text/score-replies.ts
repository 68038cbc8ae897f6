import { WorkingCalendar } from '../calendar/working-calendar.ts';
import { packageCalendar } from '../calendar/package-calendar.ts';
import { scoreReply, type ReplyInput, type ReplyQuality } from './score-reply.ts';
import { replyTermIdf } from './reply-term-idf.ts';

/**
 * Judges a batch of replies (`scoreReply`), with word rarity taken from the batch's own messages
 * and, unless given, the working-day calendar of the installed holiday data (without the admins'
 * overrides, which live in the database).
 */
export function scoreReplies(inputs: readonly ReplyInput[], calendar: WorkingCalendar = new WorkingCalendar(packageCalendar())): ReplyQuality[] {
  const context = { ...replyTermIdf(inputs.map((r) => `${r.title} ${r.detail}`)), calendar };
  return inputs.map((input) => scoreReply(input, context));
}
