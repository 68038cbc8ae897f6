import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { auditLog } from '../modules/audit/tables.ts';
import type { Ctx } from './context.ts';

/** One audit entry; written by commands inside their own transaction. */
export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  unitPath?: string | null;
  before?: unknown;
  after?: unknown;
  /** Who acted when there is no session yet (sign-in): the account and name. */
  actorAccountId?: string | null;
}

/** The audit log's name of who acted: the account's username, else the channel (citizen, open311, system). */
export function auditActorName(ctx: Pick<Ctx, 'actor' | 'channel'>): string {
  return ctx.actor?.username ?? ctx.channel ?? 'system';
}

/** Appends an audit row in the caller's transaction, so the row commits or rolls back with the change. */
export async function appendAudit(tx: DbOrTx, ctx: Pick<Ctx, 'actor' | 'ip' | 'channel'>, entry: AuditEntry, actorName?: string): Promise<void> {
  await tx.insert(auditLog).values({
    actorAccountId: entry.actorAccountId ?? ctx.actor?.accountId ?? null,
    actorName: actorName ?? auditActorName(ctx),
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    unitPath: entry.unitPath ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: ctx.ip,
  });
}

/**
 * The unit path an account's audit rows belong to: the highest unit it holds a role in, so the
 * admins of that part of the tree see the account's sign-ins and changes.
 */
export async function accountUnitPath(tx: DbOrTx, accountId: string): Promise<string | null> {
  const [row] = await queryRows<{ path: string }>(
    tx,
    sql`select u.path from account_roles r join units u on u.id = r.unit_id where r.account_id = ${accountId} order by length(u.path), u.path limit 1`,
  );
  return row?.path ?? null;
}
