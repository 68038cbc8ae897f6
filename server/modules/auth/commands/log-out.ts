import type { Ctx } from '../../../core/context.ts';
import { accountUnitPath, appendAudit } from '../../../core/audit.ts';
import { deleteSession } from '../session-store.ts';

/** Ends a session. */
export async function logOut(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await deleteSession(tx, sessionId);
    await appendAudit(tx, ctx, { action: 'auth.logout', subjectType: 'account', subjectId: ctx.actor?.accountId, unitPath: await accountUnitPath(tx, ctx.actor!.accountId) });
  });
}
