import {
  IdParam,
  NotificationListQuery,
  NotificationPage,
  NotificationsMarkAllBody,
  NotificationsMarkedRead,
  NotificationUnreadCount,
} from '@patron/contracts';
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead } from '@patron/db';
import type { App } from '../../context';
import { notFound } from '../../errors';
import { authorize } from '../../plugins/authenticate';

/**
 * The caller's own in-app notifications. Any signed-in user has an inbox, so no permission is
 * asked; every query is keyed by the caller's user id, and another user's notification answers
 * 404 exactly like a missing one.
 */
export async function notificationRoutes(app: App) {
  const { db } = app.deps;
  const signedIn = authorize();
  const tags = ['notifications'];

  app.get(
    '/notifications',
    { preHandler: signedIn, schema: { tags, querystring: NotificationListQuery, response: { 200: NotificationPage } } },
    async (request) => {
      const { page, pageSize, unread, category } = request.query;
      return listNotifications(db, request.access!.userId, { unread, category }, { page, pageSize });
    },
  );

  // What the header bell polls: one indexed count, no rows.
  app.get(
    '/notifications/unread-count',
    { preHandler: signedIn, schema: { tags, response: { 200: NotificationUnreadCount } } },
    async (request) => ({ unread: await countUnreadNotifications(db, request.access!.userId) }),
  );

  app.post(
    '/notifications/:id/read',
    { preHandler: signedIn, schema: { tags, params: IdParam } },
    async (request, reply) => {
      if (!(await markNotificationRead(db, request.access!.userId, request.params.id, app.deps.now()))) throw notFound('Notification');
      return reply.code(204).send();
    },
  );

  app.post(
    '/notifications/read-all',
    { preHandler: signedIn, schema: { tags, body: NotificationsMarkAllBody, response: { 200: NotificationsMarkedRead } } },
    async (request) => {
      const userId = request.access!.userId;
      const marked = await markAllNotificationsRead(db, userId, request.body?.upToId ?? null, app.deps.now());
      return { marked, unread: await countUnreadNotifications(db, userId) };
    },
  );
}
