import { and, asc, count, eq, inArray, like } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { abilitiesFor, can } from '../../../core/policy.ts';
import { scopedTo } from '../../../core/scope.ts';
import { accountRoles, people, units } from '../tables.ts';
import { presentUnit } from '../presenter.ts';
import { loadUnit } from './load-unit.ts';

/** Ids of the ancestors of a unit, from its materialised path (root first, itself excluded). */
export function ancestorIdsOf(path: string): string[] {
  return path.split('/').filter(Boolean).slice(0, -1);
}

/** A unit with the ancestors the caller may see, its children, counts and the caller's abilities on it. */
export async function getUnitDetail(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const unit = await loadUnit(ctx.db, actor, id);
  const ancestorIds = ancestorIdsOf(unit.path);
  const [ancestors, children, [peopleRow], [accountsRow]] = await Promise.all([
    ancestorIds.length
      ? ctx.db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(and(inArray(units.id, ancestorIds), scopedTo(units.path, actor, 'unit.read')))
      : Promise.resolve([]),
    ctx.db.select().from(units).where(eq(units.parentId, unit.id)).orderBy(asc(units.sortOrder), asc(units.name)),
    ctx.db.select({ n: count() }).from(people).where(eq(people.unitId, unit.id)),
    can(actor, 'account.read', unit.path)
      ? ctx.db.select({ n: count() }).from(accountRoles).innerJoin(units, eq(units.id, accountRoles.unitId)).where(like(units.path, `${unit.path}%`))
      : Promise.resolve([{ n: 0 }]),
  ]);
  ancestors.sort((a, b) => a.path.length - b.path.length);
  return {
    ...presentUnit(unit),
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
    children: children.map(presentUnit),
    peopleCount: Number(peopleRow?.n ?? 0),
    accountsCount: Number(accountsRow?.n ?? 0),
    abilities: abilitiesFor(actor, unit.path, ['unit.manage', 'person.manage', 'account.read', 'account.manage', 'import.run']),
  };
}
