export const notificationsZhCN = {
  notifications: {
    title: '通知',
    bell: '通知',
    bellUnread: '{{count}} 条未读通知',
    latest: '最新通知',
    empty: '暂无通知',
    emptyUnread: '没有未读通知',
    viewAll: '查看全部通知',
    markRead: '标为已读',
    markAllRead: '全部标为已读',
    markedAllRead: '已将 {{count}} 条通知标为已读',
    filterAll: '全部',
    filterUnread: '未读',
    unreadTotal: '未读 {{count}} 条',
    read: '已读',
    unread: '未读',
    open: '查看',
    categories: {
      sla: '工单时限',
      complaint: '投诉',
      revisit: '回访',
      other: '其他',
    },
    kinds: {
      sla: {
        warning_50: '工单 {{orderNo}} {{target}}已用去 50%',
        warning_80: '工单 {{orderNo}} {{target}}已用去 80%',
        breached: '工单 {{orderNo}} {{target}}已超时',
        escalated: '升级：工单 {{orderNo}} {{target}}已超时',
      },
      complaint: {
        escalated: '投诉 {{complaintNo}} 已升级至第 {{level}} 级',
        escalatedAutomatic: '投诉 {{complaintNo}} 已超时自动升级至第 {{level}} 级',
        top_level_breached: '投诉 {{complaintNo}} 已超过第 3 级（省公司）处理时限',
        final_breached: '投诉 {{complaintNo}} 已超过最终答复时限，仍未答复客户',
      },
      revisit: {
        unsatisfied: '回访不满意：客户 {{customerNo}} 的 {{item}} 已重新打开',
      },
    },
    deadline: '时限 {{deadline}}',
  },
} as const;
