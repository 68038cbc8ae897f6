import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, forbidden } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { canAnywhere } from '../../../core/policy.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { campaignBatches } from '../tables.ts';
import type { TBatchCreateRequest } from '../schema.ts';

/** Adds a campaign batch (第一批 / 第二批) with its dates. */
export async function createCampaignBatch(ctx: Ctx, input: TBatchCreateRequest) {
  const actor = requireActor(ctx);
  if (!canAnywhere(actor, 'batch.manage')) throw forbidden();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(campaignBatches).values(input).returning();
      const batch = { id: row.id, name: row.name, startsOn: row.startsOn, endsOn: row.endsOn };
      await appendAudit(tx, ctx, { action: 'batch.create', subjectType: 'campaign_batch', subjectId: row.id, after: batch });
      return batch;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'DUPLICATE', { name: input.name });
    throw e;
  }
}
