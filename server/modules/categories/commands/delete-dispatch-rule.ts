import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { dispatchRules } from '../tables.ts';
import { presentDispatchRuleForAudit } from '../presenter.ts';
import { loadRuleForUpdate } from './save-dispatch-rule.ts';

/** Removes a rule from the catalogue (matters it suggested keep their units). */
export async function deleteDispatchRule(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const before = await loadRuleForUpdate(tx, actor, id);
    await tx.delete(dispatchRules).where(eq(dispatchRules.id, id));
    await appendAudit(tx, ctx, { action: 'dispatch_rule.delete', subjectType: 'dispatch_rule', subjectId: id, unitPath: before.ownerUnitPath, before: presentDispatchRuleForAudit(before) });
  });
}
