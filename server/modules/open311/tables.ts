import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../org/tables.ts';
import { matters } from '../matters/tables.ts';

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

/**
 * What a GeoReport v2 POST brings beyond a matter's own columns, one row per matter that carried
 * any of it, written in the matter's transaction. `email_enc` is encrypted like the petitioner's
 * fields (AAD `open311_submission:<matter id>:email`); `device_id` and `account_id` are the
 * client's opaque identifiers of its user, kept to trace abuse, never served. Only `media_url`
 * (a link the submitter published) is served back by GET requests.
 */
export const open311Submissions = pgTable('open311_submissions', {
  matterId: uuid('matter_id')
    .primaryKey()
    .references(() => matters.id, { onDelete: 'cascade' }),
  emailEnc: text('email_enc'),
  deviceId: text('device_id'),
  accountId: text('account_id'),
  mediaUrl: text('media_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
