import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { accountRoles, accounts, units } from '../../org/tables.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { TLeaderCandidates } from '../schema.ts';
import { loadMatter } from './load-matter.ts';

/** The unit path itself and every ancestor's path (`/a/b/` → `/a/`, `/a/b/`). */
export function pathAndAncestors(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/**
 * Who may own a matter (领导包案): active accounts holding the leader role at its responsible unit
 * (its intake office while it has none) or an ancestor — exactly the accounts assignLeader accepts.
 * Only for those who may set the owning leader (403 otherwise; 404 outside the scope).
 */
export async function listLeaderCandidates(ctx: Ctx, id: string): Promise<TLeaderCandidates> {
  const actor = requireActor(ctx);
  const matter = await loadMatter(ctx.db, actor, id);
  assertRoleOnMatter(actor, matter, 'assign_leader');
  const rows = await ctx.db
    .selectDistinct({ accountId: accounts.id, name: accounts.displayName, unitId: units.id, unitName: units.name, unitPath: units.path })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .innerJoin(units, eq(units.id, accountRoles.unitId))
    .where(and(eq(accountRoles.role, 'leader'), eq(accounts.isActive, true), inArray(units.path, pathAndAncestors(matter.unitPath ?? matter.intakeUnitPath))))
    .orderBy(asc(units.path), asc(accounts.displayName), asc(accounts.id));
  // Nearest unit first: the leaders of the responsible unit, then those above it.
  rows.sort((a, b) => b.unitPath.length - a.unitPath.length);
  return { items: rows.map(({ accountId, name, unitId, unitName }) => ({ accountId, name, unitId, unitName })) };
}
