import { desc } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import type { Db } from '../../../db/client.ts';
import { loadCalendar } from '../../calendar/queries/load-calendar.ts';
import { loadMatter } from '../../matters/queries/load-matter.ts';
import { matters } from '../../matters/tables.ts';
import { scoreReply } from '../score-reply.ts';
import { replyTermIdf } from '../reply-term-idf.ts';
import { chinaDateTimeOf } from '../china-time.ts';
import { replyMissingInEnglish } from '../reply-missing-en.ts';
import type { TReplyCheckRequest } from '../schema.ts';

/** Newest matters whose words give the rarity (idf) that relevance weighs key words by. */
const IDF_SAMPLE = 1000;
/** How long a process keeps the word rarity before reading it again. */
const IDF_CACHE_MS = 60 * 60_000;
const idfCache = new WeakMap<object, { at: number; value: ReturnType<typeof replyTermIdf> }>();

/** Word rarity over the deployment's newest matters, cached per process for an hour. */
async function matterTermIdf(db: Db): Promise<ReturnType<typeof replyTermIdf>> {
  const hit = idfCache.get(db);
  if (hit && Date.now() - hit.at < IDF_CACHE_MS) return hit.value;
  const rows = await db.select({ title: matters.title, description: matters.description }).from(matters).orderBy(desc(matters.createdAt)).limit(IDF_SAMPLE);
  const value = replyTermIdf(rows.map((r) => `${r.title} ${r.description}`));
  idfCache.set(db, { at: Date.now(), value });
  return value;
}

/**
 * Checks a reply before it goes out (POST /api/text/reply-check): `scoreReply` against the
 * matter's title and description and the time it was taken in — relevance, completeness (what
 * will be done, by whom, by when, on what basis, whom to contact), timeliness on the working-day
 * calendar — and what is missing in plain words of the caller's language. Advice only: nothing
 * is stored and the reply is never blocked. A matter outside the caller's scope is 404.
 */
export async function checkReply(ctx: Ctx, input: TReplyCheckRequest) {
  const actor = requireActor(ctx);
  const matter = await loadMatter(ctx.db, actor, input.matterId);
  const { idf, defaultIdf } = await matterTermIdf(ctx.db);
  const calendar = await loadCalendar(ctx.db);
  const quality = scoreReply(
    { title: matter.title, detail: matter.description, reply: input.text, time: chinaDateTimeOf(matter.createdAt), replyTime: chinaDateTimeOf(new Date()) },
    { idf, defaultIdf, calendar },
  );
  return {
    score: quality.score,
    relevance: quality.relevance,
    completeness: quality.completeness,
    timeliness: quality.timeliness,
    workingDays: quality.workingDays,
    missing: ctx.lang === 'en-US' ? quality.missing.map(replyMissingInEnglish) : quality.missing,
  };
}
