import { asc, eq } from 'drizzle-orm';
import { decryptField } from '../../../core/personal-data/field-cipher.ts';
import type { JobContext } from '../../jobs/job-definition.ts';
import { outboundMessages } from '../tables.ts';
import { outboundChannels, type OutboundChannel } from '../sender.ts';
import { outboundRecipientAad } from './queue-outbound-message.ts';
import { renderOutboundBody } from '../outbound-templates.ts';

/** Attempts before a message is marked failed. */
export const MAX_OUTBOUND_ATTEMPTS = 5;
const BATCH = 20;

/**
 * Job handler: delivers pending outbound messages one by one through the sender. Each message is
 * locked (SKIP LOCKED) in its own transaction while it is sent, so two instances never send the
 * same one, and marked sent, or counted and retried on the next run, or failed after
 * MAX_OUTBOUND_ATTEMPTS. A recipient that cannot be decrypted fails at once (retrying cannot help).
 */
export async function deliverOutboundMessages({ ctx, sender, log, now }: JobContext): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < BATCH; i++) {
    const handled = await ctx.db.transaction(async (tx) => {
      const [m] = await tx
        .select()
        .from(outboundMessages)
        .where(eq(outboundMessages.status, 'pending'))
        .orderBy(asc(outboundMessages.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!m) return false;
      const attempts = m.attempts + 1;
      try {
        if (!(outboundChannels as readonly string[]).includes(m.channel)) throw new PermanentError(`unknown channel ${m.channel}`);
        if (!ctx.keys) throw new Error('no personal-data key loaded');
        let recipient: string;
        try {
          recipient = decryptField(ctx.keys, m.recipientEnc, outboundRecipientAad(m.id));
        } catch (e) {
          throw new PermanentError(`recipient cannot be decrypted (${(e as Error).message})`);
        }
        await sender.send(m.channel as OutboundChannel, recipient, renderOutboundBody(m.body));
        await tx.update(outboundMessages).set({ status: 'sent', attempts, sentAt: now, lastError: null }).where(eq(outboundMessages.id, m.id));
        sent++;
      } catch (e) {
        const final = e instanceof PermanentError || attempts >= MAX_OUTBOUND_ATTEMPTS;
        await tx
          .update(outboundMessages)
          .set({ status: final ? 'failed' : 'pending', attempts, lastError: (e as Error).message?.slice(0, 2000) ?? String(e) })
          .where(eq(outboundMessages.id, m.id));
        if (final) failed++;
        log.warn({ outboundMessageId: m.id, attempts, final, err: (e as Error).message }, 'outbound message not delivered');
        // A message that will be retried stops this run, so a sender that is down is not hit once per message.
        if (!final) return false;
      }
      return true;
    });
    if (!handled) break;
  }
  return { sent, failed };
}

/** A delivery error that retrying cannot fix. */
class PermanentError extends Error {}
