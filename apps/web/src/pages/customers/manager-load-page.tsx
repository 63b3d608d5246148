import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Progress, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { managersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { ManagerLoad } from '../../api/types';
import type { ChartOption } from '../../components/echart';
import { EChart } from '../../components/echart';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { PageContainer } from '../../components/page-container';
import { rowTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { gradeColors } from '../../styles/theme';
import { ReassignmentTasksCard } from './reassignment-tasks-card';

function LoadBar({ value, limit, testId }: { value: number; limit: number; testId: string }) {
  const percent = limit > 0 ? Math.round((value / limit) * 100) : value > 0 ? 100 : 0;
  return (
    <Flex align="center" gap={8} data-testid={testId}>
      <Progress percent={Math.min(percent, 100)} status={value > limit ? 'exception' : percent >= 90 ? 'active' : 'normal'} showInfo={false} size="small" style={{ flex: 1, minWidth: 100, margin: 0 }} />
      <Typography.Text type={value > limit ? 'danger' : undefined} className="patron-mono" style={{ whiteSpace: 'nowrap' }}>
        {value}/{limit}
      </Typography.Text>
    </Flex>
  );
}

// Each account manager's diamond/gold/silver and guest load against the limits assignment enforces.
export function ManagerLoadPage() {
  const { t } = useTranslation();
  const [orgUnit, setOrgUnit] = useState<string | undefined>();
  const query = { orgUnit };
  const { data, isFetching, error } = useQuery({
    queryKey: queryKeys.managerLoad(query),
    queryFn: ({ signal }) => managersApi.load(query, signal),
  });
  const items = useMemo(() => data?.items ?? [], [data]);

  const columns: TableColumnsType<ManagerLoad> = [
    {
      key: 'manager',
      title: t('customers.managerLoad.manager'),
      render: (_: unknown, row: ManagerLoad) => (
        <span>
          {row.displayName}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.username}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'orgUnit', title: t('customers.managerLoad.orgUnit'), dataIndex: 'orgUnitName' },
    { key: 'vip', title: t('customers.managerLoad.vipLoad'), render: (_: unknown, row: ManagerLoad) => <LoadBar value={row.vip} limit={row.vipLimit} testId={`load-vip-${row.username}`} />, width: 240 },
    { key: 'guest', title: t('customers.managerLoad.guestLoad'), render: (_: unknown, row: ManagerLoad) => <LoadBar value={row.guest} limit={row.guestLimit} testId={`load-guest-${row.username}`} />, width: 240 },
  ];

  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: items.length > 8 ? 72 : 32 },
      xAxis: { type: 'category', data: items.map((row) => row.displayName), axisLabel: { interval: 0, rotate: items.length > 8 ? 40 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('customers.managerLoad.vipLoad'),
          type: 'bar',
          data: items.map((row) => row.vip),
          itemStyle: { color: gradeColors.gold },
        },
        { name: t('customers.managerLoad.guestLoad'), type: 'bar', data: items.map((row) => row.guest), itemStyle: { color: gradeColors.guest } },
      ],
    }),
    [items, t],
  );

  return (
    <PageContainer title={t('customers.managerLoad.title')} testId="manager-load-page">
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex gap={12} wrap align="center">
            <OrgUnitTreeSelect testId="manager-load-org" allowClear placeholder={t('customers.filters.orgUnit')} value={orgUnit} onChange={(value?: string) => setOrgUnit(value || undefined)} style={{ width: 260 }} disableInactive={false} />
            {data ? (
              <Typography.Text type="secondary" data-testid="manager-load-limits">
                {t('customers.managerLoad.limits', { vip: String(data.limits.vip), guest: String(data.limits.guest) })}
              </Typography.Text>
            ) : null}
          </Flex>
        </Card>
        <FormErrorAlert error={error} />
        <ReassignmentTasksCard />
        <Card size="small" title={t('customers.managerLoad.chartTitle')}>
          {items.length ? <EChart option={option} height={300} testId="manager-load-chart" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.managerLoad.empty')} />}
        </Card>
        <Card size="small">
          <Table<ManagerLoad>
            data-testid="manager-load-table"
            rowKey="username"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={isFetching}
            locale={{ emptyText: <Empty description={t('customers.managerLoad.empty')} /> }}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            onRow={(row) => rowTestId(`manager-load-row-${row.username}`)}
            scroll={{ x: 720 }}
          />
        </Card>
      </Flex>
    </PageContainer>
  );
}
