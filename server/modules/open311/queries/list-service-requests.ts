import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client.ts';
import { AppError } from '../../../core/errors.ts';
import { categories } from '../../categories/tables.ts';
import { matters } from '../../matters/tables.ts';
import { matterStatuses } from '../../matters/state-machine.ts';
import { units } from '../../org/tables.ts';
import { closedMatterStatuses, georeportStatuses, type TServiceRequestsQuery } from '../schema.ts';
import { presentServiceRequest, type PublicRequestRow } from '../presenter.ts';
import { parseW3cDateTime } from '../w3c-datetime.ts';
import { open311Submissions } from '../tables.ts';

/** At most this many requests per answer, and at most this span by default (the spec's limits). */
export const MAX_REQUESTS = 1000;
const SPAN_MS = 90 * 24 * 3_600_000;

/**
 * Only matters the public submitted themselves (origin `web`: the citizen page and Open311) are
 * served. Matters that staff took in from calls, letters and visits, and problems found by
 * inspection, were never published by the person concerned, and their texts may name people.
 */
const isPublic = eq(matters.origin, 'web');

const main = alias(matters, 'main_matter');

function select(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      code: matters.code,
      status: matters.status,
      description: matters.description,
      // A merged matter's petitioner is answered by the main matter's reply.
      replyText: sql<string | null>`coalesce(${matters.replyText}, ${main.replyText})`,
      serviceCode: categories.code,
      serviceName: categories.name,
      unitName: units.name,
      address: matters.address,
      latitude: matters.latitude,
      longitude: matters.longitude,
      resolveBy: matters.resolveBy,
      createdAt: matters.createdAt,
      updatedAt: matters.updatedAt,
      closedAt: matters.closedAt,
      // The one detail of a submission that is public: a link its submitter published.
      mediaUrl: open311Submissions.mediaUrl,
    })
    .from(matters)
    .leftJoin(categories, eq(categories.id, matters.categoryId))
    .leftJoin(units, eq(units.id, matters.unitId))
    .leftJoin(main, eq(main.id, matters.mergedIntoId))
    .leftJoin(open311Submissions, eq(open311Submissions.matterId, matters.id))
    .where(and(isPublic, where));
}

/** Splits a comma list argument into its non-empty items. */
function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function dateArg(query: TServiceRequestsQuery, field: 'start_date' | 'end_date'): Date | null {
  const raw = query[field]?.trim();
  if (!raw) return null;
  const d = parseW3cDateTime(raw);
  if (!d) throw new AppError(400, 'OPEN311_DATE', { field });
  return d;
}

/**
 * GET requests: by `service_request_id` (comma list of matter codes; overrides every other
 * argument), else by requested time (start_date/end_date, the last 90 days by default, at most 90
 * days), `service_code` and `status` (comma lists), newest first, at most 1000.
 */
export async function listServiceRequests(db: DbOrTx, query: TServiceRequestsQuery, now: Date = new Date()) {
  const ids = listOf(query.service_request_id);
  if (ids.length) {
    const rows = await select(db, inArray(matters.code, ids.slice(0, MAX_REQUESTS))).orderBy(desc(matters.createdAt), desc(matters.id));
    return rows.map((r) => presentServiceRequest(r as PublicRequestRow));
  }
  let start = dateArg(query, 'start_date');
  let end = dateArg(query, 'end_date');
  if (!start && !end) end = now;
  if (!start) start = new Date(end!.getTime() - SPAN_MS);
  if (!end) end = new Date(start.getTime() + SPAN_MS);
  if (end < start || end.getTime() - start.getTime() > SPAN_MS) throw new AppError(400, 'OPEN311_DATE_RANGE');

  const statuses = listOf(query.status);
  if (statuses.some((s) => !(georeportStatuses as readonly string[]).includes(s))) throw new AppError(400, 'OPEN311_INVALID', { field: 'status' });
  const wanted = new Set(statuses);
  const matterStatusList = wanted.size === 1 ? matterStatuses.filter((s) => (closedMatterStatuses as readonly string[]).includes(s) === wanted.has('closed')) : null;
  const codes = listOf(query.service_code);

  const rows = await select(
    db,
    and(
      gte(matters.createdAt, start),
      lte(matters.createdAt, end),
      matterStatusList ? inArray(matters.status, matterStatusList) : undefined,
      codes.length ? inArray(categories.code, codes) : undefined,
    ),
  )
    .orderBy(desc(matters.createdAt), desc(matters.id))
    .limit(MAX_REQUESTS);
  return rows.map((r) => presentServiceRequest(r as PublicRequestRow));
}

/** GET requests/{id}: the public request with this code; 404 when there is none (or it is not public). */
export async function getServiceRequest(db: DbOrTx, code: string) {
  const [row] = await select(db, eq(matters.code, code)).limit(1);
  if (!row) throw new AppError(404, 'OPEN311_REQUEST_NOT_FOUND', { id: code });
  return presentServiceRequest(row as PublicRequestRow);
}

/** GET tokens/{token}: the request id a token stands for; 404 for an unknown token. */
export async function findRequestByToken(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ code: matters.code })
    .from(matters)
    .where(and(eq(matters.externalToken, token), isPublic));
  if (!row) throw new AppError(404, 'OPEN311_TOKEN_NOT_FOUND');
  return { service_request_id: row.code, token };
}
