import { and, eq, getTableColumns, gte, ilike, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../../core/cursor.ts';
import { invalidField } from '../../../core/errors.ts';
import type { Actor } from '../../../core/policy.ts';
import { queryRows } from '../../../db/client.ts';
import { escapeLike, pathInRootsInline, scopedToInline } from '../../../core/scope.ts';
import { addDays, endOfChinaDay, todayInChina } from '../../calendar/calendar-date.ts';
import { units } from '../../org/tables.ts';
import { getSetting, parseStored, storedSettingSql } from '../../system/settings.ts';
import { segment } from '../../text/segment.ts';
import { matters, matterSearchBigrams } from '../tables.ts';
import { appliedDeadline, backlogCutoff, isMatterBacklog, isMatterOverdue, openStatuses } from '../presenter.ts';
import { grantedMatterAbilities } from '../policy.ts';
import type { TMatterListItem, TMatterQueue, TMattersQuery } from '../schema.ts';
import { coUnitScoped, type MatterRow } from './load-matter.ts';

const HOUR_MS = 60 * 60 * 1000;
/** How far ahead "due soon" looks. */
export const DUE_SOON_HOURS = 24;
/** At most this many words of a search are used. */
const MAX_SEARCH_TERMS = 8;

/**
 * SQL: the status is open, written as the predicate of the partial index matters_open_created_idx
 * so that PostgreSQL can prove a deadline view lies inside it and walk only open matters.
 */
const openStatusLiteral = sql.raw(`"matters"."status" in (${openStatuses.map((s) => `'${s}'`).join(', ')})`);

/**
 * SQL: the earliest deadline that still applies to unfinished work — for received and dispatched
 * matters the response or the resolution deadline, whichever comes first, for matters in progress
 * the resolution deadline. The expression of the index matters_open_deadline_idx, written the same.
 */
const deadlineExpr = sql.raw(`(case when "matters"."status" in ('received', 'dispatched') then least("matters"."respond_by", "matters"."resolve_by") else "matters"."resolve_by" end)`);
/** SQL: unfinished work, as the predicate of matters_open_deadline_idx. */
const workStatusLiteral = sql.raw(`"matters"."status" in ('received', 'dispatched', 'in_progress')`);

/**
 * SQL: overdue (the rule of isMatterOverdue), written so that the deadline index answers it as one
 * range; least() skips a missing deadline as appliedDeadline does.
 */
function overdueByDeadline(now: Date): SQL {
  return and(workStatusLiteral, sql`${deadlineExpr} < ${now}`)!;
}

/**
 * SQL: the earliest deadline that still applies falls within the next DUE_SOON_HOURS and has not
 * passed (a matter already late on one deadline is in the overdue view instead); one range of the
 * deadline index.
 */
function dueSoonByDeadline(now: Date): SQL {
  const until = new Date(now.getTime() + DUE_SOON_HOURS * HOUR_MS);
  return and(workStatusLiteral, sql`${deadlineExpr} >= ${now}`, sql`${deadlineExpr} <= ${until}`)!;
}

/** The condition of each named view of the inbox (README.md, "Views"). */
function queueCondition(queue: TMatterQueue, actor: Actor, now: Date, backlogDays: number): SQL {
  switch (queue) {
    case 'intake':
      // New and returned (退单) matters waiting for the intake office to dispatch them.
      return and(sql`${matters.status} = 'received'`, scopedToInline(matters.intakeUnitPath, actor, 'matter.intake'))!;
    case 'to_accept':
      return and(sql`${matters.status} = 'dispatched'`, scopedToInline(matters.unitPath, actor, 'matter.handle'))!;
    case 'in_progress':
      return and(sql`${matters.status} = 'in_progress'`, scopedToInline(matters.unitPath, actor, 'matter.handle'))!;
    case 'due_soon':
      return dueSoonByDeadline(now);
    case 'overdue':
      return overdueByDeadline(now);
    case 'mine_leader':
      return eq(matters.leaderAccountId, actor.accountId);
    case 'reviews_due':
      return and(sql`${matters.status} = 'closed'`, lte(matters.reviewDueOn, todayInChina(now)), scopedToInline(matters.unitPath, actor, 'matter.handle'))!;
    case 'escalations':
      // Only while a claim is still possible: once replied, the escalation waits for nothing.
      return and(sql`${matters.escalationStatus} = 'pending'`, sql`${matters.status} in ('dispatched', 'in_progress')`, scopedToInline(matters.escalatedToUnitPath, actor, 'matter.handle'))!;
    case 'backlog':
      return and(openStatusLiteral, lt(matters.createdAt, backlogCutoff(backlogDays, now)))!;
    case 'co_handling':
      // Matters where the actor's units help (协办); the visibility condition of this view is the same.
      return coUnitScoped(actor, 'matter.handle');
  }
}

/**
 * SQL: every word of the search occurs in the title, the description or the code, or the search
 * is part of a code. Tested by ILIKE, as it always was; before it, when every way to match has
 * words of two or more characters, the two-character pieces of those words (worked out by the
 * database, lower-cased as ILIKE does) must all be in matters_search_bigrams_idx — true of every
 * matter the ILIKE finds, so the result is the same, but a rare word reads only the few matters
 * that may hold it. The piece test stands as a clause of its own, so that once the index has
 * answered it PostgreSQL does not work the pieces out again for each row.
 */
function searchCondition(q: string): SQL {
  const words = [...new Set(segment(q))].slice(0, MAX_SEARCH_TERMS);
  const terms = words.length > 0 ? words : [q];
  const allWords = and(
    ...terms.map((t) => {
      const pattern = `%${escapeLike(t)}%`;
      return or(ilike(matters.title, pattern), ilike(matters.description, pattern), ilike(matters.code, pattern))!;
    }),
  )!;
  // A code (JC20261201-000123, or a part of one) is found as typed, whatever the segmenter makes of it.
  const matches = or(ilike(matters.code, `%${escapeLike(q)}%`), allWords)!;
  // A word of one character has no pieces: it adds nothing to the piece test of its way to match.
  const pieces = (t: string) => sql`${matterSearchBigrams} @> jiceng_bigrams(${t})`;
  const longWords = terms.filter((t) => [...t].length >= 2);
  if ([...q].length < 2 || longWords.length === 0) return matches;
  return and(or(pieces(q), and(...longWords.map(pieces))), matches)!;
}

/** The start of a China calendar day. */
const startOfChinaDay = (date: string) => new Date(endOfChinaDay(addDays(date, -1)).getTime() + 1);

/**
 * The inbox: matters taken in or handled inside the actor's scope (in the co_handling view: those
 * whose co-units are in it), newest first, in one of the
 * named views and filtered by status, kind, origin, category, unit subtree, dates, lateness and
 * words; keyset pages on (created_at, id), or (review_due_on, id) for reviews due. Items carry no
 * petitioner data.
 */
export async function listMatters(ctx: Ctx, q: TMattersQuery) {
  const actor = requireActor(ctx);
  const now = new Date();
  // The backlog view needs the threshold before it asks; every other view reads it with its page.
  const backlogFirst = q.queue === 'backlog' ? await getSetting(ctx.db, 'backlog_days') : null;
  // Co-units see a matter only in their own view: an "or co-unit" in every inbox query would
  // defeat the path indexes of the main inbox (benchmarked with 1,000,000 matters).
  const where: SQL[] = [q.queue === 'co_handling' ? coUnitScoped(actor, 'matter.read') : or(scopedToInline(matters.intakeUnitPath, actor, 'matter.read'), scopedToInline(matters.unitPath, actor, 'matter.read'))!];
  if (q.queue) where.push(queueCondition(q.queue, actor, now, backlogFirst ?? 0));
  // Values from a closed list (checked by the schema) are written into the statement, so that its
  // one generic plan still knows them; values from an open range stay parameters.
  if (q.status) where.push(sql`${matters.status} = ${enumLiteral(q.status)}`);
  if (q.kind) where.push(sql`${matters.kind} = ${enumLiteral(q.kind)}`);
  if (q.origin) where.push(sql`${matters.origin} = ${enumLiteral(q.origin)}`);
  if (q.categoryId) where.push(eq(matters.categoryId, q.categoryId));
  if (q.unitId) {
    const [unit] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, q.unitId));
    where.push(unit ? pathInRootsInline(matters.unitPath, [unit.path]) : sql`false`);
  }
  if (q.createdFrom && q.createdTo && q.createdFrom > q.createdTo) throw invalidField('createdTo', 'DATE_ORDER');
  if (q.createdFrom) where.push(gte(matters.createdAt, startOfChinaDay(q.createdFrom)));
  if (q.createdTo) where.push(lte(matters.createdAt, endOfChinaDay(q.createdTo)));
  if (q.overdue !== undefined) where.push(q.overdue ? overdueByDeadline(now) : sql`not coalesce(${overdueByDeadline(now)}, false)`);
  if (q.q) where.push(searchCondition(q.q));
  // Reviews due (回头看) come in the order they fell due, overdue matters (the view, or the filter)
  // in the order their deadline passed and those due soon in the order it comes: the longest
  // waiting or the most urgent first. Every other view is newest first. The cursor names its
  // order, so one made for a view in another order is refused.
  const order: 'review' | 'deadline' | 'created' =
    q.queue === 'reviews_due' ? 'review' : q.queue === 'overdue' || q.queue === 'due_soon' || q.overdue === true ? 'deadline' : 'created';
  const tag = { review: 'r', deadline: 'd', created: 'c' }[order];
  const after = decodeCursor(q.cursor, 3);
  if (after && after[0] !== tag) throw invalidField('cursor', 'BAD_CURSOR');
  if (after && order === 'review') where.push(sql`(${matters.reviewDueOn}, ${matters.id}) > (${String(after[1])}::date, ${String(after[2])}::uuid)`);
  else if (after && order === 'deadline') where.push(sql`(${deadlineExpr}, ${matters.id}) > (${String(after[1])}::timestamptz, ${String(after[2])}::uuid)`);
  else if (after) where.push(sql`(${matters.createdAt}, ${matters.id}) < (${String(after[1])}::timestamptz, ${String(after[2])}::uuid)`);
  const orderBy = {
    review: sql`${matters.reviewDueOn} asc, ${matters.id} asc`,
    deadline: sql`${deadlineExpr} asc, ${matters.id} asc`,
    created: sql`${matters.createdAt} desc, ${matters.id} desc`,
  }[order];
  // One statement for the page, its extras and the backlog threshold, prepared once per shape on
  // PostgreSQL (queryRows): the inbox is the page every handler opens all day. A search is not
  // prepared: planned with its words, it reads the word index for a rare word and walks the
  // newest matters for a common one; one generic plan did the one for all (2.4 s for 小区).
  const rows = await queryRows<ListRow & { backlogSetting: unknown }>(
    ctx.db,
    sql`select ${listSelectText}, ${backlogSettingText} as "backlogSetting" from ${matters} where ${and(...where)} order by ${orderBy} limit ${sql.raw(String(q.limit + 1))}`,
    q.q ? {} : { prepare: 'inbox' },
  );
  for (const r of rows) readTimes(r);
  const backlogDays = backlogFirst ?? parseStored('backlog_days', rows[0]?.backlogSetting);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const cursorOf = (m: ListedMatter): string => {
    if (order === 'review') return encodeCursor([tag, m.reviewDueOn ?? '', m.id]);
    if (order === 'deadline') return encodeCursor([tag, appliedDeadline(m)?.toISOString() ?? '', m.id]);
    return encodeCursor([tag, m.createdAt.toISOString(), m.id]);
  };
  return {
    items: presentListItems(actor, page, backlogDays, now),
    nextCursor: rows.length > q.limit ? cursorOf(last) : null,
  };
}

