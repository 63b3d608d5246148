import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationCategories, notificationKinds, type Notification, type NotificationKind } from '../../api/notifications';
import { formatDateTime } from '../../lib/format';
import { useWorkOrderLabels } from '../work-orders/work-order-labels';

export type NotificationCategory = (typeof notificationCategories)[number] | 'other';
export type NotificationTone = 'warning' | 'danger' | 'info';

/** What a notification shows: its text in the user's locale, a second line, where it leads. */
export interface NotificationView {
  text: string;
  detail: string | null;
  /** The subject's page (work order, complaint, revisit desk); null when the row names none. */
  path: string | null;
  category: NotificationCategory;
  tone: NotificationTone;
}

type Labels = { target: (code: string) => string };

const tones: Record<NotificationKind, NotificationTone> = {
  'sla.warning_50': 'info',
  'sla.warning_80': 'warning',
  'sla.breached': 'danger',
  'sla.escalated': 'danger',
  'complaint.escalated': 'warning',
  'complaint.top_level_breached': 'danger',
  'complaint.final_breached': 'danger',
  'revisit.unsatisfied': 'warning',
};

function isKnownKind(kind: string): kind is NotificationKind {
  return (notificationKinds as readonly string[]).includes(kind);
}

/** A param as text, or null when it is missing (an older row or a writer that left it out). */
function param(params: Record<string, unknown>, name: string): string | null {
  const value = params[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

const subjectPaths: Record<string, (id: string) => string> = {
  work_order: (id) => `/work-orders/${encodeURIComponent(id)}`,
  complaint: (id) => `/complaints/${encodeURIComponent(id)}`,
  revisit: () => '/revisits',
};

export function subjectPath(notification: Pick<Notification, 'entityType' | 'entityId'>): string | null {
  const { entityType, entityId } = notification;
  if (entityType === null || entityId === null) return null;
  return subjectPaths[entityType]?.(entityId) ?? null;
}

/** The locale's text for a known kind with the params it needs; null means "show the stored title". */
function kindText(kind: NotificationKind, params: Record<string, unknown>, t: TFunction, labels: Labels): string | null {
  const orderNo = param(params, 'orderNo');
  const target = param(params, 'target');
  const complaintNo = param(params, 'complaintNo');
  switch (kind) {
    case 'sla.warning_50':
    case 'sla.warning_80':
    case 'sla.breached':
    case 'sla.escalated': {
      if (orderNo === null || target === null) return null;
      const values = { orderNo, target: labels.target(target) };
      if (kind === 'sla.warning_50') return t('notifications.kinds.sla.warning_50', values);
      if (kind === 'sla.warning_80') return t('notifications.kinds.sla.warning_80', values);
      if (kind === 'sla.breached') return t('notifications.kinds.sla.breached', values);
      return t('notifications.kinds.sla.escalated', values);
    }
    case 'complaint.escalated': {
      const level = param(params, 'level');
      if (complaintNo === null || level === null) return null;
      return params.automatic === true
        ? t('notifications.kinds.complaint.escalatedAutomatic', { complaintNo, level })
        : t('notifications.kinds.complaint.escalated', { complaintNo, level });
    }
    case 'complaint.top_level_breached':
      return complaintNo === null ? null : t('notifications.kinds.complaint.top_level_breached', { complaintNo });
    case 'complaint.final_breached':
      return complaintNo === null ? null : t('notifications.kinds.complaint.final_breached', { complaintNo });
    case 'revisit.unsatisfied': {
      const item = param(params, 'item');
      const customerNo = param(params, 'customerNo');
      if (item === null || customerNo === null) return null;
      return t('notifications.kinds.revisit.unsatisfied', { item, customerNo });
    }
  }
}

function categoryOf(kind: string): NotificationCategory {
  const prefix = kind.split('.')[0] ?? '';
  return notificationCategories.find((category) => category === prefix) ?? 'other';
}

/**
 * Renders a notification in the current locale from its kind and params. A kind this client does
 * not know, or a row missing the params, shows the zh-CN title stored with it.
 */
export function viewNotification(notification: Notification, t: TFunction, labels: Labels): NotificationView {
  const { kind, params } = notification;
  const known = isKnownKind(kind) ? kind : null;
  const text = known === null ? null : kindText(known, params, t, labels);
  const deadline = param(params, 'deadline');
  // The revisit's body is the customer's own words: shown as written. The other bodies are zh-CN
  // text that the deadline param replaces.
  let detail = notification.body;
  if (text !== null && kind !== 'revisit.unsatisfied') detail = deadline === null ? null : t('notifications.deadline', { deadline: formatDateTime(deadline) });
  return {
    text: text ?? notification.title,
    detail,
    path: subjectPath(notification),
    category: categoryOf(kind),
    tone: known === null ? 'info' : tones[known],
  };
}

/** viewNotification bound to the current locale. */
export function useNotificationView(): (notification: Notification) => NotificationView {
  const { t } = useTranslation();
  const labels = useWorkOrderLabels();
  return useCallback((notification: Notification) => viewNotification(notification, t, labels), [t, labels]);
}
