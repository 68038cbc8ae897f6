import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField, notFound } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { inUnitSubtree, type Actor } from '../../../core/policy.ts';
import type { Tx } from '../../../db/client.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { units } from '../../org/tables.ts';
import { categories, dispatchRules } from '../tables.ts';
import { canManageDispatchRule, dispatchRuleRoots } from '../policy.ts';
import type { TDispatchRule, TDispatchRuleCreateRequest, TDispatchRuleUpdateRequest } from '../schema.ts';
import { presentDispatchRuleForAudit } from '../presenter.ts';
import { presentDispatchRules } from '../queries/dispatch-rule-names.ts';

type RuleRow = typeof dispatchRules.$inferSelect;

const what = (ctx: Ctx, zh: string, en: string) => (ctx.lang === 'zh-CN' ? zh : en);

/** 400 unless the category exists and is active. */
async function assertCategory(tx: Tx, ctx: Ctx, categoryId: string): Promise<void> {
  const [c] = await tx.select({ isActive: categories.isActive }).from(categories).where(eq(categories.id, categoryId));
  if (!c?.isActive) throw invalidField('categoryId', 'REFERENCE_NOT_FOUND', { what: what(ctx, '分类', 'category') });
}

/** 400 unless the unit is active and inside the owner's subtree (the owner's dispatchers can reach it). */
async function assertUnit(tx: Tx, ctx: Ctx, unitId: string, ownerUnitPath: string): Promise<void> {
  const [u] = await tx.select({ path: units.path, isActive: units.isActive }).from(units).where(eq(units.id, unitId));
  if (!u?.isActive || !inUnitSubtree(u.path, ownerUnitPath)) throw invalidField('unitId', 'REFERENCE_NOT_FOUND', { what: what(ctx, '承办单位', 'unit') });
}

/** 409 when the owner already has a rule for the same category and region. */
async function assertNoTwin(tx: Tx, rule: { categoryId: string | null; regionPrefix: string | null; ownerUnitPath: string }, exceptId?: string): Promise<void> {
  const [twin] = await tx
    .select({ id: dispatchRules.id })
    .from(dispatchRules)
    .where(
      and(
        rule.categoryId ? eq(dispatchRules.categoryId, rule.categoryId) : isNull(dispatchRules.categoryId),
        rule.regionPrefix ? eq(dispatchRules.regionPrefix, rule.regionPrefix) : isNull(dispatchRules.regionPrefix),
        eq(dispatchRules.ownerUnitPath, rule.ownerUnitPath),
        exceptId ? ne(dispatchRules.id, exceptId) : undefined,
      ),
    );
  if (twin) throw new AppError(409, 'DISPATCH_RULE_DUPLICATE');
}

/** The owner of a new rule: the given unit when the caller administers it, else the caller's outermost admin unit. */
async function ownerPathOf(tx: Tx, ctx: Ctx, actor: Actor, ownerUnitId: string | undefined): Promise<string> {
  const roots = dispatchRuleRoots(actor);
  if (!ownerUnitId) return [...roots].sort((a, b) => a.length - b.length)[0];
  const [u] = await tx.select({ path: units.path, isActive: units.isActive }).from(units).where(eq(units.id, ownerUnitId));
  if (!u?.isActive || !canManageDispatchRule(actor, u.path)) throw invalidField('ownerUnitId', 'REFERENCE_NOT_FOUND', { what: what(ctx, '单位', 'unit') });
  return u.path;
}

async function runUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    // Someone added the same rule while this ran.
    if (isUniqueViolation(e)) throw new AppError(409, 'DISPATCH_RULE_DUPLICATE');
    throw e;
  }
}

/** Adds a rule to the dispatch catalogue (派单目录): category × region → responsible unit, owned by an admin's unit. */
export async function createDispatchRule(ctx: Ctx, input: TDispatchRuleCreateRequest): Promise<TDispatchRule> {
  const actor = requireActor(ctx);
  const row = await runUnique(() =>
    ctx.db.transaction(async (tx) => {
      const ownerUnitPath = await ownerPathOf(tx, ctx, actor, input.ownerUnitId);
      if (input.categoryId) await assertCategory(tx, ctx, input.categoryId);
      await assertUnit(tx, ctx, input.unitId, ownerUnitPath);
      const rule = { categoryId: input.categoryId ?? null, regionPrefix: input.regionPrefix ?? null, ownerUnitPath };
      await assertNoTwin(tx, rule);
      const [created] = await tx
        .insert(dispatchRules)
        .values({ ...rule, unitId: input.unitId, note: input.note ?? null })
        .returning();
      await appendAudit(tx, ctx, { action: 'dispatch_rule.create', subjectType: 'dispatch_rule', subjectId: created.id, unitPath: ownerUnitPath, after: presentDispatchRuleForAudit(created) });
      return created;
    }),
  );
  return (await presentDispatchRules(ctx.db, [row]))[0];
}

/** A rule locked for a change, or 404 when it does not exist or its owner is outside the caller's admin units. */
export async function loadRuleForUpdate(tx: Tx, actor: Actor, id: string): Promise<RuleRow> {
  const [row] = await tx.select().from(dispatchRules).where(eq(dispatchRules.id, id)).for('update');
  if (!row || !canManageDispatchRule(actor, row.ownerUnitPath)) throw notFound();
  return row;
}

/** Changes a rule's category, region, unit or note; its owner stays. */
export async function updateDispatchRule(ctx: Ctx, id: string, input: TDispatchRuleUpdateRequest): Promise<TDispatchRule> {
  const actor = requireActor(ctx);
  const row = await runUnique(() =>
    ctx.db.transaction(async (tx) => {
      const before = await loadRuleForUpdate(tx, actor, id);
      const next = {
        categoryId: input.categoryId === undefined ? before.categoryId : input.categoryId,
        regionPrefix: input.regionPrefix === undefined ? before.regionPrefix : input.regionPrefix,
        unitId: input.unitId ?? before.unitId,
        note: input.note === undefined ? before.note : input.note,
      };
      if (next.categoryId && next.categoryId !== before.categoryId) await assertCategory(tx, ctx, next.categoryId);
      if (next.unitId !== before.unitId) await assertUnit(tx, ctx, next.unitId, before.ownerUnitPath);
      await assertNoTwin(tx, { ...next, ownerUnitPath: before.ownerUnitPath }, id);
      const [after] = await tx
        .update(dispatchRules)
        .set({ ...next, updatedAt: new Date() })
        .where(eq(dispatchRules.id, id))
        .returning();
      await appendAudit(tx, ctx, { action: 'dispatch_rule.update', subjectType: 'dispatch_rule', subjectId: id, unitPath: before.ownerUnitPath, before: presentDispatchRuleForAudit(before), after: presentDispatchRuleForAudit(after) });
      return after;
    }),
  );
  return (await presentDispatchRules(ctx.db, [row]))[0];
}
