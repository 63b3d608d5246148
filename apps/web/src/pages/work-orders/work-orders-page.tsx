import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { slaStates, workOrderKeys, workOrderStatuses, workOrderTypes, workOrdersApi, type WorkOrderSummary } from '../../api/work-orders';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { PageContainer } from '../../components/page-container';
import { SearchBox } from '../../components/search-box';
import { SlaBadge } from '../../components/sla-badge';
import { formatDateTime } from '../../lib/format';
import { rowTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useListParams } from '../../lib/use-list-params';
import { statusColors, useWorkOrderLabels } from './work-order-labels';
import { WorkOrderFormModal } from './work-order-form-modal';

const filterNames = ['q', 'status', 'type', 'slaState', 'assignee', 'orgUnit'] as const;

export function WorkOrdersPage() {
  const { t } = useTranslation();
  const labels = useWorkOrderLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useListParams(filterNames);
  const [creating, setCreating] = useState(false);
  const query = { ...list.filters, sort: 'deadline', page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: workOrderKeys.list(query),
    queryFn: ({ signal }) => workOrdersApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<WorkOrderSummary> = [
    {
      key: 'orderNo',
      title: t('workOrders.columns.orderNo'),
      width: 170,
      render: (_, o) => (
        <Link to={`/work-orders/${o.id}`} className="patron-mono" data-testid={`work-order-link-${o.id}`}>
          {o.orderNo}
        </Link>
      ),
    },
    { key: 'title', title: t('workOrders.columns.title'), width: 240, ellipsis: true, dataIndex: 'title' },
    { key: 'customer', title: t('workOrders.columns.customer'), width: 180, ellipsis: true, render: (_, o) => o.customer.name },
    { key: 'type', title: t('workOrders.columns.type'), width: 100, render: (_, o) => labels.type(o.type) },
    {
      key: 'status',
      title: t('workOrders.columns.status'),
      width: 100,
      render: (_, o) => (
        <Tag color={statusColors[o.status]} data-testid={`work-order-status-${o.id}`}>
          {labels.status(o.status)}
        </Tag>
      ),
    },
    { key: 'sla', title: t('workOrders.columns.sla'), width: 220, render: (_, o) => <SlaBadge sla={o.sla} testId={`work-order-sla-${o.id}`} targetLabel={o.sla && o.sla.target !== 'resolution' ? labels.target(o.sla.target) : undefined} /> },
    { key: 'deadline', title: t('workOrders.columns.deadline'), width: 160, render: (_, o) => formatDateTime(o.sla?.deadline) },
    { key: 'assignee', title: t('workOrders.columns.assignee'), width: 110, render: (_, o) => o.assignee?.displayName ?? t('common.empty') },
    { key: 'acceptedAt', title: t('workOrders.columns.acceptedAt'), width: 160, render: (_, o) => formatDateTime(o.acceptedAt) },
  ];

  const statusValue = list.filters.status ? list.filters.status.split(',') : [];

  return (
    <PageContainer
      title={t('workOrders.title')}
      testId="work-orders-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="work-orders-create">
          {t('workOrders.create')}
        </Button>
      }
    >
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchBox testId="work-orders-search" value={list.filters.q} placeholder={t('workOrders.searchPlaceholder')} onSearch={(q) => list.setFilters({ q })} width={280} />
          <Select
            data-testid="work-orders-filter-status"
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('workOrders.filters.status')}
            value={statusValue}
            onChange={(values: string[]) => list.setFilters({ status: values.join(',') })}
            options={workOrderStatuses.map((v) => ({ value: v, label: labels.status(v) }))}
            style={{ width: 220 }}
          />
          <Select
            data-testid="work-orders-filter-type"
            allowClear
            placeholder={t('workOrders.filters.type')}
            value={list.filters.type || undefined}
            onChange={(value?: string) => list.setFilters({ type: value ?? '' })}
            options={workOrderTypes.map((v) => ({ value: v, label: labels.type(v) }))}
            style={{ width: 140 }}
          />
          <Select
            data-testid="work-orders-filter-sla"
            allowClear
            placeholder={t('workOrders.filters.slaState')}
            value={list.filters.slaState || undefined}
            onChange={(value?: string) => list.setFilters({ slaState: value ?? '' })}
            options={slaStates.map((v) => ({ value: v, label: labels.slaState(v) }))}
            style={{ width: 150 }}
          />
          <OrgUnitTreeSelect
            testId="work-orders-filter-org"
            allowClear
            disableInactive={false}
            placeholder={t('workOrders.filters.orgUnit')}
            value={list.filters.orgUnit || undefined}
            onChange={(code?: string) => list.setFilters({ orgUnit: code ?? '' })}
            style={{ width: 220 }}
          />
          <Checkbox
            data-testid="work-orders-filter-mine"
            checked={list.filters.assignee === 'me'}
            onChange={(e) => list.setFilters({ assignee: e.target.checked ? 'me' : '' })}
            style={{ alignSelf: 'center' }}
          >
            {t('workOrders.filters.mine')}
          </Checkbox>
          <Button onClick={list.reset}>{t('common.reset')}</Button>
        </Flex>
        <FormErrorAlert error={error} />
        <Table<WorkOrderSummary>
          data-testid="work-orders-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 1450 }}
          onRow={(o) => rowTestId(`work-order-row-${o.id}`)}
          pagination={list.pagination(data?.total ?? 0)}
        />
      </Card>
      {creating ? (
        <WorkOrderFormModal
          onClose={() => setCreating(false)}
          onCreated={(order) => {
            void message.success(t('workOrders.created', { orderNo: order.orderNo }));
            setCreating(false);
            void queryClient.invalidateQueries({ queryKey: workOrderKeys.list() });
            void navigate(`/work-orders/${order.id}`);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
