import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../../db/client.ts';
import { AppError } from '../../../core/errors.ts';
import { encryptField, fieldAad } from '../../../core/personal-data/field-cipher.ts';
import type { SecretKeyring } from '../../../core/personal-data/secret-key.ts';
import { enqueueJob } from '../../jobs/commands/enqueue-job.ts';
import { outboundMessages } from '../tables.ts';
import type { OutboundChannel } from '../sender.ts';

/** The job that delivers outbound messages (one pending at a time; it drains the queue). */
export const DELIVER_OUTBOUND_JOB = 'notify.deliver_outbound';

/** The associated data of a stored recipient: bound to its row, like petitioner fields. */
export function outboundRecipientAad(id: number): string {
  return fieldAad('outbound_message', String(id), 'recipient');
}

/**
 * Queues an SMS or webhook in the caller's transaction, with the recipient encrypted like other
 * personal data, and makes sure the delivery job will run after commit. Nothing is sent here.
 */
export async function queueOutboundMessage(db: DbOrTx, keys: SecretKeyring | undefined, input: { channel: OutboundChannel; recipient: string; body: Record<string, unknown> }): Promise<number> {
  if (!keys) throw new AppError(500, 'SECRET_KEY_MISSING');
  // The id is taken first so that the ciphertext can name its own row.
  const [{ id }] = await queryRows<{ id: number | string }>(db, sql`select nextval(pg_get_serial_sequence('outbound_messages', 'id')) as id`);
  const messageId = Number(id);
  await db.insert(outboundMessages).values({
    id: messageId,
    channel: input.channel,
    recipientEnc: encryptField(keys.current, input.recipient, outboundRecipientAad(messageId)),
    body: input.body,
  });
  await enqueueJob(db, { kind: DELIVER_OUTBOUND_JOB, dedupeKey: DELIVER_OUTBOUND_JOB });
  return messageId;
}
