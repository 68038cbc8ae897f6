import { eq, sql } from 'drizzle-orm';
import { accounts } from '../../org/tables.ts';
import { sessions } from '../tables.ts';
import type { Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { accountUnitPath, appendAudit } from '../../../core/audit.ts';
import { getDummyHash, verifyPassword } from '../password.ts';
import { newToken, sessionIdOf } from '../session-store.ts';
import type { TLoginRequest } from '../schema.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Checks credentials, counts failures (locking after 5 for 15 minutes) and opens a session. */
export async function logIn(ctx: Ctx, input: TLoginRequest, userAgent: string | undefined): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const [account] = await ctx.db.select().from(accounts).where(sql`lower(${accounts.username}) = lower(${input.username})`);
  if (!account) {
    await verifyPassword(await getDummyHash(), input.password);
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  const now = new Date();
  if (account.lockedUntil && account.lockedUntil > now) {
    throw new AppError(423, 'ACCOUNT_LOCKED', { minutes: Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000) });
  }
  const ok = await verifyPassword(account.passwordHash, input.password);
  const auditCtx = { actor: null, ip: ctx.ip };
  if (!ok) {
    await ctx.db.transaction(async (tx) => {
      // Count atomically so parallel guesses cannot slip past the limit.
      const [row] = await tx
        .update(accounts)
        .set({ failedLogins: sql`${accounts.failedLogins} + 1` })
        .where(eq(accounts.id, account.id))
        .returning({ failedLogins: accounts.failedLogins });
      const locked = row.failedLogins >= MAX_FAILED_LOGINS;
      if (locked) await tx.update(accounts).set({ failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) }).where(eq(accounts.id, account.id));
      await appendAudit(tx, auditCtx, { action: locked ? 'auth.locked' : 'auth.login_failed', subjectType: 'account', subjectId: account.id, unitPath: await accountUnitPath(tx, account.id), actorAccountId: account.id, after: { failedLogins: row.failedLogins } }, account.username);
    });
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  if (!account.isActive) throw new AppError(403, 'ACCOUNT_DISABLED');
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(sessions).values({ id: sessionIdOf(token), accountId: account.id, csrfToken, expiresAt, ip: ctx.ip, userAgent: userAgent?.slice(0, 300) });
    await tx.update(accounts).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(accounts.id, account.id));
    await appendAudit(tx, { actor: null, ip: ctx.ip }, { action: 'auth.login', subjectType: 'account', subjectId: account.id, unitPath: await accountUnitPath(tx, account.id), actorAccountId: account.id }, account.username);
  });
  return { token, csrfToken, expiresAt };
}
