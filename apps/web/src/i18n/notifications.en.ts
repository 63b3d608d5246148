import type { LocaleResources } from './zh-CN';

export const notificationsEn: Pick<LocaleResources, 'notifications'> = {
  notifications: {
    title: 'Notifications',
    bell: 'Notifications',
    bellUnread: '{{count}} unread notifications',
    latest: 'Latest notifications',
    empty: 'No notifications',
    emptyUnread: 'No unread notifications',
    viewAll: 'View all notifications',
    markRead: 'Mark read',
    markAllRead: 'Mark all read',
    markedAllRead: '{{count}} notifications marked read',
    filterAll: 'All',
    filterUnread: 'Unread',
    unreadTotal: '{{count}} unread',
    read: 'Read',
    unread: 'Unread',
    open: 'Open',
    category: 'Category',
    categories: {
      sla: 'Work-order SLA',
      complaint: 'Complaint',
      revisit: 'Revisit',
      other: 'Other',
    },
    kinds: {
      sla: {
        warning_50: 'Work order {{orderNo}} ({{target}}): 50% of the time limit used',
        warning_80: 'Work order {{orderNo}} ({{target}}): 80% of the time limit used',
        breached: 'Work order {{orderNo}} ({{target}}): time limit passed',
        escalated: 'Escalated: work order {{orderNo}} ({{target}}) passed its time limit',
      },
      complaint: {
        escalated: 'Complaint {{complaintNo}} escalated to level {{level}}',
        escalatedAutomatic: 'Complaint {{complaintNo}} escalated automatically to level {{level}} (time limit passed)',
        top_level_breached: 'Complaint {{complaintNo}} passed the level-3 (province) time limit',
        final_breached: 'Complaint {{complaintNo}} passed the final-answer limit without an answer to the customer',
      },
      revisit: {
        unsatisfied: 'Unsatisfied revisit: {{item}} of customer {{customerNo}} reopened',
      },
    },
    deadline: 'Due {{deadline}}',
  },
};
