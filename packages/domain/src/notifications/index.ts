/**
 * What an in-app notification is about. Writers store the kind with its params (and a zh-CN title
 * for old clients); clients render their own locale's text from the kind and link to the subject
 * named by the row's entity type and id.
 */
export const NOTIFICATION_KINDS = [
  'sla.warning_50',
  'sla.warning_80',
  'sla.breached',
  'sla.escalated',
  'complaint.escalated',
  'complaint.top_level_breached',
  'complaint.final_breached',
  'revisit.unsatisfied',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds group by what they are about: the part of the kind before the dot. */
export const NOTIFICATION_CATEGORIES = ['sla', 'complaint', 'revisit'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];
