import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { categories } from '../tables.ts';
import type { TCategory } from '../schema.ts';
import { loadCategoryTree } from '../queries/list-categories.ts';
import { presentCategory } from '../presenter.ts';
import { requireCategoryManager } from './create-category.ts';
import { loadCategoryForUpdate } from './load-category-for-update.ts';

/**
 * Deactivates a category (no new matter may be given it or anything under it; matters that have
 * it keep it) or activates it again. Its sub-categories keep their own flags, so activating a
 * parent brings back exactly what was there before.
 */
export async function setCategoryActive(ctx: Ctx, id: string, isActive: boolean): Promise<TCategory> {
  const root = requireCategoryManager(ctx);
  await ctx.db.transaction(async (tx) => {
    const before = await loadCategoryForUpdate(tx, id);
    if (before.isActive === isActive) return;
    await tx.update(categories).set({ isActive, updatedAt: new Date() }).where(eq(categories.id, id));
    await appendAudit(tx, ctx, {
      action: isActive ? 'category.activate' : 'category.deactivate',
      subjectType: 'category',
      subjectId: id,
      unitPath: root,
      before: { code: before.code, name: before.name, isActive: before.isActive },
      after: { code: before.code, name: before.name, isActive },
    });
  });
  return presentCategory((await loadCategoryTree(ctx.db)).find((n) => n.row.id === id)!);
}
