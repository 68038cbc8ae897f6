import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { categories } from '../../categories/tables.ts';
import type { TPublicCategory } from '../schema.ts';

/**
 * The active categories as a tree for the citizen's picker (Chinese and English names). A child
 * of an inactive category is left out with it: a citizen cannot pick what staff have retired.
 */
export async function listPublicCategories(db: DbOrTx): Promise<TPublicCategory[]> {
  const rows = await db
    .select({ id: categories.id, parentId: categories.parentId, code: categories.code, name: categories.name, nameEn: categories.nameEn })
    .from(categories)
    .where(eq(categories.isActive, true))
    .orderBy(asc(categories.level), asc(categories.sortOrder), asc(categories.name));
  const byId = new Map<string, TPublicCategory>();
  for (const r of rows) byId.set(r.id, { id: r.id, code: r.code, name: r.name, nameEn: r.nameEn, children: [] });
  const roots: TPublicCategory[] = [];
  for (const r of rows) {
    const node = byId.get(r.id)!;
    if (!r.parentId) roots.push(node);
    else byId.get(r.parentId)?.children.push(node);
  }
  return roots;
}
