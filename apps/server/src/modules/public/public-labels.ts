import type { WorkOrderState } from '@patron/domain';

export interface Label {
  zh: string;
  en: string;
}

/** What the customer reads on the status page; zh-CN is the reference wording. */
export const STATUS_LABELS: Record<WorkOrderState, Label> = {
  received: { zh: '已受理', en: 'Received' },
  appointed: { zh: '已预约', en: 'Appointment made' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  in_progress: { zh: '施工/上门中', en: 'In progress' },
  completed: { zh: '已竣工', en: 'Completed' },
  delivered: { zh: '已交付', en: 'Delivered' },
  revisit_pending: { zh: '待回访', en: 'Awaiting follow-up call' },
  archived: { zh: '已归档', en: 'Closed' },
  on_hold: { zh: '暂停（等待客户）', en: 'On hold (waiting for you)' },
  reopened: { zh: '重新处理', en: 'Reopened' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const TYPE_LABELS: Record<string, Label> = {
  install: { zh: '装机', en: 'Installation' },
  move: { zh: '移机', en: 'Move' },
  change: { zh: '业务变更', en: 'Service change' },
  restore: { zh: '复机', en: 'Restore' },
  fault: { zh: '故障报修', en: 'Fault repair' },
  sim_replacement: { zh: '补换卡', en: 'SIM replacement' },
  query: { zh: '咨询查询', en: 'Enquiry' },
  cross_region: { zh: '跨地区服务', en: 'Cross-region service' },
};
