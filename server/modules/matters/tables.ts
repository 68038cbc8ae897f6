import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, units } from '../org/tables.ts';

/** Numbers the human-readable matter codes (`JC20261123-000123`); never reused, gaps allowed. */
export const matterCodeSeq = pgSequence('matter_code_seq', { startWith: 1, increment: 1 });

/**
 * Matters (事项): citizen demands and problems that must be resolved. The responsible unit's path
 * and the intake unit's path are copied here, so an inbox is one indexed prefix match. Petitioner
 * data is encrypted per field (see core/personal-data); `petitioner_phone_idx` finds the same
 * caller without decrypting.
 */
export const matters = pgTable(
  'matters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    origin: text('origin').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category'),
    urgency: text('urgency').notNull(),
    status: text('status').notNull(),
    intakeUnitId: uuid('intake_unit_id').notNull().references(() => units.id),
    intakeUnitPath: text('intake_unit_path').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    unitPath: text('unit_path'),
    handlerAccountId: uuid('handler_account_id').references(() => accounts.id),
    leaderAccountId: uuid('leader_account_id').references(() => accounts.id),
    respondBy: timestamp('respond_by', { withTimezone: true }),
    resolveBy: timestamp('resolve_by', { withTimezone: true }),
    petitionerNameEnc: text('petitioner_name_enc'),
    petitionerPhoneEnc: text('petitioner_phone_enc'),
    petitionerIdEnc: text('petitioner_id_enc'),
    petitionerAddressEnc: text('petitioner_address_enc'),
    petitionerPhoneIdx: text('petitioner_phone_idx'),
    address: text('address'),
    regionCode: text('region_code'),
    replyText: text('reply_text'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    rating: text('rating'),
    ratingNote: text('rating_note'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    reviewDueOn: date('review_due_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('matters_code_uq').on(t.code),
    index('matters_unit_path_idx').using('btree', t.unitPath.op('text_pattern_ops')),
    index('matters_intake_unit_path_idx').using('btree', t.intakeUnitPath.op('text_pattern_ops')),
    index('matters_status_respond_by_idx').on(t.status, t.respondBy),
    index('matters_created_idx').on(t.createdAt, t.id),
    index('matters_petitioner_phone_idx').on(t.petitionerPhoneIdx).where(sql`${t.petitionerPhoneIdx} is not null`),
  ],
);

/** The units working on a matter: one main (主办) and any co-units (协办). */
export const matterUnits = pgTable(
  'matter_units',
  {
    matterId: uuid('matter_id').notNull().references(() => matters.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.matterId, t.unitId] }), index('matter_units_unit_idx').on(t.unitId)],
);

/** Every change of a matter, in order: the timeline shown with it and the source of its metrics. */
export const matterEvents = pgTable(
  'matter_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    matterId: uuid('matter_id').notNull().references(() => matters.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    data: jsonb('data'),
  },
  (t) => [index('matter_events_matter_idx').on(t.matterId, t.id)],
);
