import type { ModuleManifest } from '../../core/module.ts';
import { registerNotifyRoutes } from './routes.ts';
import { scanDeadlines } from './commands/scan-deadlines.ts';
import { notifyMatterEvents } from './commands/notify-matter-events.ts';
import { deliverOutboundMessages } from './commands/deliver-outbound-messages.ts';
import { DELIVER_OUTBOUND_JOB } from './commands/queue-outbound-message.ts';

/** Job kinds of the notify module. */
export const notifyJobKinds = { deadlines: 'notify.scan_deadlines', events: 'notify.matter_events', deliver: DELIVER_OUTBOUND_JOB } as const;

/** Notify module: in-app notifications (due soon, overdue, returned, reopened …) and outbound SMS/webhooks through a sender driver. */
export const notifyModule: ModuleManifest = {
  name: 'notify',
  routes: registerNotifyRoutes,
  jobs: [
    { kind: notifyJobKinds.deadlines, everyMs: 60_000, run: async (job) => void (await scanDeadlines(job)) },
    { kind: notifyJobKinds.events, everyMs: 10_000, run: async (job) => void (await notifyMatterEvents(job)) },
    // Enqueued when a message is queued; the recurring run also picks up retries.
    { kind: notifyJobKinds.deliver, everyMs: 60_000, run: async (job) => void (await deliverOutboundMessages(job)) },
  ],
};
