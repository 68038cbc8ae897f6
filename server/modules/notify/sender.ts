import { maskPhone } from '../../core/personal-data/mask.ts';
import type { JobLogger } from '../jobs/job-definition.ts';

/** Channels an outbound message can take. */
export const outboundChannels = ['sms', 'webhook'] as const;
export type OutboundChannel = (typeof outboundChannels)[number];

/**
 * Delivers one outbound message. Drivers are chosen by `JICENG_SENDER`; a driver throws when the
 * message was not accepted, so the delivery job retries it.
 */
export interface Sender {
  send(channel: OutboundChannel, recipient: string, body: string): Promise<void>;
}

/** The drivers this build has; `log` makes no outside call. */
export const senderDrivers = ['log'] as const;
export type SenderDriver = (typeof senderDrivers)[number];

/** A recipient fit for a log line: a phone masked (138****5678), a webhook reduced to its origin. */
export function maskRecipient(channel: OutboundChannel, recipient: string): string {
  if (channel === 'sms') return maskPhone(recipient);
  try {
    return new URL(recipient).origin;
  } catch {
    return '****';
  }
}

/**
 * The default driver: writes one log line per message with the recipient masked and the length
 * of the body (not the body: an SMS may name the matter), and sends nothing anywhere.
 */
export function createLogSender(log: JobLogger): Sender {
  return {
    async send(channel, recipient, body) {
      log.info({ channel, recipient: maskRecipient(channel, recipient), chars: body.length }, 'outbound message (log driver: not sent)');
    },
  };
}

/** The sender named by `JICENG_SENDER` (default `log`); an unknown name stops the server at start. */
export function createSender(driver: string | undefined, log: JobLogger): Sender {
  const name = driver?.trim() || 'log';
  if (name === 'log') return createLogSender(log);
  throw new Error(`JICENG_SENDER must be one of ${senderDrivers.join(', ')}, got "${driver}"`);
}