/**
 * Turns the row's times into Dates in place: the prepared path (node-postgres's own parsers)
 * gives Dates, a statement through drizzle's execute gives the database's text.
 */
function readTimes(r: Pick<ListRow, 'respondBy' | 'resolveBy' | 'createdAt'>): void {
  const asDate = (v: Date | string | null) => (typeof v === 'string' ? new Date(v) : v);
  r.respondBy = asDate(r.respondBy);
  r.resolveBy = asDate(r.resolveBy);
  r.createdAt = asDate(r.createdAt)!;
}

/** SQL: a value of a closed list (status, kind, origin — already checked by the schema) as a literal. */
function enumLiteral(value: string): SQL {
  // The schema has checked it; this guards the literal should a caller ever pass something else.
  if (!/^[a-z_]+$/.test(value)) throw new Error(`not a closed-list value: ${value}`);
  return sql.raw(`'${value}'`);
}

/**
 * The columns of an inbox row: the matter and, as correlated subqueries evaluated only for the
 * rows of the page, its progress, pending extension, co-unit paths and unit name — one round
 * trip for the whole page instead of five.
 */
const listedFields = [
  'id', 'code', 'kind', 'origin', 'title', 'categoryId', 'urgency', 'status', 'intakeUnitId', 'intakeUnitPath', 'unitId', 'unitPath',
  'leaderAccountId', 'respondBy', 'resolveBy', 'escalationStatus', 'escalatedToUnitPath', 'contactCount', 'returnCount', 'reopenCount',
  'relapseCount', 'reviewDueOn', 'mergedIntoId', 'createdAt',
] as const;
/** The fields of a matter an inbox row shows or judges its abilities on (no description, no petitioner). */
export type ListedMatter = Pick<MatterRow, (typeof listedFields)[number]>;
const allColumns = getTableColumns(matters);

