import type { DbOrTx } from '../../../db/client.ts';
import { listActiveCategories } from '../../categories/queries/list-categories.ts';
import type { TPublicCategory } from '../schema.ts';

/**
 * The usable categories as a nested tree for the citizen's picker (Chinese and English names).
 * The catalogue decides what is usable (active, and every ancestor active) and the order.
 */
export async function listPublicCategories(db: DbOrTx): Promise<TPublicCategory[]> {
  const rows = await listActiveCategories(db);
  const byId = new Map<string, TPublicCategory>();
  for (const r of rows) byId.set(r.id, { id: r.id, code: r.code, name: r.name, nameEn: r.nameEn, children: [] });
  const roots: TPublicCategory[] = [];
  // Rows come in tree order (parents first, siblings sorted), so appending keeps that order.
  for (const r of rows) {
    const node = byId.get(r.id)!;
    if (!r.parentId) roots.push(node);
    else byId.get(r.parentId)?.children.push(node);
  }
  return roots;
}
