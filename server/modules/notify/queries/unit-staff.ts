import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../db/client.ts';
import type { Role } from '../../../core/policy.ts';

/** The ids of a unit's path (`/a/b/c/` → a, b, c), root first. */
function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * The active accounts that hold one of `roles` at the unit, or, when nobody does, at its nearest
 * ancestor that has some: their scope covers the unit, so a village without its own handler is
 * looked after by its township's. Empty when nobody up to the root holds such a role.
 */
export async function staffOfUnit(db: DbOrTx, unitPath: string, roles: readonly Role[]): Promise<string[]> {
  const ids = pathIds(unitPath);
  if (ids.length === 0 || roles.length === 0) return [];
  const rows = await queryRows<{ account_id: string; depth: number }>(
    db,
    sql`select distinct r.account_id, u.depth
        from account_roles r
        join units u on u.id = r.unit_id
        join accounts a on a.id = r.account_id
        where r.unit_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
          and r.role in (${sql.join(roles.map((r) => sql`${r}`), sql`, `)})
          and a.is_active`,
  );
  if (rows.length === 0) return [];
  const deepest = Math.max(...rows.map((r) => Number(r.depth)));
  return [...new Set(rows.filter((r) => Number(r.depth) === deepest).map((r) => r.account_id))].sort();
}
