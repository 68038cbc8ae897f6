import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { segment } from './segment.ts';
import { cleanText } from './normalize.ts';
import { replyBody } from './reply-body.ts';
import { replyTimeliness } from './reply-timeliness.ts';
import { action, agent, basis, contact, forwardedOnly, relevanceStopwords, timeline, vagueTime } from './reply-cues.ts';

/** A message and the official reply to it. */
export interface ReplyInput {
  title: string;
  detail: string;
  reply: string;
  /** When the message was left, `YYYY-MM-DD HH:MM:SS` China time. */
  time: string;
  /** When the reply was published, same form. */
  replyTime: string;
}

/** What scoring needs besides the reply: word rarity and the working-day calendar. */
export interface ReplyScoringContext {
  /** Inverse document frequency of words over messages (`replyTermIdf`); unknown words get `defaultIdf`. */
  idf: ReadonlyMap<string, number>;
  defaultIdf: number;
  calendar: WorkingCalendar;
}

/** The judgement of one reply; scores are in 0..1 (1 best). */
export interface ReplyQuality {
  /** 0.3 relevance + 0.5 completeness + 0.2 timeliness (the last scaled down for replies under 40 characters of substance). */
  score: number;
  relevance: number;
  completeness: number;
  timeliness: number;
  workingDays: number;
  /** What the reply lacks, in plain Chinese, most important first. */
  missing: string[];
}

/** Key words weighing this many times more when they name a place (小区、街道、村…). */
const PLACE_BOOST = 1.5;
const PLACE = /(?:省|市|区|县|镇|乡|街道|村|社区|小区|花园|苑|园|路|街|大道|广场|大厦|学校|小学|中学|医院|公司)$/;
/** Key words of a message compared with the reply. */
const KEY_TERMS = 15;
/** Weighted share of key words found at which relevance counts as full. */
const FULL_RELEVANCE = 0.5;
/** Characters of body below which a reply cannot be complete. */
const SHORT_BODY = 40;

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The message's key words with weights: (1 + log tf) × idf, title words counted twice, places boosted. */
function keyTerms(title: string, detail: string, context: ReplyScoringContext): { term: string; weight: number; isPlace: boolean }[] {
  const tf = new Map<string, number>();
  const titleWords = segment(title);
  const words = [...titleWords, ...titleWords, ...segment(detail)];
  for (const w of words) {
    if (Array.from(w).length < 2 || relevanceStopwords.has(w) || /^[\d.]+$/.test(w)) continue;
    tf.set(w, (tf.get(w) ?? 0) + 1);
  }
  return [...tf]
    .map(([term, n]) => {
      const isPlace = PLACE.test(term) && Array.from(term).length >= 3;
      return { term, isPlace, weight: (1 + Math.log(n)) * (context.idf.get(term) ?? context.defaultIdf) * (isPlace ? PLACE_BOOST : 1) };
    })
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, KEY_TERMS);
}

/**
 * Judges an official reply to a citizen's message (答复质量) on three counts, each 0..1:
 * relevance — the weighted share of the message's key words (places count more) that the reply
 * body takes up; completeness — whether it says what was done, by whom, by when, on what basis
 * and whom to contact (Chinese cue patterns, `reply-cues.ts`); timeliness — working days taken.
 * `missing` names each shortfall in plain Chinese so that a reviewer can check it.
 */
export function scoreReply(input: ReplyInput, context: ReplyScoringContext): ReplyQuality {
  const body = replyBody(input.reply, input.title);
  const bodyLength = Array.from(body.replace(/[^\p{L}\p{N}]/gu, '')).length;
  const missing: string[] = [];

  const terms = keyTerms(input.title, input.detail, context);
  const total = terms.reduce((s, t) => s + t.weight, 0);
  const found = terms.filter((t) => body.includes(t.term));
  const share = total > 0 ? found.reduce((s, t) => s + t.weight, 0) / total : 0;
  const relevance = Math.min(1, share / FULL_RELEVANCE);

  const hasAction = action.test(body);
  const hasAgent = agent.test(body);
  const time = timeline.test(body) ? 1 : vagueTime.test(body) ? 0.5 : 0;
  const hasBasis = basis.test(body);
  const hasContact = contact.test(body);
  const lengthFactor = Math.min(1, bodyLength / SHORT_BODY);
  const completeness = lengthFactor * (0.35 * +hasAction + 0.2 * +hasAgent + 0.15 * time + 0.15 * +hasBasis + 0.15 * +hasContact);

  const timing = replyTimeliness(input.time, input.replyTime, context.calendar);

  if (bodyLength === 0) missing.push('答复无实质内容（仅有问候、致谢或套话）');
  else if (bodyLength < SHORT_BODY) missing.push('答复内容过短');
  if (forwardedOnly.test(cleanText(input.reply)) && bodyLength < SHORT_BODY) missing.push('仅告知已转办，未答复办理结果');
  if (bodyLength > 0 && relevance < 0.3) missing.push('未回应留言反映的具体问题');
  const places = terms.filter((t) => t.isPlace);
  if (bodyLength > 0 && places.length > 0 && !places.some((t) => body.includes(t.term)) && relevance < 0.6) missing.push('未提及留言所涉地点或对象');
  if (!hasAction) missing.push('未说明处理措施或结果');
  if (!hasAgent) missing.push('未说明责任单位');
  if (time === 0) missing.push('未说明办理时限');
  else if (time === 0.5) missing.push('办理时限表述模糊（如“尽快”“近期”）');
  if (!hasBasis) missing.push('未引用政策或法规依据');
  if (!hasContact) missing.push('未提供联系方式');
  if (timing.workingDays < 0) missing.push('答复时间早于留言时间（数据有误）');
  else if (timing.workingDays > 15) missing.push(`答复超过15个工作日（用时${timing.workingDays}个工作日）`);

  return {
    // Speed earns credit only for a reply with substance: a prompt "已收悉" is not a good reply.
    score: round(0.3 * relevance + 0.5 * completeness + 0.2 * timing.score * lengthFactor),
    relevance: round(relevance),
    completeness: round(completeness),
    timeliness: round(timing.score),
    workingDays: timing.workingDays,
    missing,
  };
}
