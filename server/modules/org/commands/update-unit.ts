import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { units } from '../tables.ts';
import { presentUnit } from '../presenter.ts';
import type { TUnitUpdateRequest } from '../schema.ts';
import { loadUnit } from '../queries/load-unit.ts';
import { assertBatchExists } from './assert-batch-exists.ts';

/** Renames a unit or changes its kind, level, region code, batch or order. */
export async function updateUnit(ctx: Ctx, id: string, input: TUnitUpdateRequest) {
  const actor = requireActor(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await loadUnit(tx, actor, id, 'unit.manage', true);
      if (input.batchId) await assertBatchExists(tx, input.batchId, ctx.lang);
      const [row] = await tx
        .update(units)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.kind !== undefined && { kind: input.kind }),
          ...(input.level !== undefined && { level: input.level }),
          ...(input.regionCode !== undefined && { regionCode: input.regionCode }),
          ...(input.batchId !== undefined && { batchId: input.batchId }),
          ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
          updatedAt: new Date(),
        })
        .where(eq(units.id, id))
        .returning();
      const unit = presentUnit(row);
      await appendAudit(tx, ctx, { action: 'unit.update', subjectType: 'unit', subjectId: id, unitPath: row.path, before: presentUnit(before), after: unit });
      return unit;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'DUPLICATE', { name: input.name ?? '' });
    throw e;
  }
}
