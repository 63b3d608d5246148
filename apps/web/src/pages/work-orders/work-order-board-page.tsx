import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Checkbox, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { slaStates, workOrderKeys, workOrderStatuses, workOrdersApi, type WorkOrderStatus } from '../../api/work-orders';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { PageContainer } from '../../components/page-container';
import { SlaBadge } from '../../components/sla-badge';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useListParams } from '../../lib/use-list-params';
import { statusColors, useWorkOrderLabels } from './work-order-labels';

// Working states first, then the closed ones (on_hold and reopened sit with the working states).
const boardColumns: readonly WorkOrderStatus[] = workOrderStatuses;
const cardsPerColumn = 8;

function BoardColumn({ status, count, filters }: { status: WorkOrderStatus; count: number; filters: Record<string, string> }) {
  const { t } = useTranslation();
  const labels = useWorkOrderLabels();
  const query = { ...filters, status, sort: 'deadline', page: 1, pageSize: cardsPerColumn };
  const { data, isPending } = useQuery({
    queryKey: workOrderKeys.list(query),
    queryFn: ({ signal }) => workOrdersApi.list(query, signal),
    enabled: count > 0,
  });
  const params = new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), status });
  return (
    <Card
      size="small"
      data-testid={`work-order-board-column-${status}`}
      title={
        <Flex justify="space-between" align="center">
          <Tag color={statusColors[status]}>{labels.status(status)}</Tag>
          <Badge count={count} showZero overflowCount={99999} color={count ? '#1677ff' : '#d9d9d9'} data-testid={`work-order-board-count-${status}`} />
        </Flex>
      }
      style={{ width: 260, flex: '0 0 260px', background: '#fafafa' }}
      styles={{ body: { padding: 8 } }}
    >
      {count === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workOrders.board.empty')} />
      ) : isPending ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={8}>
          {(data?.items ?? []).map((order) => (
            <Link key={order.id} to={`/work-orders/${order.id}`} data-testid={`work-order-card-${order.id}`}>
              <Card size="small" hoverable styles={{ body: { padding: 10 } }}>
                <Typography.Text className="patron-mono" type="secondary" style={{ fontSize: 12 }}>
                  {order.orderNo}
                </Typography.Text>
                <div>
                  <Typography.Text strong ellipsis style={{ maxWidth: 220 }}>
                    {order.title}
                  </Typography.Text>
                </div>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220, fontSize: 12 }}>
                  {order.customer.name} · {labels.type(order.type)}
                </Typography.Text>
                <div style={{ marginTop: 6 }}>
                  <SlaBadge sla={order.sla} testId={`work-order-card-sla-${order.id}`} />
                </div>
              </Card>
            </Link>
          ))}
          {count > cardsPerColumn ? <Link to={`/work-orders?${params.toString()}`}>{t('workOrders.board.more', { count })}</Link> : null}
        </Flex>
      )}
    </Card>
  );
}

export function WorkOrderBoardPage() {
  const { t } = useTranslation();
  const labels = useWorkOrderLabels();
  const list = useListParams(['assignee', 'orgUnit'] as const);
  const filters = list.filters;
  const { data, isPending, error } = useQuery({
    queryKey: workOrderKeys.board(filters),
    queryFn: ({ signal }) => workOrdersApi.board(filters, signal),
  });

  return (
    <PageContainer title={t('workOrders.boardTitle')} testId="work-order-board-page">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <OrgUnitTreeSelect
          testId="work-order-board-org"
          allowClear
          disableInactive={false}
          placeholder={t('workOrders.filters.orgUnit')}
          value={filters.orgUnit || undefined}
          onChange={(code?: string) => list.setFilters({ orgUnit: code ?? '' })}
          style={{ width: 240 }}
        />
        <Checkbox checked={filters.assignee === 'me'} onChange={(e) => list.setFilters({ assignee: e.target.checked ? 'me' : '' })} data-testid="work-order-board-mine">
          {t('workOrders.filters.mine')}
        </Checkbox>
        {data ? (
          <Flex gap={6} wrap align="center">
            <Typography.Text data-testid="work-order-board-total">{t('workOrders.board.total', { total: data.total })}</Typography.Text>
            {slaStates.map((state) => (
              <Tag key={state} color={state === 'on_track' ? 'green' : state === 'breached' ? 'red' : 'orange'}>
                {labels.slaState(state)} {data.bySlaState[state]}
              </Tag>
            ))}
          </Flex>
        ) : null}
      </Flex>
      <FormErrorAlert error={error} />
      {isPending ? (
        <Skeleton active />
      ) : data ? (
        <Flex gap={12} style={{ overflowX: 'auto', paddingBottom: 8 }} align="flex-start">
          {boardColumns.map((status) => (
            <BoardColumn key={status} status={status} count={data.byStatus[status]} filters={filters} />
          ))}
        </Flex>
      ) : null}
    </PageContainer>
  );
}
