import { eq, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Role } from '../../../core/policy.ts';
import { appendAudit } from '../../../core/audit.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { hashPassword, isStrongPassword } from '../../auth/password.ts';
import { generateDemoPassword } from '../../../seed/demo.ts';
import { accountRoles, accounts, units } from '../tables.ts';
import { ZUsername } from '../schema.ts';

/** Adds an account from the command line (the operator of the machine acts as system). */
export async function addUser(db: Db, input: { username: string; displayName: string; grants: { role: Role; unit: string }[]; password?: string }) {
  if (!ZUsername.safeParse(input.username).success) throw new Error('用户名为 3–32 位字母、数字、下划线、点或连字符 / a username is 3–32 letters, digits, _ . -');
  const generated = input.password ? undefined : generateDemoPassword();
  const password = input.password ?? generated!;
  if (!isStrongPassword(password)) throw new Error('密码至少 8 位且含 3 类字符 / the password needs ≥ 8 characters from 3 classes');
  const passwordHash = await hashPassword(password);
  const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  try {
    await db.transaction(async (tx) => {
      const resolved: { role: Role; unitId: string; path: string }[] = [];
      for (const g of input.grants) {
        const found = await tx
          .select({ id: units.id, path: units.path })
          .from(units)
          .where(uuidRe.test(g.unit) ? or(eq(units.id, g.unit), eq(units.name, g.unit)) : eq(units.name, g.unit));
        if (found.length !== 1) throw new Error(found.length ? `单位名称“${g.unit}”不唯一，请用单位 id / unit name "${g.unit}" is ambiguous; use its id` : `找不到单位“${g.unit}” / no unit "${g.unit}"`);
        resolved.push({ role: g.role, unitId: found[0].id, path: found[0].path });
      }
      const [row] = await tx.insert(accounts).values({ username: input.username, displayName: input.displayName, passwordHash, mustChangePassword: true }).returning({ id: accounts.id });
      await tx.insert(accountRoles).values(resolved.map((r) => ({ accountId: row.id, role: r.role, unitId: r.unitId })));
      await appendAudit(tx, { actor: null, ip: null }, { action: 'account.create', subjectType: 'account', subjectId: row.id, unitPath: resolved[0]?.path, after: { username: input.username, roles: resolved.map(({ role, unitId }) => ({ role, unitId })) } }, 'cli');
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Error(`用户名“${input.username}”已被使用 / username "${input.username}" is taken`, { cause: e });
    throw e;
  }
  return { generatedPassword: generated };
}
