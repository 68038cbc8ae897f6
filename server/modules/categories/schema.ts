import { z } from 'zod';
import { ZRegionCode } from '../org/schema.ts';

/** Most levels of the category tree (一级、二级、三级分类). */
export const MAX_CATEGORY_LEVEL = 3;

export const ZIdParams = z.strictObject({ id: z.uuid() });

const ZName = z.string().trim().min(1).max(100);
/** A stable code: it is the Open311 service_code, so it never changes once given. */
export const ZCategoryCode = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { error: '@CATEGORY_CODE' });
const ZDays = (max: number) => z.number().int().min(1).max(max);

/** Deadline and review fields a category may set; null clears the field (the parent's applies). */
const ZCategoryRuleFields = {
  respondDays: ZDays(30).nullish(),
  resolveDays: ZDays(60).nullish(),
  urgentRespondHours: ZDays(72).nullish(),
  urgentResolveDays: ZDays(30).nullish(),
  reviewAfterDays: ZDays(365).nullish(),
};

export const ZCategoryCreateRequest = z.strictObject({
  parentId: z.uuid().nullish(),
  code: ZCategoryCode.optional(),
  name: ZName,
  nameEn: z.string().trim().max(100).nullish(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  ...ZCategoryRuleFields,
});
export type TCategoryCreateRequest = z.infer<typeof ZCategoryCreateRequest>;

export const ZCategoryUpdateRequest = z.strictObject({
  name: ZName.optional(),
  nameEn: z.string().trim().max(100).nullish(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  ...ZCategoryRuleFields,
});
export type TCategoryUpdateRequest = z.infer<typeof ZCategoryUpdateRequest>;

export const ZCategoriesQuery = z.strictObject({
  includeInactive: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** The rule that applies to a category after inheritance (its own fields, else its ancestors', else the defaults). */
export const ZEffectiveRules = z.object({
  respondDays: z.number(),
  resolveDays: z.number(),
  urgentRespondHours: z.number(),
  urgentResolveDays: z.number(),
  reviewAfterDays: z.number(),
});

export const ZCategory = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  level: z.number(),
  sortOrder: z.number(),
  /** Its own flag; a category under a deactivated one is not offered either (see isUsable). */
  isActive: z.boolean(),
  /** Active itself and every ancestor active: may be chosen for a new matter. */
  isUsable: z.boolean(),
  respondDays: z.number().nullable(),
  resolveDays: z.number().nullable(),
  urgentRespondHours: z.number().nullable(),
  urgentResolveDays: z.number().nullable(),
  reviewAfterDays: z.number().nullable(),
  effective: ZEffectiveRules,
  updatedAt: z.string(),
});
export type TCategory = z.infer<typeof ZCategory>;

export const ZCategoryTree = z.object({
  /** Depth first, siblings by sort order then name; each item names its parent. */
  items: z.array(ZCategory),
  canManage: z.boolean(),
});

export const ZImportResult = z.object({ created: z.number(), unchanged: z.number() });

// Dispatch catalogue (派单目录)

/** A region code prefix: province (2), city (4) or county (6 digits). */
export const ZRegionPrefix = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, { error: '@REGION_PREFIX' });

export const ZDispatchRuleCreateRequest = z.strictObject({
  categoryId: z.uuid().nullish(),
  regionPrefix: ZRegionPrefix.nullish(),
  unitId: z.uuid(),
  /** The unit whose admins own the rule; by default the caller's outermost admin unit. */
  ownerUnitId: z.uuid().optional(),
  note: z.string().trim().max(500).nullish(),
});
export type TDispatchRuleCreateRequest = z.infer<typeof ZDispatchRuleCreateRequest>;

export const ZDispatchRuleUpdateRequest = z.strictObject({
  categoryId: z.uuid().nullish(),
  regionPrefix: ZRegionPrefix.nullish(),
  unitId: z.uuid().optional(),
  note: z.string().trim().max(500).nullish(),
});
export type TDispatchRuleUpdateRequest = z.infer<typeof ZDispatchRuleUpdateRequest>;

export const ZDispatchRulesQuery = z.strictObject({ categoryId: z.uuid().optional() });

const ZRef = z.object({ id: z.string(), name: z.string() });

export const ZDispatchRule = z.object({
  id: z.string(),
  category: ZRef.extend({ code: z.string() }).nullable(),
  regionPrefix: z.string().nullable(),
  unit: ZRef,
  ownerUnit: ZRef,
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDispatchRule = z.infer<typeof ZDispatchRule>;

export const ZDispatchSuggestQuery = z.strictObject({ categoryId: z.uuid().optional(), regionCode: ZRegionCode.optional() });

export const ZDispatchSuggestion = z.object({
  /** The unit the catalogue names, or null when no rule applies. */
  unit: ZRef.nullable(),
  ruleId: z.string().nullable(),
});

// Reply templates (答复模板)

export const ZReplyTemplateCreateRequest = z.strictObject({
  categoryId: z.uuid().nullish(),
  /** The unit that owns the template (usable in its subtree); by default the caller's outermost one. */
  ownerUnitId: z.uuid().optional(),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
});
export type TReplyTemplateCreateRequest = z.infer<typeof ZReplyTemplateCreateRequest>;

export const ZReplyTemplateUpdateRequest = z.strictObject({
  categoryId: z.uuid().nullish(),
  title: z.string().trim().min(1).max(100).optional(),
  body: z.string().trim().min(1).max(5000).optional(),
});
export type TReplyTemplateUpdateRequest = z.infer<typeof ZReplyTemplateUpdateRequest>;

export const ZReplyTemplatesQuery = z.strictObject({ categoryId: z.uuid().optional() });

export const ZReplyTemplate = z.object({
  id: z.string(),
  category: ZRef.nullable(),
  ownerUnit: ZRef,
  title: z.string(),
  body: z.string(),
  /** True when the caller may change or delete it (admin or leader of the owner unit or above). */
  canManage: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TReplyTemplate = z.infer<typeof ZReplyTemplate>;
