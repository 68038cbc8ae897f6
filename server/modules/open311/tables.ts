import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../org/tables.ts';

/**
 * Open311 API keys issued by admins (keys from JICENG_OPEN311_KEYS need no row). Only a hash is
 * stored; requests posted with a key are taken in by the key's unit.
 */
export const open311Keys = pgTable(
  'open311_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('open311_keys_hash_uq').on(t.keyHash)],
);
