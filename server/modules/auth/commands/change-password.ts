import { and, eq, ne } from 'drizzle-orm';
import { accounts } from '../../org/tables.ts';
import { sessions } from '../tables.ts';
import { requireActor, type Ctx } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { accountUnitPath, appendAudit } from '../../../core/audit.ts';
import { hashPassword, verifyPassword } from '../password.ts';
import type { TChangePasswordRequest } from '../schema.ts';

/** Changes the caller's own password and ends the caller's other sessions. */
export async function changePassword(ctx: Ctx, sessionId: string, input: TChangePasswordRequest): Promise<void> {
  const actor = requireActor(ctx);
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new AppError(400, 'VALIDATION_FAILED', {}, { currentPassword: { code: 'WRONG_CURRENT_PASSWORD' } });
  }
  if (input.currentPassword === input.newPassword) throw invalidField('newPassword', 'PASSWORD_REUSED');
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(accounts.id, account.id));
    await tx.delete(sessions).where(and(eq(sessions.accountId, account.id), ne(sessions.id, sessionId)));
    await appendAudit(tx, ctx, { action: 'auth.password_changed', subjectType: 'account', subjectId: account.id, unitPath: await accountUnitPath(tx, account.id) });
  });
}
