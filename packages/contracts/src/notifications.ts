import { z } from 'zod';
import { NOTIFICATION_CATEGORIES } from '@patron/domain';
import { pageOf, PageQuery, Timestamp } from './common';

export const NotificationSchema = z.object({
  id: z.number().int(),
  /** One of NOTIFICATION_KINDS; an open string so a row of a kind the client does not know still lists (with its title). */
  kind: z.string(),
  /** zh-CN text written with the notification: the fallback for kinds a client does not know. */
  title: z.string(),
  body: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});

export const NotificationListQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  /** Only kinds of one category: work-order SLA, complaint or revisit notices. */
  category: z.enum(NOTIFICATION_CATEGORIES).optional(),
});

const UnreadCount = z.number().int().min(0);

export const NotificationPage = pageOf(NotificationSchema).extend({
  /** The caller's unread count over all pages, whatever the filter. */
  unread: UnreadCount,
});

export const NotificationUnreadCount = z.object({ unread: UnreadCount });

export const NotificationsMarkedRead = z.object({ marked: z.number().int().min(0), unread: UnreadCount });

/** Mark all read up to the newest id the client has shown, so one arriving meanwhile stays unread. */
export const NotificationsMarkAllBody = z
  .object({ upToId: z.number().int().positive().optional() })
  .strict()
  // A bare POST (no body) marks everything.
  .nullish();
