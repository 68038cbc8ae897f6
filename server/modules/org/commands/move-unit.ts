import { eq, like, sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { scopeFor } from '../../../core/policy.ts';
import { escapeLike } from '../../../core/scope.ts';
import { units } from '../tables.ts';
import { presentUnit } from '../presenter.ts';
import { loadUnit } from '../queries/load-unit.ts';

/** Moves a unit (with its subtree) under another parent; never under itself or a descendant. */
export async function moveUnit(ctx: Ctx, id: string, parentId: string) {
  const actor = requireActor(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const unit = await loadUnit(tx, actor, id, 'unit.manage', true);
      // The roots of the caller's scope stay put: moving one would move the scope itself.
      if (scopeFor(actor, 'unit.manage').includes(unit.path)) throw new AppError(400, 'ROOT_UNIT');
      const parent = await loadUnit(tx, actor, parentId, 'unit.manage').catch(() => {
        throw invalidField('parentId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '上级单位' : 'parent unit' });
      });
      if (parent.path.startsWith(unit.path)) throw new AppError(400, 'TREE_CYCLE', {}, { parentId: { code: 'TREE_CYCLE' } });
      if (!parent.isActive) throw new AppError(400, 'UNIT_INACTIVE', { name: parent.name });
      if (unit.parentId === parent.id) return presentUnit(unit);
      const newPath = `${parent.path}${unit.id}/`;
      const depthDelta = parent.depth + 1 - unit.depth;
      await tx
        .update(units)
        .set({
          path: sql`${newPath} || substr(${units.path}, ${unit.path.length + 1})`,
          depth: sql`${units.depth} + ${depthDelta}`,
          updatedAt: new Date(),
        })
        .where(like(units.path, `${escapeLike(unit.path)}%`));
      const [row] = await tx.update(units).set({ parentId: parent.id }).where(eq(units.id, unit.id)).returning();
      await appendAudit(tx, ctx, {
        action: 'unit.move',
        subjectType: 'unit',
        subjectId: id,
        unitPath: row.path,
        before: { parentId: unit.parentId, path: unit.path },
        after: { parentId: parent.id, path: row.path },
      });
      return presentUnit(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'DUPLICATE', { name: '' });
    throw e;
  }
}
