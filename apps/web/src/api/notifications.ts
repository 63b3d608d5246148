// The caller's in-app notifications. Wire types mirror packages/contracts/src/notifications.ts.
import { http, type QueryParams } from './http-client';
import type { Page } from './types';

export const notificationKinds = [
  'sla.warning_50',
  'sla.warning_80',
  'sla.breached',
  'sla.escalated',
  'complaint.escalated',
  'complaint.top_level_breached',
  'complaint.final_breached',
  'revisit.unsatisfied',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
/** The part of a kind before the dot; the list can be filtered by it. */
export const notificationCategories = ['sla', 'complaint', 'revisit'] as const;

export interface Notification {
  id: number;
  /** One of notificationKinds, or a kind this client does not know yet (then the title is shown). */
  kind: string;
  title: string;
  body: string | null;
  params: Record<string, unknown>;
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<Notification> {
  unread: number;
}

export interface NotificationsMarkedRead {
  marked: number;
  unread: number;
}

export const notificationsApi = {
  list: (query: QueryParams, signal?: AbortSignal) => http.get<NotificationPage>('/notifications', query, signal),
  unreadCount: (signal?: AbortSignal) => http.get<{ unread: number }>('/notifications/unread-count', undefined, signal),
  markRead: (notificationId: number) => http.post<void>(`/notifications/${encodeURIComponent(String(notificationId))}/read`),
  markAllRead: (upToId?: number) => http.post<NotificationsMarkedRead>('/notifications/read-all', upToId === undefined ? {} : { upToId }),
};

// Everything under one root, so a read anywhere refreshes the bell, the dropdown and the page.
export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  list: (query: QueryParams) => ['notifications', 'list', query] as const,
};
