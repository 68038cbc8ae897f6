import { z } from 'zod';

/**
 * What a notification is about. Scans: a deadline due within 24 hours, a deadline passed.
 * Matter events: dispatched to the unit (派单), returned to the intake office (退单), reopened after
 * an unsatisfied rating (返工), relapsed at the review (回头看反弹), escalated to the superior
 * unit (上报), the petitioner contacted us again (催办).
 */
export const notificationKinds = ['due_soon', 'overdue', 'dispatched', 'returned', 'reopened', 'relapsed', 'escalated', 'contact'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const ZNotificationIdParams = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const ZNotificationsQuery = z.strictObject({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type TNotificationsQuery = z.infer<typeof ZNotificationsQuery>;

/** One notification as its recipient sees it. */
export const ZNotification = z.object({
  id: z.number(),
  /** One of notificationKinds (a string, so a kind added later does not break older clients). */
  kind: z.string(),
  /** The kind in the request's language (已超期 / overdue …). */
  kindLabel: z.string(),
  matterId: z.string().nullable(),
  title: z.string(),
  body: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationPage = z.object({ items: z.array(ZNotification), nextCursor: z.string().nullable() });
export const ZUnreadCount = z.object({ count: z.number() });
export const ZReadAllResult = z.object({ updated: z.number() });
