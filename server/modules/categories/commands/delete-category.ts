import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { pgErrorCode } from '../../../db/errors.ts';
import { categories } from '../tables.ts';
import { presentCategoryForAudit } from '../presenter.ts';
import { requireCategoryManager } from './create-category.ts';
import { loadCategoryForUpdate } from './load-category-for-update.ts';

/**
 * Deletes a category nothing refers to (a mistake just made); one in use — by sub-categories,
 * matters, dispatch rules, reply templates, Open311 services — is refused with 409 CATEGORY_IN_USE
 * and should be deactivated instead. The database's foreign keys decide, so a table added later
 * is covered without changing this command.
 */
export async function deleteCategory(ctx: Ctx, id: string): Promise<void> {
  const root = requireCategoryManager(ctx);
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await loadCategoryForUpdate(tx, id);
      // The audit row goes first: if the delete is refused, the transaction takes it back too.
      await appendAudit(tx, ctx, { action: 'category.delete', subjectType: 'category', subjectId: id, unitPath: root, before: presentCategoryForAudit(before) });
      await tx.delete(categories).where(eq(categories.id, id));
    });
  } catch (e) {
    if (pgErrorCode(e) === '23503') throw new AppError(409, 'CATEGORY_IN_USE');
    throw e;
  }
}
