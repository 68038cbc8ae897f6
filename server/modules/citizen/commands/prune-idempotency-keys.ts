import { lt } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { idempotencyKeys } from '../../matters/tables.ts';

/** How long a remembered answer serves retries. A phone retries within minutes; a day is generous. */
export const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60_000;

/**
 * Deletes remembered answers older than a day (with them the encrypted secrets they hold); a key
 * sent again after that is a new submission. Without this the table only grows. Returns how many.
 */
export async function pruneIdempotencyKeys(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
