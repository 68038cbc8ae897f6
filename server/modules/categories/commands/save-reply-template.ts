import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { AppError, invalidField, notFound } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import type { Actor } from '../../../core/policy.ts';
import type { Tx } from '../../../db/client.ts';
import { units } from '../../org/tables.ts';
import { categories, replyTemplates } from '../tables.ts';
import { canManageReplyTemplate, canUseReplyTemplate, replyTemplateManageRoots } from '../policy.ts';
import type { TReplyTemplate, TReplyTemplateCreateRequest, TReplyTemplateUpdateRequest } from '../schema.ts';
import { presentReplyTemplateForAudit } from '../presenter.ts';
import { presentReplyTemplates } from '../queries/list-reply-templates.ts';

type TemplateRow = typeof replyTemplates.$inferSelect;

/** 400 unless the category exists and is active. */
async function assertCategory(tx: Tx, ctx: Ctx, categoryId: string): Promise<void> {
  const [c] = await tx.select({ isActive: categories.isActive }).from(categories).where(eq(categories.id, categoryId));
  if (!c?.isActive) throw invalidField('categoryId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '分类' : 'category' });
}

/** Adds a reply template (答复模板) owned by a unit the caller administers or leads; usable in that unit's subtree. */
export async function createReplyTemplate(ctx: Ctx, input: TReplyTemplateCreateRequest): Promise<TReplyTemplate> {
  const actor = requireActor(ctx);
  const row = await ctx.db.transaction(async (tx) => {
    let ownerUnitPath = [...replyTemplateManageRoots(actor)].sort((a, b) => a.length - b.length)[0];
    if (!ownerUnitPath) throw new AppError(403, 'FORBIDDEN');
    if (input.ownerUnitId) {
      const [u] = await tx.select({ path: units.path, isActive: units.isActive }).from(units).where(eq(units.id, input.ownerUnitId));
      if (!u?.isActive || !canManageReplyTemplate(actor, u.path)) throw invalidField('ownerUnitId', 'REFERENCE_NOT_FOUND', { what: ctx.lang === 'zh-CN' ? '单位' : 'unit' });
      ownerUnitPath = u.path;
    }
    if (input.categoryId) await assertCategory(tx, ctx, input.categoryId);
    const [created] = await tx
      .insert(replyTemplates)
      .values({ categoryId: input.categoryId ?? null, ownerUnitPath, title: input.title, body: input.body })
      .returning();
    await appendAudit(tx, ctx, { action: 'reply_template.create', subjectType: 'reply_template', subjectId: created.id, unitPath: ownerUnitPath, after: presentReplyTemplateForAudit(created) });
    return created;
  });
  return (await presentReplyTemplates(ctx.db, actor, [row]))[0];
}

/** A template locked for a change: 404 when the caller can neither use nor manage it, 403 when it may only use it. */
export async function loadTemplateForUpdate(tx: Tx, actor: Actor, id: string): Promise<TemplateRow> {
  const [row] = await tx.select().from(replyTemplates).where(eq(replyTemplates.id, id)).for('update');
  if (!row || !canUseReplyTemplate(actor, row.ownerUnitPath)) throw notFound();
  if (!canManageReplyTemplate(actor, row.ownerUnitPath)) throw new AppError(403, 'FORBIDDEN');
  return row;
}

/** Changes a template's category, title or text; its owner stays. */
export async function updateReplyTemplate(ctx: Ctx, id: string, input: TReplyTemplateUpdateRequest): Promise<TReplyTemplate> {
  const actor = requireActor(ctx);
  const row = await ctx.db.transaction(async (tx) => {
    const before = await loadTemplateForUpdate(tx, actor, id);
    if (input.categoryId && input.categoryId !== before.categoryId) await assertCategory(tx, ctx, input.categoryId);
    const [after] = await tx
      .update(replyTemplates)
      .set({
        categoryId: input.categoryId === undefined ? before.categoryId : input.categoryId,
        title: input.title ?? before.title,
        body: input.body ?? before.body,
        updatedAt: new Date(),
      })
      .where(eq(replyTemplates.id, id))
      .returning();
    await appendAudit(tx, ctx, { action: 'reply_template.update', subjectType: 'reply_template', subjectId: id, unitPath: before.ownerUnitPath, before: presentReplyTemplateForAudit(before), after: presentReplyTemplateForAudit(after) });
    return after;
  });
  return (await presentReplyTemplates(ctx.db, actor, [row]))[0];
}
