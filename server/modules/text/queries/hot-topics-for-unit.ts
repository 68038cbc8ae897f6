import { and, desc, eq, gte, lte, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { invalidField, notFound } from '../../../core/errors.ts';
import { inUnitSubtree } from '../../../core/policy.ts';
import { pathInRoots } from '../../../core/scope.ts';
import type { Db } from '../../../db/client.ts';
import { addDays, endOfChinaDay, todayInChina } from '../../calendar/calendar-date.ts';
import { units } from '../../org/tables.ts';
import { matters } from '../../matters/tables.ts';
import { leadRoots } from '../policy.ts';
import { chinaDateTimeOf } from '../china-time.ts';
import { runTextTask } from '../run-text-task.ts';
import type { SimilarityDoc } from '../similarity-types.ts';
import type { THotTopicsQuery, THotTopicsResult } from '../schema.ts';

/** Newest matters of a period clustered at most (the period's older ones are left out, and the answer says so). */
export const HOT_TOPIC_CAP = 20_000;
/** The period when none is given: the last 30 days (每月一题). */
export const DEFAULT_HOT_TOPIC_DAYS = 30;
/** How long an answer is reused for the same scope, period and size. */
const RESULT_CACHE_MS = 60_000;
/** Rows per query, so other requests get their turn on PGlite between pages. */
const PAGE = 2000;

const startOfChinaDay = (date: string) => new Date(endOfChinaDay(addDays(date, -1)).getTime() + 1);
const results = new WeakMap<object, Map<string, { at: number; value: THotTopicsResult }>>();

interface Row {
  id: string;
  code: string;
  title: string;
  description: string;
  address: string | null;
  phoneIdx: string | null;
  createdAt: Date;
  at: string;
}

/** The period's matters of the subtrees, newest first, page by page, at most `cap`. */
async function readPeriod(db: Db, roots: string[], from: Date, to: Date, cap: number): Promise<{ rows: Row[]; capped: boolean }> {
  const rows: Row[] = [];
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    const page: Row[] = await db
      .select({
        id: matters.id,
        code: matters.code,
        title: matters.title,
        description: matters.description,
        address: matters.address,
        phoneIdx: matters.petitionerPhoneIdx,
        createdAt: matters.createdAt,
        at: sql<string>`${matters.createdAt}::text`,
      })
      .from(matters)
      .where(
        and(
          gte(matters.createdAt, from),
          lte(matters.createdAt, to),
          or(pathInRoots(matters.unitPath, roots), pathInRoots(matters.intakeUnitPath, roots)),
          cursor ? sql`(${matters.createdAt}, ${matters.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(matters.createdAt), desc(matters.id))
      .limit(Math.min(PAGE, cap + 1 - rows.length));
    rows.push(...page);
    if (rows.length > cap) return { rows: rows.slice(0, cap), capped: true };
    if (page.length < PAGE) return { rows, capped: false };
    const last = page[page.length - 1];
    cursor = { at: last.at, id: last.id };
  }
}

/**
 * Hot topics (每月一题, GET /api/text/hot-topics): the matters of a unit subtree (taken in or
 * handled there) in a period, grouped into topics about the same concrete thing by
 * `findHotTopics` — run in a worker thread when large — each with its label (place + key
 * words), size, heat, growth across the period, distinct petitioners, representative matters and
 * members. The subtree must be one where the caller leads (else 404); without `unitId`, all of
 * them. The newest HOT_TOPIC_CAP matters of the period are used; answers are reused for a minute.
 */
export async function hotTopicsForUnit(ctx: Ctx, q: THotTopicsQuery): Promise<THotTopicsResult> {
  const actor = requireActor(ctx);
  const to = q.to ?? todayInChina();
  const from = q.from ?? addDays(to, -(DEFAULT_HOT_TOPIC_DAYS - 1));
  if (from > to) throw invalidField('to', 'DATE_ORDER');
  let roots = leadRoots(actor);
  let unit: { id: string; name: string } | null = null;
  if (q.unitId) {
    const [u] = await ctx.db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(eq(units.id, q.unitId));
    if (!u || !roots.some((r) => inUnitSubtree(u.path, r))) throw notFound();
    unit = { id: u.id, name: u.name };
    roots = [u.path];
  }
  const key = `${roots.join('|')}#${from}#${to}#${q.top}`;
  let perDb = results.get(ctx.db);
  if (!perDb) results.set(ctx.db, (perDb = new Map()));
  const hit = perDb.get(key);
  if (hit && Date.now() - hit.at < RESULT_CACHE_MS) return hit.value;

  const start = startOfChinaDay(from);
  const end = endOfChinaDay(to);
  const { rows, capped } = await readPeriod(ctx.db, roots, start, end, HOT_TOPIC_CAP);
  const docs: SimilarityDoc[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    detail: r.address ? `${r.description}\n${r.address}` : r.description,
    user: r.phoneIdx ?? undefined,
    time: chinaDateTimeOf(r.createdAt),
  }));
  const topics = docs.length ? await runTextTask({ kind: 'hot-topics', docs, top: q.top }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const middle = start.getTime() + (end.getTime() - start.getTime()) / 2;
  const value: THotTopicsResult = {
    unit,
    from,
    to,
    matterCount: rows.length,
    cap: HOT_TOPIC_CAP,
    capped,
    topics: topics.map((t) => {
      const members = t.ids.map((id) => byId.get(id)).filter((r): r is Row => !!r);
      const later = members.filter((m) => m.createdAt.getTime() >= middle).length;
      const earlier = members.length - later;
      const times = members.map((m) => m.createdAt.getTime());
      return {
        label: t.label,
        place: t.place,
        keywords: t.keywords,
        size: t.size,
        heat: Math.round(t.heat * 1000) / 1000,
        growth: Math.round(((later - earlier) / Math.max(1, earlier)) * 1000) / 1000,
        petitioners: t.users,
        firstAt: times.length ? new Date(Math.min(...times)).toISOString() : null,
        lastAt: times.length ? new Date(Math.max(...times)).toISOString() : null,
        representatives: t.representativeIds.map((id) => byId.get(id)).filter((r): r is Row => !!r).map((r) => ({ id: r.id, code: r.code, title: r.title })),
        memberIds: t.ids,
      };
    }),
  };
  perDb.set(key, { at: Date.now(), value });
  return value;
}
