import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import type { Ctx } from '../../../core/context.ts';
import { actorNameOf } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { assertTransition, type MatterAction, type MatterStatus } from '../state-machine.ts';
import { conditionRefusal } from '../policy.ts';
import { matterEvents, matters } from '../tables.ts';
import type { MatterRow } from '../queries/load-matter.ts';

/** What a command changes besides the status, and what its event says. */
export interface TransitionChange {
  set?: Partial<typeof matters.$inferInsert>;
  note?: string | null;
  data?: Record<string, unknown> | null;
  /** Whether the matter has an extension request awaiting a decision (for the extension actions). */
  hasPendingExtension?: boolean;
}

/**
 * The one way a matter changes: refuses a stale `version` (409 MATTER_CONFLICT), an action the
 * workflow does not allow from the current state (409 INVALID_STATE) and one whose further
 * condition does not hold (409 with its own code, see policy.ts), then writes the change, the
 * event and the audit row in the caller's transaction. The row must have been loaded FOR UPDATE
 * in that transaction.
 */
export async function applyTransition(tx: Tx, ctx: Ctx, matter: MatterRow, action: MatterAction, expectedVersion: number | undefined, change: TransitionChange = {}): Promise<MatterRow> {
  assertVersion(matter, expectedVersion);
  const from = matter.status as MatterStatus;
  const to = assertTransition(from, action);
  const now = new Date();
  const refusal = conditionRefusal({ ...matter, hasPendingExtension: change.hasPendingExtension ?? false }, action, now);
  if (refusal) throw new AppError(409, refusal, { reviewDueOn: matter.reviewDueOn });
  const [row] = await tx
    .update(matters)
    .set({ ...change.set, status: to, version: matter.version + 1, updatedAt: now })
    .where(and(eq(matters.id, matter.id), eq(matters.version, matter.version)))
    .returning();
  // Unreachable while callers lock the row; kept so a caller that forgets cannot lose an update.
  if (!row) throw new AppError(409, 'MATTER_CONFLICT');
  await recordMatterEvent(tx, ctx, row, action, from, change.note ?? null, change.data ?? null, now);
  await appendAudit(tx, ctx, {
    action: `matter.${action}`,
    subjectType: 'matter',
    subjectId: matter.id,
    unitPath: row.unitPath ?? row.intakeUnitPath,
    before: { status: from, version: matter.version },
    after: { status: to, version: row.version, ...(change.data ?? {}) },
  });
  return row;
}

/** 409 MATTER_CONFLICT when the caller saw an older version of the matter than the one loaded. */
export function assertVersion(matter: Pick<MatterRow, 'version'>, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== matter.version) throw new AppError(409, 'MATTER_CONFLICT');
}

/** Appends one row to a matter's timeline. */
export async function recordMatterEvent(
  tx: Tx,
  ctx: Ctx,
  matter: MatterRow,
  action: string,
  from: MatterStatus | null,
  note: string | null,
  data: Record<string, unknown> | null,
  at: Date = new Date(),
): Promise<void> {
  await tx.insert(matterEvents).values({
    matterId: matter.id,
    at,
    actorAccountId: ctx.actor?.accountId ?? null,
    actorName: actorNameOf(ctx),
    action,
    fromStatus: from,
    toStatus: matter.status,
    note,
    data,
  });
}
