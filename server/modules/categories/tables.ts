import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../org/tables.ts';

/**
 * Categories of matters (诉求分类): a tree of up to three levels, seeded with the livelihood fields
 * and importable from CSV. `code` is stable (it is the Open311 service_code). Deadline and review
 * settings are optional per category; a category without them inherits from its parent, then from
 * the defaults in compute-deadlines.
 */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    level: integer('level').notNull(),
    /** Materialised path of ids (`/a/b/`), like units: a subtree is one prefix match. */
    path: text('path').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    /** Normal urgency: working days to respond and to resolve. */
    respondDays: integer('respond_days'),
    resolveDays: integer('resolve_days'),
    /** Urgent: hours to respond, working days to resolve. */
    urgentRespondHours: integer('urgent_respond_hours'),
    urgentResolveDays: integer('urgent_resolve_days'),
    /** Days after closing when the matter is looked at again (回头看). */
    reviewAfterDays: integer('review_after_days'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'categories_parent_fk' }),
    uniqueIndex('categories_code_uq').on(t.code),
    uniqueIndex('categories_sibling_name_uq').on(sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name),
    index('categories_path_idx').using('btree', t.path.op('text_pattern_ops')),
  ],
);

/**
 * The dispatch catalogue (派单目录 / 权责清单): category × region → responsible unit. A null
 * category or region matches any; the most specific rule wins (deeper category, longer region
 * prefix). Used as the default when dispatching; editable by admins of the unit's ancestors.
 */
export const dispatchRules = pgTable(
  'dispatch_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id').references(() => categories.id),
    /** Region code prefix (2, 4 or 6 digits of the administrative code), or null for any. */
    regionPrefix: text('region_prefix'),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    /** The unit whose admins own the rule (scope of who may see and edit it). */
    ownerUnitPath: text('owner_unit_path').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dispatch_rules_uq').on(sql`coalesce(${t.categoryId}, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`coalesce(${t.regionPrefix}, '')`, t.ownerUnitPath),
    index('dispatch_rules_owner_idx').using('btree', t.ownerUnitPath.op('text_pattern_ops')),
  ],
);

/** Reply templates (答复模板) per category, owned by a unit and usable in its subtree. */
export const replyTemplates = pgTable(
  'reply_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id').references(() => categories.id),
    ownerUnitPath: text('owner_unit_path').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reply_templates_owner_idx').using('btree', t.ownerUnitPath.op('text_pattern_ops'))],
);
