import { and, desc, gt, gte, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { pathInRoots } from '../../../core/scope.ts';
import { matters } from '../../matters/tables.ts';
import { openStatuses } from '../../matters/presenter.ts';
import type { SimilarityDoc, SimilarityIndex } from '../similarity-types.ts';
import { chinaDateTimeOf } from '../china-time.ts';
import { runTextTask } from '../run-text-task.ts';

/** Newest candidate matters indexed per scope at most. */
export const DUPLICATE_CANDIDATE_CAP = 5000;
/** Matters closed longer ago than this are no longer candidates (open ones always are). */
export const DUPLICATE_RECENT_DAYS = 90;
/** How long a scope's index is used before it is rebuilt (meanwhile newer matters are compared one by one). */
export const CANDIDATE_CACHE_MS = 60_000;
/** Matters newer than the index compared one by one per request at most. */
const DELTA_LIMIT = 200;

/** A candidate matter as the similarity features see it (`user` is the phone's blind index). */
export interface CandidateDoc extends SimilarityDoc {
  /** Length of the description at the start of `detail` (the place follows it). */
  descriptionLength: number;
}

/** The indexed candidates of one scope. */
export interface CandidateSet {
  builtAt: number;
  /** created_at of the newest indexed matter, as the database's text (microseconds kept). */
  newestAt: string | null;
  docs: CandidateDoc[];
  byId: Map<string, CandidateDoc>;
  index: SimilarityIndex;
  capped: boolean;
}

interface Slot {
  set: CandidateSet | null;
  building: Promise<CandidateSet> | null;
}
const cache = new WeakMap<object, Map<string, Slot>>();

/** Open matters, and any not merged that were taken in during the last DUPLICATE_RECENT_DAYS days. */
function candidateCondition(roots: string[], now: number): SQL {
  return and(
    ne(matters.status, 'merged'),
    or(inArray(matters.status, [...openStatuses]), gte(matters.createdAt, new Date(now - DUPLICATE_RECENT_DAYS * 86_400_000))),
    or(pathInRoots(matters.intakeUnitPath, roots), pathInRoots(matters.unitPath, roots)),
  )!;
}

const columns = {
  id: matters.id,
  title: matters.title,
  description: matters.description,
  address: matters.address,
  phoneIdx: matters.petitionerPhoneIdx,
  createdAt: matters.createdAt,
  at: sql<string>`${matters.createdAt}::text`,
};
type Row = { id: string; title: string; description: string; address: string | null; phoneIdx: string | null; createdAt: Date; at: string };

/** A matter as a similarity document: the place follows the description, so "same place" can be seen. */
export function candidateDoc(r: Pick<Row, 'id' | 'title' | 'description' | 'address' | 'phoneIdx' | 'createdAt'>): CandidateDoc {
  return {
    id: r.id,
    title: r.title,
    detail: r.address ? `${r.description}\n${r.address}` : r.description,
    descriptionLength: r.description.length,
    user: r.phoneIdx ?? undefined,
    time: chinaDateTimeOf(r.createdAt),
  };
}

async function build(db: Db, roots: string[]): Promise<CandidateSet> {
  const now = Date.now();
  const rows: Row[] = await db
    .select(columns)
    .from(matters)
    .where(candidateCondition(roots, now))
    .orderBy(desc(matters.createdAt), desc(matters.id))
    .limit(DUPLICATE_CANDIDATE_CAP + 1);
  const capped = rows.length > DUPLICATE_CANDIDATE_CAP;
  const docs = rows.slice(0, DUPLICATE_CANDIDATE_CAP).map(candidateDoc);
  // Indexing thousands of texts takes seconds: a worker thread does it (small sets stay in place).
  const index = await runTextTask({ kind: 'similarity-index', docs: docs.map(({ id, title, detail, user, time }) => ({ id, title, detail, user, time })) });
  return { builtAt: now, newestAt: rows[0]?.at ?? null, docs, byId: new Map(docs.map((d) => [d.id, d])), index, capped };
}

/**
 * The candidate matters of a scope (its read roots) with their similarity index, cached in this
 * process per scope for CANDIDATE_CACHE_MS. A stale index keeps answering while the next one is
 * built in the background, so no request waits for a rebuild except the first of a scope. Matters
 * taken in since the index was built come back as `delta` (read per request), to be compared one
 * by one with the index's statistics.
 */
export async function duplicateCandidates(db: Db, roots: string[]): Promise<{ set: CandidateSet; delta: CandidateDoc[] }> {
  let perScope = cache.get(db);
  if (!perScope) cache.set(db, (perScope = new Map()));
  const key = [...roots].sort().join('|');
  let slot = perScope.get(key);
  if (!slot) perScope.set(key, (slot = { set: null, building: null }));
  const s = slot;
  const rebuild = () => {
    s.building ??= build(db, roots)
      .then((set) => (s.set = set))
      .finally(() => (s.building = null));
    return s.building;
  };
  let set = s.set;
  if (!set) set = await rebuild();
  else if (Date.now() - set.builtAt >= CANDIDATE_CACHE_MS) {
    // A failed background rebuild is retried by the next request; the stale set still answers.
    rebuild().catch(() => undefined);
  }
  const deltaRows: Row[] = set.newestAt
    ? await db
        .select(columns)
        .from(matters)
        .where(and(candidateCondition(roots, Date.now()), gt(matters.createdAt, sql`${set.newestAt}::timestamptz`)))
        .orderBy(desc(matters.createdAt), desc(matters.id))
        .limit(DELTA_LIMIT)
    : await db.select(columns).from(matters).where(candidateCondition(roots, Date.now())).orderBy(desc(matters.createdAt), desc(matters.id)).limit(DELTA_LIMIT);
  return { set, delta: deltaRows.filter((r) => !set.byId.has(r.id)).map(candidateDoc) };
}

/** Forgets this process's candidate indexes of a database (tests). */
export function forgetDuplicateCandidates(db: Db): void {
  cache.delete(db);
}
