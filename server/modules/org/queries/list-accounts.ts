import { and, asc, eq, gt, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import type { Actor } from '../../../core/policy.ts';
import { decodeCursor, encodeCursor } from '../../../core/cursor.ts';
import { notFound } from '../../../core/errors.ts';
import { escapeLike, scopedTo } from '../../../core/scope.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { accountRoles, accounts, people, units } from '../tables.ts';
import type { TAccount } from '../schema.ts';
import { loadUnit } from './load-unit.ts';

/** Accounts with at least one role in a unit of the actor's `account.read` scope (subquery). */
function accountsInScope(actor: Actor, unitPathPrefix?: string): SQL {
  return sql`${accounts.id} in (select ${accountRoles.accountId} from ${accountRoles} join ${units} on ${units.id} = ${accountRoles.unitId}
    where ${scopedTo(units.path, actor, 'account.read')} ${unitPathPrefix ? sql`and ${like(units.path, `${escapeLike(unitPathPrefix)}%`)}` : sql``})`;
}

/** Presents accounts with their roles and linked person names (one query for all roles). */
async function presentAccounts(db: DbOrTx, rows: (typeof accounts.$inferSelect & { personName: string | null })[]): Promise<TAccount[]> {
  if (rows.length === 0) return [];
  const roleRows = await db
    .select({ accountId: accountRoles.accountId, role: accountRoles.role, unitId: accountRoles.unitId, unitName: units.name })
    .from(accountRoles)
    .innerJoin(units, eq(units.id, accountRoles.unitId))
    .where(inArray(accountRoles.accountId, rows.map((r) => r.id)))
    .orderBy(asc(units.path), asc(accountRoles.role));
  return rows.map((a) => ({
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    personId: a.personId,
    personName: a.personName,
    isActive: a.isActive,
    mustChangePassword: a.mustChangePassword,
    lockedUntil: a.lockedUntil && a.lockedUntil > new Date() ? a.lockedUntil.toISOString() : null,
    lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
    roles: roleRows.filter((r) => r.accountId === a.id).map((r) => ({ role: r.role as TAccount['roles'][number]['role'], unitId: r.unitId, unitName: r.unitName })),
  }));
}


/** Lists accounts in scope, optionally of one unit's subtree, ordered by username (keyset). */
export async function listAccounts(ctx: Ctx, q: { unitId?: string; q?: string; cursor?: string; limit: number }) {
  const actor = requireActor(ctx);
  let prefix: string | undefined;
  if (q.unitId) prefix = (await loadUnit(ctx.db, actor, q.unitId, 'account.read')).path;
  const where: SQL[] = [accountsInScope(actor, prefix)];
  if (q.q) where.push(or(ilike(accounts.username, `%${escapeLike(q.q)}%`), ilike(accounts.displayName, `%${escapeLike(q.q)}%`))!);
  const after = decodeCursor(q.cursor, 1);
  if (after) where.push(gt(accounts.username, String(after[0])));
  const rows = await ctx.db
    .select({ account: accounts, personName: people.name })
    .from(accounts)
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(and(...where))
    .orderBy(asc(accounts.username))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const items = await presentAccounts(ctx.db, page.map((r) => ({ ...r.account, personName: r.personName })));
  return { items, nextCursor: rows.length > q.limit ? encodeCursor([page[page.length - 1].account.username]) : null };
}

/** One account in the actor's scope (for `action`), presented; 404 otherwise. */
export async function getAccount(db: DbOrTx, actor: Actor, id: string): Promise<TAccount> {
  const [row] = await db
    .select({ account: accounts, personName: people.name })
    .from(accounts)
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(accounts.id, id), accountsInScope(actor)));
  if (!row) throw notFound();
  const [a] = await presentAccounts(db, [{ ...row.account, personName: row.personName }]);
  return a;
}
