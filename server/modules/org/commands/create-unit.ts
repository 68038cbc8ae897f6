import crypto from 'node:crypto';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { units } from '../tables.ts';
import { presentUnit } from '../presenter.ts';
import type { TUnitCreateRequest } from '../schema.ts';
import { loadUnit } from '../queries/load-unit.ts';
import { assertBatchExists } from './assert-batch-exists.ts';

/** Creates a unit under a parent in the caller's scope. */
export async function createUnit(ctx: Ctx, input: TUnitCreateRequest) {
  const actor = requireActor(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const parent = await loadUnit(tx, actor, input.parentId, 'unit.manage').catch(() => {
        throw invalidField('parentId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '上级单位' : 'parent unit' });
      });
      if (!parent.isActive) throw new AppError(400, 'UNIT_INACTIVE', { name: parent.name });
      if (input.batchId) await assertBatchExists(tx, input.batchId, ctx.lang);
      const id = crypto.randomUUID();
      const [row] = await tx
        .insert(units)
        .values({
          id,
          parentId: parent.id,
          path: `${parent.path}${id}/`,
          depth: parent.depth + 1,
          name: input.name,
          kind: input.kind,
          level: input.level,
          regionCode: input.regionCode ?? null,
          batchId: input.batchId ?? null,
          sortOrder: input.sortOrder ?? 0,
        })
        .returning();
      const unit = presentUnit(row);
      await appendAudit(tx, ctx, { action: 'unit.create', subjectType: 'unit', subjectId: id, unitPath: row.path, after: unit });
      return unit;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'DUPLICATE', { name: input.name });
    throw e;
  }
}
