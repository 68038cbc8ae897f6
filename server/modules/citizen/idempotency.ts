import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../core/errors.ts';
import { idempotencyKeys } from '../matters/tables.ts';

/** What a stored answer looks like before the request that claimed the key has finished. */
const PENDING_STATUS = 0;

/** JSON with object keys sorted, so the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of a request: its validated body plus the hashes of its files, in order. */
export function requestHashOf(body: unknown, fileHashes: readonly string[] = []): string {
  return crypto.createHash('sha256').update(canonicalJson({ body, files: fileHashes })).digest('hex');
}

/** The outcome of claiming a key: go ahead, or the answer the first request got. */
export type IdempotencyClaim = { replay: false } | { replay: true; statusCode: number; response: unknown };

/**
 * Claims `key` in `scope` inside the caller's transaction. The first request inserts a pending
 * row and goes ahead; on PostgreSQL a concurrent request with the same key waits on that row's
 * unique index until the first commits (then replays its answer) or rolls back (then goes ahead
 * itself), so a double tap never makes two records. Same key with another body: 422. The answer
 * is stored by the statement that creates the matter (insertMatterDrafts, `alsoWith`), or the
 * key is claimed in that statement itself (MatterDraft.idempotency).
 */
export async function claimIdempotencyKey(tx: Tx, scope: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash, statusCode: PENDING_STATUS, response: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return { replay: false };
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!row) throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS');
  if (row.requestHash !== requestHash) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED');
  // Unreachable while the claim and the answer commit together; kept as a clear refusal.
  if (row.statusCode === PENDING_STATUS) throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS');
  return { replay: true, statusCode: row.statusCode, response: row.response };
}
