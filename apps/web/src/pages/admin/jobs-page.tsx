import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { jobsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import { jobStates, type Job, type JobState } from '../../api/types';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { rowTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';
import { useListParams } from '../../lib/use-list-params';

const stateColors: Record<JobState, string> = { queued: 'default', running: 'processing', completed: 'success', failed: 'error' };
const refreshMs = 10_000;

export function JobsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const list = useListParams(['state'] as const);
  const query = { state: list.filters.state, page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: queryKeys.jobs(query),
    queryFn: ({ signal }) => jobsApi.list(query, signal),
    placeholderData: keepPreviousData,
    // Operators watch this page while a batch runs; polling stops when the tab is hidden.
    refetchInterval: refreshMs,
  });

  const columns: TableColumnsType<Job> = [
    { key: 'id', title: t('jobs.columns.id'), width: 90, render: (_, j) => <span className="patron-mono">{j.id}</span> },
    { key: 'name', title: t('jobs.columns.name'), render: (_, j) => <span className="patron-mono">{j.name}</span> },
    { key: 'state', title: t('jobs.columns.state'), width: 110, render: (_, j) => <Tag color={stateColors[j.state] ?? 'default'}>{labels.jobState(j.state)}</Tag> },
    { key: 'attempts', title: t('jobs.columns.attempts'), width: 100, render: (_, j) => `${j.attempts} / ${j.maxAttempts}` },
    { key: 'runAt', title: t('jobs.columns.runAt'), width: 180, render: (_, j) => formatDateTime(j.runAt) },
    { key: 'createdAt', title: t('jobs.columns.createdAt'), width: 180, render: (_, j) => formatDateTime(j.createdAt) },
    { key: 'finishedAt', title: t('jobs.columns.finishedAt'), width: 180, render: (_, j) => formatDateTime(j.finishedAt) },
    {
      key: 'lastError',
      title: t('jobs.columns.lastError'),
      render: (_, j) =>
        j.lastError ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: j.lastError }} style={{ maxWidth: 320 }}>
            {j.lastError}
          </Typography.Text>
        ) : (
          t('common.empty')
        ),
    },
  ];

  return (
    <PageContainer
      title={t('jobs.title')}
      testId="jobs-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void refetch()} loading={isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Card>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
          <Segmented<string>
            data-testid="jobs-filter-state"
            value={list.filters.state}
            onChange={(state) => list.setFilters({ state })}
            options={[{ value: '', label: t('common.all') }, ...jobStates.map((state) => ({ value: state, label: labels.jobState(state) }))]}
          />
          <Typography.Text type="secondary">{t('jobs.autoRefresh')}</Typography.Text>
        </Flex>
        <FormErrorAlert error={error} />
        <Table<Job>
          data-testid="jobs-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 1200 }}
          onRow={(j) => rowTestId(`job-row-${j.id}`)}
          pagination={list.pagination(data?.total ?? 0)}
        />
      </Card>
    </PageContainer>
  );
}
