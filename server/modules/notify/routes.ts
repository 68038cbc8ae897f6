import type { App, ModuleDeps } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { actorOf } from '../../core/guards.ts';
import { ZNotification, ZNotificationIdParams, ZNotificationPage, ZNotificationsQuery, ZReadAllResult, ZUnreadCount } from './schema.ts';
import { countUnreadNotifications, listNotifications } from './queries/list-notifications.ts';
import { markNotificationRead } from './commands/mark-notification-read.ts';
import { markAllNotificationsRead } from './commands/mark-all-notifications-read.ts';

/** HTTP routes of the notify module: the caller's own in-app notifications, nobody else's. */
export function registerNotifyRoutes(app: App, { database, config, keys }: ModuleDeps): void {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => {
    actorOf(req);
    return ctxOf(req, database.db, config, keys);
  };
  app.get('/notifications', { schema: { tags: ['notifications'], summary: 'My notifications, newest first (keyset)', querystring: ZNotificationsQuery, response: { 200: ZNotificationPage } } }, async (req) =>
    listNotifications(ctx(req), req.query),
  );
  app.get('/notifications/unread-count', { schema: { tags: ['notifications'], summary: 'How many of my notifications are unread', response: { 200: ZUnreadCount } } }, async (req) => ({
    count: await countUnreadNotifications(ctx(req)),
  }));
  app.post('/notifications/:id/read', { schema: { tags: ['notifications'], summary: 'Mark one of my notifications read (another’s: 404)', params: ZNotificationIdParams, response: { 200: ZNotification } } }, async (req) =>
    markNotificationRead(ctx(req), req.params.id),
  );
  app.post('/notifications/read-all', { schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 200: ZReadAllResult } } }, async (req) => ({
    updated: await markAllNotificationsRead(ctx(req)),
  }));
}
