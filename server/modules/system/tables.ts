import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Deployment settings an admin may change without a restart (days until an unrated matter
 * closes, the backlog threshold, the unit that takes in public submissions …). Each key has a
 * default in code; a row here overrides it.
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
