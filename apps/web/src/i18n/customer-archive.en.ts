import type { customerArchiveZhCN } from './customer-archive.zh-CN';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const customerArchiveEn: Widen<typeof customerArchiveZhCN> = {
  importOverride: {
    toggle: 'Import even past account managers’ load limits',
    hint: 'Customers imports only: the managers’ load limits are not checked; the reason goes into the audit log and the customers’ history.',
    reason: 'Reason for the override',
    reasonRule: 'Give a reason of at least 4 characters',
    applied: 'Load limits overridden: {{reason}}',
  },
  workOrderLine: {
    label: 'Line number',
  },
};
