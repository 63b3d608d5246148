import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { tmfHubsApi, tmfHubsQueryKey, type TmfHub, type TmfHubState } from '../../api/tmf-hubs';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { FormErrorAlert } from '../../lib/use-api-error';

const stateColors: Record<TmfHubState, string> = { active: 'success', failing: 'error', removed: 'default' };
const refreshMs = 30_000;

/** TMF listeners registered by integration clients: failing ones first, with their last error. */
export function TmfHubsPage() {
  const { t } = useTranslation();
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: tmfHubsQueryKey,
    queryFn: ({ signal }) => tmfHubsApi.list(signal),
    refetchInterval: refreshMs,
  });

  const columns: TableColumnsType<TmfHub> = [
    { key: 'id', title: t('tmfHubs.columns.id'), width: 70, render: (_, hub) => <span className="patron-mono">{hub.id}</span> },
    { key: 'api', title: t('tmfHubs.columns.api'), width: 150, render: (_, hub) => <span className="patron-mono">{hub.api}</span> },
    {
      key: 'callback',
      title: t('tmfHubs.columns.callback'),
      render: (_, hub) => (
        <Typography.Text className="patron-mono" ellipsis={{ tooltip: hub.callback }} style={{ maxWidth: 280 }}>
          {hub.callback}
        </Typography.Text>
      ),
    },
    { key: 'events', title: t('tmfHubs.columns.events'), render: (_, hub) => hub.eventTypes?.join(', ') ?? t('tmfHubs.allEvents') },
    { key: 'owner', title: t('tmfHubs.columns.owner'), width: 160, render: (_, hub) => hub.owner },
    {
      key: 'state',
      title: t('tmfHubs.columns.state'),
      width: 110,
      render: (_, hub) => (
        <Tag color={stateColors[hub.state]} data-testid={`tmf-hub-state-${hub.id}`}>
          {t(`tmfHubs.states.${hub.state}`)}
        </Tag>
      ),
    },
    { key: 'failures', title: t('tmfHubs.columns.failures'), width: 100, render: (_, hub) => hub.consecutiveFailures },
    { key: 'pending', title: t('tmfHubs.columns.pending'), width: 100, render: (_, hub) => hub.pendingDeliveries },
    { key: 'lastSuccessAt', title: t('tmfHubs.columns.lastSuccessAt'), width: 170, render: (_, hub) => formatDateTime(hub.lastSuccessAt) },
    {
      key: 'lastError',
      title: t('tmfHubs.columns.lastError'),
      render: (_, hub) =>
        hub.lastError ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: hub.lastError }} style={{ maxWidth: 240 }}>
            {hub.lastError}
          </Typography.Text>
        ) : (
          t('common.empty')
        ),
    },
  ];

  return (
    <PageContainer
      title={t('tmfHubs.title')}
      testId="tmf-hubs-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void refetch()} loading={isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Card>
        <Typography.Paragraph type="secondary">{t('tmfHubs.description')}</Typography.Paragraph>
        <FormErrorAlert error={error} />
        <Table<TmfHub>
          data-testid="tmf-hubs-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching && !data}
          pagination={false}
          scroll={{ x: 1300 }}
        />
      </Card>
    </PageContainer>
  );
}
