/** Customer-archive strings added after the main files: the import page's load-limit override, line numbers on work orders. */
export const customerArchiveZhCN = {
  importOverride: {
    toggle: '超出客户经理负载上限仍导入',
    hint: '仅对客户导入生效：客户经理的负载上限不再校验，原因将写入审计日志和客户变更记录。',
    reason: '超限原因',
    reasonRule: '请填写至少 4 个字的原因',
    applied: '已放开负载上限：{{reason}}',
  },
  workOrderLine: {
    label: '业务号码',
  },
};
