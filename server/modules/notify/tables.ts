import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../org/tables.ts';

/**
 * In-app notifications (due soon, overdue, returned, reopened …), one row per recipient account.
 * `dedupe_key` (e.g. `overdue:<matter>:<resolveBy>`) keeps a scan from notifying twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    matterId: uuid('matter_id'),
    title: text('title').notNull(),
    body: text('body'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.accountId, t.dedupeKey),
    index('notifications_unread_idx').on(t.accountId, t.id).where(sql`${t.readAt} is null`),
  ],
);

/**
 * Outgoing messages (SMS, webhooks) written in the transaction that causes them and delivered
 * after commit by a job through a sender driver (the default driver only logs: no outside calls).
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel').notNull(),
    /** Phone number (encrypted like petitioner data) or webhook URL. */
    recipientEnc: text('recipient_enc').notNull(),
    body: jsonb('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbound_messages_pending_idx').on(t.id).where(sql`${t.status} = 'pending'`)],
);