export const listColumns = {
  ...(Object.fromEntries(listedFields.map((f) => [f, allColumns[f]])) as Pick<typeof allColumns, (typeof listedFields)[number]>),
  // Written out with aliases: in a one-table select drizzle leaves column names unqualified, and
  // "id" inside a subquery would then mean the subquery's own table.
  listProgress: sql<string | null>`(select round(avg(case when mm.done_at is not null then 100 else mm.progress end))::text from matter_measures mm where mm.matter_id = "matters"."id")`,
  listPendingExtension: sql<boolean>`exists (select 1 from matter_extensions me where me.matter_id = "matters"."id" and me.status = 'pending')`,
  listCoUnitPaths: sql<string[] | null>`(select array_agg(cu.path) from matter_units mu join units cu on cu.id = mu.unit_id where mu.matter_id = "matters"."id" and mu.role = 'co')`,
  listUnitName: sql<string | null>`(select ru.name from units ru where ru.id = "matters"."unit_id")`,
};

/**
 * listColumns as the select list of a raw statement (for queryRows): each field under its
 * TypeScript name, the date of review as text (as drizzle reads it), the extras as they are.
 */
const listSelect = sql.join(
  [
    ...listedFields.map((f) => sql.raw(f === 'reviewDueOn' ? `"matters"."review_due_on"::text as "reviewDueOn"` : `"matters"."${allColumns[f].name}" as "${f}"`)),
    sql`${listColumns.listProgress} as "listProgress"`,
    sql`${listColumns.listPendingExtension} as "listPendingExtension"`,
    sql`${listColumns.listCoUnitPaths} as "listCoUnitPaths"`,
    sql`${listColumns.listUnitName} as "listUnitName"`,
  ],
  sql`, `,
);

