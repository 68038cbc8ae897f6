import type { DbOrTx } from '../../../db/client.ts';
import { notifications } from '../tables.ts';
import type { NotificationKind } from '../schema.ts';

/** One notification to send to several accounts. */
export interface NotificationInput {
  kind: NotificationKind;
  matterId: string | null;
  title: string;
  body?: string | null;
  /** Per recipient: a second notification with the same key is not written (e.g. `overdue:resolve:<matter>:<deadline>`). */
  dedupeKey: string;
}

/**
 * Writes one notification per account, in the caller's transaction; an account that already has
 * one with the same dedupe key is skipped, so a scan that runs again notifies nobody twice.
 * Returns the number written.
 */
export async function notifyAccounts(db: DbOrTx, accountIds: readonly string[], input: NotificationInput): Promise<number> {
  const unique = [...new Set(accountIds)];
  if (unique.length === 0) return 0;
  const rows = await db
    .insert(notifications)
    .values(unique.map((accountId) => ({ accountId, kind: input.kind, matterId: input.matterId, title: input.title.slice(0, 200), body: input.body?.slice(0, 1000) ?? null, dedupeKey: input.dedupeKey })))
    .onConflictDoNothing({ target: [notifications.accountId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return rows.length;
}
