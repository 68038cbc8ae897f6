import type { DbOrTx } from '../../../db/client.ts';
import { loadCategoryTree, type CategoryNode } from '../../categories/queries/list-categories.ts';
import { presentService } from '../presenter.ts';

/** Every usable category (active, and so are its ancestors) as a GeoReport service, in tree order. */
export async function listServices(db: DbOrTx) {
  const tree = await loadCategoryTree(db);
  const byId = new Map(tree.map((n) => [n.row.id, n]));
  return tree.filter((n) => n.isUsable).map((n) => presentService(n, byId));
}

/** The usable category whose code is `serviceCode`, or null. */
export async function findService(db: DbOrTx, serviceCode: string): Promise<CategoryNode | null> {
  const tree = await loadCategoryTree(db);
  return tree.find((n) => n.isUsable && n.row.code === serviceCode) ?? null;
}
