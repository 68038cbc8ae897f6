import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { pathInRoots } from '../../../core/scope.ts';
import { dispatchRules } from '../tables.ts';
import { dispatchRuleRoots } from '../policy.ts';
import type { TDispatchRule } from '../schema.ts';
import { presentDispatchRules } from './dispatch-rule-names.ts';

/** The dispatch rules owned by the caller's admin units and below, optionally of one category. */
export async function listDispatchRules(ctx: Ctx, filter: { categoryId?: string }): Promise<TDispatchRule[]> {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .select()
    .from(dispatchRules)
    .where(and(pathInRoots(dispatchRules.ownerUnitPath, dispatchRuleRoots(actor)), filter.categoryId ? eq(dispatchRules.categoryId, filter.categoryId) : undefined))
    .orderBy(asc(dispatchRules.ownerUnitPath), asc(dispatchRules.createdAt), asc(dispatchRules.id));
  return presentDispatchRules(ctx.db, rows);
}
