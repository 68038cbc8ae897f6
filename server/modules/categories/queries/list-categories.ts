import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { defaultDeadlineRules, type DeadlineSpan } from '../../calendar/compute-deadlines.ts';
import { getSetting } from '../../system/settings.ts';
import { categories } from '../tables.ts';
import type { TCategory } from '../schema.ts';
import { presentCategory } from '../presenter.ts';

/** A category row. */
export type CategoryRow = typeof categories.$inferSelect;

/** A category row with what it inherits: whether it may be chosen, and its effective rules. */
export interface CategoryNode {
  row: CategoryRow;
  isUsable: boolean;
  effective: TCategory['effective'];
}

const spanDays = (s: DeadlineSpan) => ('workingDays' in s ? s.workingDays : 1);
const spanHours = (s: DeadlineSpan) => ('hours' in s ? s.hours : 24);

/**
 * Orders the whole category tree depth first (siblings by sort order, then name) and works out
 * what each node inherits. Pure, so the API list, the public list and imports share it.
 */
export function buildCategoryTree(rows: CategoryRow[], reviewAfterDays: number): CategoryNode[] {
  const children = new Map<string | null, CategoryRow[]>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
  const root: CategoryNode['effective'] = {
    respondDays: spanDays(defaultDeadlineRules.normal.respond),
    resolveDays: spanDays(defaultDeadlineRules.normal.resolve),
    urgentRespondHours: spanHours(defaultDeadlineRules.urgent.respond),
    urgentResolveDays: spanDays(defaultDeadlineRules.urgent.resolve),
    reviewAfterDays,
  };
  const out: CategoryNode[] = [];
  const walk = (parentId: string | null, inherited: CategoryNode['effective'], parentUsable: boolean) => {
    for (const row of children.get(parentId) ?? []) {
      const effective = {
        respondDays: row.respondDays ?? inherited.respondDays,
        resolveDays: row.resolveDays ?? inherited.resolveDays,
        urgentRespondHours: row.urgentRespondHours ?? inherited.urgentRespondHours,
        urgentResolveDays: row.urgentResolveDays ?? inherited.urgentResolveDays,
        reviewAfterDays: row.reviewAfterDays ?? inherited.reviewAfterDays,
      };
      const isUsable = parentUsable && row.isActive;
      out.push({ row, isUsable, effective });
      walk(row.id, effective, isUsable);
    }
  };
  walk(null, root, true);
  return out;
}

/** The whole tree, read in one query (a deployment has hundreds of categories, not millions). */
export async function loadCategoryTree(db: DbOrTx): Promise<CategoryNode[]> {
  const [rows, reviewAfterDays] = await Promise.all([db.select().from(categories), getSetting(db, 'review_after_days')]);
  return buildCategoryTree(rows, reviewAfterDays);
}

/**
 * The category tree for staff: every signed-in user reads the same one. Deactivated categories
 * (and those under them) are left out unless asked for, so forms offer only usable ones.
 */
export async function listCategories(db: DbOrTx, opts: { includeInactive?: boolean } = {}): Promise<TCategory[]> {
  const tree = await loadCategoryTree(db);
  return tree.filter((n) => opts.includeInactive || n.isUsable).map(presentCategory);
}

/** A category as the public (citizen page, Open311) may see it. */
export interface PublicCategory {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string | null;
  level: number;
}

/** The usable categories in tree order, with nothing internal: for the citizen page and Open311 services. */
export async function listActiveCategories(db: DbOrTx): Promise<PublicCategory[]> {
  const tree = await loadCategoryTree(db);
  return tree.filter((n) => n.isUsable).map(({ row }) => ({ id: row.id, parentId: row.parentId, code: row.code, name: row.name, nameEn: row.nameEn, level: row.level }));
}

/** True when the category exists, is active and so are all its ancestors: it may be given to a matter. */
export async function isCategoryUsable(db: DbOrTx, categoryId: string): Promise<boolean> {
  const [self] = await db.select({ path: categories.path, isActive: categories.isActive }).from(categories).where(eq(categories.id, categoryId));
  if (!self?.isActive) return false;
  const ancestorIds = self.path.split('/').filter(Boolean);
  const inactive = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(inArray(categories.id, ancestorIds), eq(categories.isActive, false)));
  return inactive.length === 0;
}
