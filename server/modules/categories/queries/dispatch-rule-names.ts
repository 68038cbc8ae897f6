import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { units } from '../../org/tables.ts';
import { categories, dispatchRules } from '../tables.ts';
import type { TDispatchRule } from '../schema.ts';
import { presentDispatchRule } from '../presenter.ts';

const unitIdOfPath = (path: string) => path.split('/').filter(Boolean).pop() ?? '';

/** Presents dispatch rules with the names of their categories and units, in two queries for any number of rules. */
export async function presentDispatchRules(db: DbOrTx, rows: (typeof dispatchRules.$inferSelect)[]): Promise<TDispatchRule[]> {
  const unitIds = [...new Set(rows.flatMap((r) => [r.unitId, unitIdOfPath(r.ownerUnitPath)]))];
  const categoryIds = [...new Set(rows.map((r) => r.categoryId).filter((id): id is string => !!id))];
  const [unitRows, categoryRows] = await Promise.all([
    unitIds.length ? db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds)) : [],
    categoryIds.length ? db.select({ id: categories.id, name: categories.name, code: categories.code }).from(categories).where(inArray(categories.id, categoryIds)) : [],
  ]);
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const category = new Map(categoryRows.map((c) => [c.id, c]));
  return rows.map((r) =>
    presentDispatchRule(r, {
      category: r.categoryId ? (category.get(r.categoryId) ?? null) : null,
      unit: { id: r.unitId, name: unitName.get(r.unitId) ?? '' },
      ownerUnitName: unitName.get(unitIdOfPath(r.ownerUnitPath)) ?? '',
    }),
  );
}
