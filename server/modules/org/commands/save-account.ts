import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, forbidden, invalidField } from '../../../core/errors.ts';
import { accountUnitPath, appendAudit } from '../../../core/audit.ts';
import { can, type Actor } from '../../../core/policy.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { hashPassword } from '../../auth/password.ts';
import { sessions } from '../../auth/tables.ts';
import { accountRoles, accounts } from '../tables.ts';
import type { TAccountCreateRequest, TAccountUpdateRequest } from '../schema.ts';
import { getAccount } from '../queries/list-accounts.ts';
import { loadUnit } from '../queries/load-unit.ts';
import { loadPerson } from '../queries/load-person.ts';

type Grant = { role: TAccountCreateRequest['roles'][number]['role']; unitId: string };

/** Checks that every role is granted in a unit the admin manages; de-duplicates. */
async function checkGrants(tx: DbOrTx, actor: Actor, grants: Grant[], lang: Ctx['lang']): Promise<Grant[]> {
  const seen = new Map<string, Grant>();
  for (const [i, g] of grants.entries()) {
    await loadUnit(tx, actor, g.unitId, 'account.manage').catch(() => {
      throw invalidField(`roles.${i}.unitId`, 'REFERENCE_NOT_FOUND', { what: lang === 'zh-CN' ? '单位' : 'unit' });
    });
    seen.set(`${g.role}:${g.unitId}`, g);
  }
  return [...seen.values()];
}

async function checkPerson(tx: DbOrTx, actor: Actor, personId: string | null | undefined, lang: Ctx['lang']) {
  if (!personId) return;
  await loadPerson(tx, actor, personId, 'person.read').catch(() => {
    throw invalidField('personId', 'REFERENCE_NOT_FOUND', { what: lang === 'zh-CN' ? '人员' : 'person' });
  });
}

/** An admin may change an account only if every role it holds lies in the admin's scope. */
async function assertManages(tx: DbOrTx, actor: Actor, accountId: string) {
  const account = await getAccount(tx, actor, accountId);
  const paths = await tx.execute(sql`select u.path from account_roles r join units u on u.id = r.unit_id where r.account_id = ${accountId}`);
  const rows = (paths as unknown as { rows: { path: string }[] }).rows;
  if (!rows.every((r) => can(actor, 'account.manage', r.path))) throw forbidden();
  return account;
}

/** Creates an account with its roles; it must change its password at first login. */
export async function createAccount(ctx: Ctx, input: TAccountCreateRequest) {
  const actor = requireActor(ctx);
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const grants = await checkGrants(tx, actor, input.roles, ctx.lang);
      await checkPerson(tx, actor, input.personId, ctx.lang);
      const [row] = await tx
        .insert(accounts)
        .values({ username: input.username, displayName: input.displayName, personId: input.personId ?? null, passwordHash, mustChangePassword: true })
        .returning({ id: accounts.id });
      await tx.insert(accountRoles).values(grants.map((g) => ({ accountId: row.id, role: g.role, unitId: g.unitId })));
      const account = await getAccount(tx, actor, row.id);
      await appendAudit(tx, ctx, { action: 'account.create', subjectType: 'account', subjectId: row.id, unitPath: await accountUnitPath(tx, row.id), after: account });
      return account;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'USERNAME_TAKEN', { username: input.username }, { username: { code: 'USERNAME_TAKEN', params: { username: input.username } } });
    throw e;
  }
}

/** Changes an account's name, person, active flag or roles; deactivation ends its sessions. */
export async function updateAccount(ctx: Ctx, id: string, input: TAccountUpdateRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await assertManages(tx, actor, id);
    if (input.personId !== undefined) await checkPerson(tx, actor, input.personId, ctx.lang);
    const grants = input.roles ? await checkGrants(tx, actor, input.roles, ctx.lang) : null;
    await tx
      .update(accounts)
      .set({
        ...(input.displayName !== undefined && { displayName: input.displayName }),
        ...(input.personId !== undefined && { personId: input.personId }),
        ...(input.isActive !== undefined && { isActive: input.isActive }),
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, id));
    if (grants) {
      await tx.delete(accountRoles).where(eq(accountRoles.accountId, id));
      await tx.insert(accountRoles).values(grants.map((g) => ({ accountId: id, role: g.role, unitId: g.unitId })));
    }
    if (input.isActive === false) await tx.delete(sessions).where(eq(sessions.accountId, id));
    const after = await getAccount(tx, actor, id);
    await appendAudit(tx, ctx, { action: 'account.update', subjectType: 'account', subjectId: id, unitPath: await accountUnitPath(tx, id), before, after });
    return after;
  });
}

/** Sets a new password chosen by an admin; the owner must change it at next login. */
export async function resetAccountPassword(ctx: Ctx, id: string, password: string) {
  const actor = requireActor(ctx);
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    await assertManages(tx, actor, id);
    await tx.update(accounts).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: new Date() }).where(eq(accounts.id, id));
    await tx.delete(sessions).where(eq(sessions.accountId, id));
    await appendAudit(tx, ctx, { action: 'account.reset_password', subjectType: 'account', subjectId: id, unitPath: await accountUnitPath(tx, id) });
    return getAccount(tx, actor, id);
  });
}

/** Lifts a login lock before its 15 minutes are over. */
export async function unlockAccount(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await assertManages(tx, actor, id);
    await tx.update(accounts).set({ failedLogins: 0, lockedUntil: null }).where(and(eq(accounts.id, id)));
    await appendAudit(tx, ctx, { action: 'account.unlock', subjectType: 'account', subjectId: id, unitPath: await accountUnitPath(tx, id), before: { lockedUntil: before.lockedUntil } });
    return getAccount(tx, actor, id);
  });
}
