export const tmfZhCN = {
  tmfHubs: {
    title: 'TMF 事件订阅',
    description: '集成客户端通过 TM Forum 开放接口（/tmf-api/…/hub）登记的事件接收地址。连续投递失败的订阅标为“投递失败”，事件会继续按退避间隔重试，直到成功或订阅被删除。',
    allEvents: '全部事件',
    states: {
      active: '正常',
      failing: '投递失败',
      removed: '已删除',
    },
    columns: {
      id: 'ID',
      api: '接口',
      callback: '回调地址',
      events: '事件类型',
      owner: '集成客户端',
      state: '状态',
      failures: '连续失败',
      pending: '待投递',
      lastSuccessAt: '最近成功',
      lastError: '最近错误',
    },
  },
} as const;
