import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { compensationStatuses, compensationsApi, workOrderKeys, type Compensation } from '../../api/work-orders';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { buttonTestId, rowTestId } from '../../lib/test-id';
import { FormErrorAlert, useNotifyError } from '../../lib/use-api-error';
import { useListParams } from '../../lib/use-list-params';
import { useWorkOrderLabels } from './work-order-labels';

const statusColor: Record<string, string> = { drafted: 'default', agreed: 'blue', settled: 'green' };

export function CompensationsPage() {
  const { t } = useTranslation();
  const labels = useWorkOrderLabels();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const list = useListParams(['status'] as const);
  const query = { ...list.filters, page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: workOrderKeys.compensations(query),
    queryFn: ({ signal }) => compensationsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const move = useMutation({
    mutationFn: ({ id, to }: { id: number; to: 'agreed' | 'settled' }) => compensationsApi.transition(id, { to }),
    onSuccess: () => {
      void message.success(t('workOrders.compensations.moved'));
      void queryClient.invalidateQueries({ queryKey: workOrderKeys.compensations() });
    },
    onError: notifyError,
  });

  const columns: TableColumnsType<Compensation> = [
    {
      key: 'orderNo',
      title: t('workOrders.compensations.orderNo'),
      width: 170,
      render: (_, c) => (
        <Link to={`/work-orders/${c.workOrderId}`} className="patron-mono">
          {c.orderNo}
        </Link>
      ),
    },
    { key: 'customerNo', title: t('workOrders.compensations.customerNo'), width: 150, render: (_, c) => <span className="patron-mono">{c.customerNo}</span> },
    {
      key: 'tier',
      title: t('workOrders.compensations.tier'),
      width: 170,
      render: (_, c) => (c.slaService ? `${labels.service(c.slaService)} · ${c.slaTier ? labels.tier(c.slaTier) : ''}` : t('common.empty')),
    },
    { key: 'overdue', title: t('workOrders.compensations.overdueWorkdays'), width: 110, dataIndex: 'overdueWorkdays', align: 'right' },
    {
      key: 'amount',
      title: t('workOrders.compensations.amount'),
      width: 150,
      align: 'right',
      render: (_, c) => (
        <Space size={4}>
          <span className="patron-mono">{c.amount}</span>
          {c.final ? null : <Tag color="orange">{t('workOrders.detail.compensationGrowing')}</Tag>}
        </Space>
      ),
    },
    { key: 'cap', title: t('workOrders.compensations.cap'), width: 120, align: 'right', render: (_, c) => <span className="patron-mono">{c.cap}</span> },
    {
      key: 'status',
      title: t('workOrders.compensations.status'),
      width: 100,
      render: (_, c) => (
        <Tag color={statusColor[c.status]} data-testid={`compensation-status-${c.id}`}>
          {labels.compensationStatus(c.status)}
        </Tag>
      ),
    },
    { key: 'updatedAt', title: t('workOrders.compensations.updatedAt'), width: 170, render: (_, c) => formatDateTime(c.updatedAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 120,
      render: (_, c) =>
        c.allowedTransitions.map((to) => (
          <Popconfirm
            key={to}
            title={to === 'agreed' ? t('workOrders.compensations.agreeConfirm') : t('workOrders.compensations.settleConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => move.mutate({ id: c.id, to })}
            okButtonProps={buttonTestId('compensation-confirm')}
          >
            <Button type="link" size="small" data-testid={`compensation-${to}-${c.id}`}>
              {to === 'agreed' ? t('workOrders.compensations.agree') : t('workOrders.compensations.settle')}
            </Button>
          </Popconfirm>
        )),
    },
  ];

  return (
    <PageContainer title={t('workOrders.compensationsTitle')} testId="compensations-page">
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            data-testid="compensations-filter-status"
            allowClear
            placeholder={t('workOrders.compensations.status')}
            value={list.filters.status || undefined}
            onChange={(value?: string) => list.setFilters({ status: value ?? '' })}
            options={compensationStatuses.map((v) => ({ value: v, label: labels.compensationStatus(v) }))}
            style={{ width: 160 }}
          />
        </Flex>
        <FormErrorAlert error={error} />
        <Table<Compensation>
          data-testid="compensations-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 1200 }}
          onRow={(c) => rowTestId(`compensation-row-${c.id}`)}
          pagination={list.pagination(data?.total ?? 0)}
        />
      </Card>
    </PageContainer>
  );
}
