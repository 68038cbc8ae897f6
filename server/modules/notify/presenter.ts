import type { Lang } from '../../core/messages.ts';
import type { notifications } from './tables.ts';
import { notificationKinds, type NotificationKind, type TNotification } from './schema.ts';

/** How people call each kind of notification. */
export const notificationKindLabels: Record<NotificationKind, Record<Lang, string>> = {
  due_soon: { 'zh-CN': '即将到期', 'en-US': 'due soon' },
  overdue: { 'zh-CN': '已超期', 'en-US': 'overdue' },
  dispatched: { 'zh-CN': '新派单', 'en-US': 'dispatched to you' },
  returned: { 'zh-CN': '被退单', 'en-US': 'returned' },
  reopened: { 'zh-CN': '不满意返工', 'en-US': 'reopened' },
  relapsed: { 'zh-CN': '回头看反弹', 'en-US': 'relapsed' },
  escalated: { 'zh-CN': '上报待认领', 'en-US': 'escalated' },
  contact: { 'zh-CN': '群众催办', 'en-US': 'repeat contact' },
};

/** A notification for its recipient (the only person who ever sees it). */
export function presentNotification(n: typeof notifications.$inferSelect, lang: Lang): TNotification {
  // A kind written by a newer version and read by an older one still shows, as itself.
  const kind = (notificationKinds as readonly string[]).includes(n.kind) ? (n.kind as NotificationKind) : null;
  return {
    id: n.id,
    kind: n.kind,
    kindLabel: kind ? notificationKindLabels[kind][lang] : n.kind,
    matterId: n.matterId,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
