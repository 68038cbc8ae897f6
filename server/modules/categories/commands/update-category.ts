import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { categories } from '../tables.ts';
import type { TCategory, TCategoryUpdateRequest } from '../schema.ts';
import { loadCategoryTree } from '../queries/list-categories.ts';
import { presentCategory, presentCategoryForAudit } from '../presenter.ts';
import { assertSiblingNameFree, requireCategoryManager } from './create-category.ts';
import { loadCategoryForUpdate } from './load-category-for-update.ts';

/**
 * Renames a category, reorders it or changes its deadline and review fields (null clears a field,
 * so the parent's value applies again). The code stays: it is the Open311 service code.
 */
export async function updateCategory(ctx: Ctx, id: string, input: TCategoryUpdateRequest): Promise<TCategory> {
  const root = requireCategoryManager(ctx);
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await loadCategoryForUpdate(tx, id);
      if (input.name !== undefined && input.name !== before.name) await assertSiblingNameFree(tx, before.parentId, input.name, id);
      const set: Partial<typeof categories.$inferInsert> = { updatedAt: new Date() };
      for (const key of ['name', 'nameEn', 'sortOrder', 'respondDays', 'resolveDays', 'urgentRespondHours', 'urgentResolveDays', 'reviewAfterDays'] as const) {
        if (input[key] !== undefined) (set as Record<string, unknown>)[key] = input[key];
      }
      const [after] = await tx.update(categories).set(set).where(eq(categories.id, id)).returning();
      await appendAudit(tx, ctx, { action: 'category.update', subjectType: 'category', subjectId: id, unitPath: root, before: presentCategoryForAudit(before), after: presentCategoryForAudit(after) });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'CONFLICT');
    throw e;
  }
  return presentCategory((await loadCategoryTree(ctx.db)).find((n) => n.row.id === id)!);
}