// The select list has no parameters: rendered once, so each request only renders its conditions.
const listSelectText = sql.raw(new PgDialect().sqlToQuery(listSelect).sql);
const backlogSettingText = sql.raw(new PgDialect().sqlToQuery(storedSettingSql('backlog_days')).sql);

/** A matter row with the extras of `listColumns`. */
export type ListRow = ListedMatter & { listProgress: string | null; listPendingExtension: boolean; listCoUnitPaths: string[] | null; listUnitName: string | null };

const noPaths: readonly string[] = [];

/** Inbox rows (selected with `listColumns`) with their unit names, progress, flags and the caller's abilities. */
export function presentListItems(actor: Actor, rows: ListRow[], backlogDays: number, now: Date = new Date()): TMatterListItem[] {
  return rows.map((m) => ({
    id: m.id,
    code: m.code,
    kind: m.kind as TMatterListItem['kind'],
    origin: m.origin as TMatterListItem['origin'],
    title: m.title,
    categoryId: m.categoryId,
    urgency: m.urgency as TMatterListItem['urgency'],
    status: m.status as TMatterListItem['status'],
    intakeUnitId: m.intakeUnitId,
    unitId: m.unitId,
    unitName: m.listUnitName,
    leaderAccountId: m.leaderAccountId,
    respondBy: m.respondBy?.toISOString() ?? null,
    resolveBy: m.resolveBy?.toISOString() ?? null,
    isOverdue: isMatterOverdue(m, now),
    isBacklog: isMatterBacklog(m, backlogDays, now),
    progress: m.listProgress === null ? null : Number(m.listProgress),
    escalationStatus: m.escalationStatus as TMatterListItem['escalationStatus'],
    contactCount: m.contactCount,
    returnCount: m.returnCount,
    reopenCount: m.reopenCount,
    relapseCount: m.relapseCount,
    reviewDueOn: m.reviewDueOn,
    mergedIntoId: m.mergedIntoId,
    createdAt: m.createdAt.toISOString(),
    can: grantedMatterAbilities(
      actor,
      // Only the facts the rules read: a copy of the whole row per item costs more than the rules.
      {
        status: m.status,
        intakeUnitPath: m.intakeUnitPath,
        unitPath: m.unitPath,
        reopenCount: m.reopenCount,
        reviewDueOn: m.reviewDueOn,
        escalationStatus: m.escalationStatus,
        escalatedToUnitPath: m.escalatedToUnitPath,
        hasPendingExtension: m.listPendingExtension,
        coUnitPaths: m.listCoUnitPaths ?? noPaths,
      },
      now,
    ),
  }));
}
