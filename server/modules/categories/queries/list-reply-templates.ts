import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import type { Actor } from '../../../core/policy.ts';
import { pathInRoots } from '../../../core/scope.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { units } from '../../org/tables.ts';
import { categories, replyTemplates } from '../tables.ts';
import { canManageReplyTemplate, replyTemplateManageRoots } from '../policy.ts';
import type { TReplyTemplate } from '../schema.ts';
import { presentReplyTemplate } from '../presenter.ts';

type TemplateRow = typeof replyTemplates.$inferSelect;

// `/a/b/` → `/a/`, `/a/b/`: the unit and every unit above it.
const selfAndAncestors = (path: string) => {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
};
const unitIdOfPath = (path: string) => path.split('/').filter(Boolean).pop() ?? '';

/** SQL condition: the templates the actor may use (owned by its units or above them) or manage (owned in its admin or leader subtrees). */
export function replyTemplatesVisibleTo(actor: Actor): SQL {
  const usable = [...new Set([...actor.roles.map((r) => r.unitPath), ...actor.supervisedPaths].flatMap(selfAndAncestors))];
  const manage = pathInRoots(replyTemplates.ownerUnitPath, replyTemplateManageRoots(actor));
  return usable.length ? or(inArray(replyTemplates.ownerUnitPath, usable), manage)! : manage;
}

/** Presents templates with their category and owner names, in two queries. */
export async function presentReplyTemplates(db: DbOrTx, actor: Actor, rows: TemplateRow[]): Promise<TReplyTemplate[]> {
  const unitIds = [...new Set(rows.map((r) => unitIdOfPath(r.ownerUnitPath)))];
  const categoryIds = [...new Set(rows.map((r) => r.categoryId).filter((id): id is string => !!id))];
  const [unitRows, categoryRows] = await Promise.all([
    unitIds.length ? db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds)) : [],
    categoryIds.length ? db.select({ id: categories.id, name: categories.name }).from(categories).where(inArray(categories.id, categoryIds)) : [],
  ]);
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const category = new Map(categoryRows.map((c) => [c.id, c]));
  return rows.map((r) =>
    presentReplyTemplate(
      r,
      { category: r.categoryId ? (category.get(r.categoryId) ?? null) : null, ownerUnitName: unitName.get(unitIdOfPath(r.ownerUnitPath)) ?? '' },
      canManageReplyTemplate(actor, r.ownerUnitPath),
    ),
  );
}

/**
 * The reply templates (答复模板) the caller may use or manage. With a category: that category's,
 * its ancestors' and the general ones (no category), the most specific first — a template for
 * 城乡建设 serves 城乡建设/供水 too — and, among equals, the nearest owner first.
 */
export async function listReplyTemplates(ctx: Ctx, filter: { categoryId?: string }): Promise<TReplyTemplate[]> {
  const actor = requireActor(ctx);
  const depthOf = new Map<string, number>();
  if (filter.categoryId) {
    const [c] = await ctx.db.select({ path: categories.path }).from(categories).where(eq(categories.id, filter.categoryId));
    (c?.path.split('/').filter(Boolean) ?? [filter.categoryId]).forEach((id, i) => depthOf.set(id, i + 1));
  }
  const categoryIds = [...depthOf.keys()];
  const rows = await ctx.db
    .select()
    .from(replyTemplates)
    .where(and(replyTemplatesVisibleTo(actor), filter.categoryId ? or(isNull(replyTemplates.categoryId), inArray(replyTemplates.categoryId, categoryIds)) : undefined));
  const depth = (r: TemplateRow) => (r.categoryId ? (depthOf.get(r.categoryId) ?? 0) : -1);
  rows.sort((a, b) => depth(b) - depth(a) || b.ownerUnitPath.length - a.ownerUnitPath.length || a.title.localeCompare(b.title, 'zh-CN') || a.id.localeCompare(b.id));
  return presentReplyTemplates(ctx.db, actor, rows);
}
