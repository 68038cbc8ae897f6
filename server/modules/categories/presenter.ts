import type { TCategory, TDispatchRule, TReplyTemplate } from './schema.ts';
import type { CategoryNode, CategoryRow } from './queries/list-categories.ts';
import type { dispatchRules, replyTemplates } from './tables.ts';

/** A category as staff see it: its own fields and what it inherits. */
export function presentCategory({ row, isUsable, effective }: CategoryNode): TCategory {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    level: row.level,
    sortOrder: row.sortOrder,
    isActive: row.isActive,
    isUsable,
    respondDays: row.respondDays,
    resolveDays: row.resolveDays,
    urgentRespondHours: row.urgentRespondHours,
    urgentResolveDays: row.urgentResolveDays,
    reviewAfterDays: row.reviewAfterDays,
    effective,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A category row as the audit log records it. */
export function presentCategoryForAudit(row: CategoryRow) {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    parentId: row.parentId,
    sortOrder: row.sortOrder,
    isActive: row.isActive,
    respondDays: row.respondDays,
    resolveDays: row.resolveDays,
    urgentRespondHours: row.urgentRespondHours,
    urgentResolveDays: row.urgentResolveDays,
    reviewAfterDays: row.reviewAfterDays,
  };
}

type Ref = { id: string; name: string };
const unitIdOfPath = (path: string) => path.split('/').filter(Boolean).pop() ?? '';

/** A dispatch rule with the names of what it refers to. */
export function presentDispatchRule(
  row: typeof dispatchRules.$inferSelect,
  names: { category: (Ref & { code: string }) | null; unit: Ref; ownerUnitName: string },
): TDispatchRule {
  return {
    id: row.id,
    category: names.category,
    regionPrefix: row.regionPrefix,
    unit: names.unit,
    ownerUnit: { id: unitIdOfPath(row.ownerUnitPath), name: names.ownerUnitName },
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A dispatch rule as the audit log records it. */
export function presentDispatchRuleForAudit(row: typeof dispatchRules.$inferSelect) {
  return { categoryId: row.categoryId, regionPrefix: row.regionPrefix, unitId: row.unitId, ownerUnitPath: row.ownerUnitPath, note: row.note };
}

/** A reply template with its category and owner, and whether the caller may change it. */
export function presentReplyTemplate(row: typeof replyTemplates.$inferSelect, names: { category: Ref | null; ownerUnitName: string }, canManage: boolean): TReplyTemplate {
  return {
    id: row.id,
    category: names.category,
    ownerUnit: { id: unitIdOfPath(row.ownerUnitPath), name: names.ownerUnitName },
    title: row.title,
    body: row.body,
    canManage,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A reply template as the audit log records it. */
export function presentReplyTemplateForAudit(row: typeof replyTemplates.$inferSelect) {
  return { categoryId: row.categoryId, ownerUnitPath: row.ownerUnitPath, title: row.title, body: row.body };
}
