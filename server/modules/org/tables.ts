import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Campaign batches (第一批 / 第二批) with their dates. */
export const campaignBatches = pgTable('campaign_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Units of the organisation tree. `path` is the materialised path of ids (`/a/b/c/`), so a
 * subtree is one indexed prefix match and scope checks need no recursion.
 */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    regionCode: text('region_code'),
    batchId: uuid('batch_id').references(() => campaignBatches.id),
    isActive: boolean('is_active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_path_uq').on(t.path),
    index('units_path_prefix_idx').using('btree', t.path.op('text_pattern_ops')),
    index('units_parent_idx').on(t.parentId),
    uniqueIndex('units_sibling_name_uq').on(sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name),
  ],
);

/** People who work in units (cadres, staff, party members). */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    name: text('name').notNull(),
    post: text('post'),
    isPartyMember: boolean('is_party_member').notNull().default(false),
    cadreLevel: text('cadre_level'),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('people_unit_name_idx').on(t.unitId, t.name, t.id)],
);

/** Login accounts; each may link to a person. */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull(),
  passwordHash: text('password_hash').notNull(),
  personId: uuid('person_id').references(() => people.id),
  displayName: text('display_name').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('accounts_username_uq').on(sql`lower(${t.username})`)]);

/** A role held by an account in a unit; the unit's subtree is the role's scope. */
export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role, t.unitId] }), index('account_roles_unit_idx').on(t.unitId)],
);

/** Supervision groups (督导组). */
export const supervisionGroups = pgTable('supervision_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  hostUnitId: uuid('host_unit_id').notNull().references(() => units.id),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Members of a supervision group (accounts, so that membership grants scope). */
export const supervisionGroupMembers = pgTable(
  'supervision_group_members',
  {
    groupId: uuid('group_id').notNull().references(() => supervisionGroups.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    isLeader: boolean('is_leader').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.accountId] }), index('sgm_account_idx').on(t.accountId)],
);

/** Units assigned to a supervision group; members see these units' subtrees. */
export const supervisionGroupUnits = pgTable(
  'supervision_group_units',
  {
    groupId: uuid('group_id').notNull().references(() => supervisionGroups.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.unitId] })],
);
