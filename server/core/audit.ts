import type { DbOrTx } from '../db/client.ts';
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
}

/** Appends an audit row in the caller's transaction, so the row commits or rolls back with the change. */
export async function appendAudit(tx: DbOrTx, ctx: Pick<Ctx, 'actor' | 'ip'>, entry: AuditEntry, actorName?: string): Promise<void> {
  await tx.insert(auditLog).values({
    actorAccountId: ctx.actor?.accountId ?? null,
    actorName: actorName ?? ctx.actor?.username ?? 'system',
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    unitPath: entry.unitPath ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: ctx.ip,
  });
}
