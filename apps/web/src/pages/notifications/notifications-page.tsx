import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { notificationCategories, notificationKeys, notificationsApi, type Notification } from '../../api/notifications';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useListParams } from '../../lib/use-list-params';
import { NotificationItem } from './notification-item';
import { useNotificationView } from './notification-view';
import { useNotificationActions } from './use-notification-actions';

type Filter = 'all' | 'unread';

/** The caller's notifications: all or unread only, newest first, each linking to its subject. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const view = useNotificationView();
  const { markRead, markAllRead } = useNotificationActions();
  const list = useListParams(['unread', 'category'] as const);
  const filter: Filter = list.filters.unread === 'true' ? 'unread' : 'all';
  const query = { unread: filter === 'unread' ? 'true' : '', category: list.filters.category, page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: notificationKeys.list(query),
    queryFn: ({ signal }) => notificationsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const unread = data?.unread ?? 0;
  // Bounded by the newest one listed when that is the newest there is (page 1).
  const newestShown = list.page === 1 ? data?.items[0]?.id : undefined;

  const columns: TableColumnsType<Notification> = [
    {
      key: 'notice',
      render: (_, notification) => <NotificationItem notification={notification} view={view(notification)} />,
    },
    {
      key: 'actions',
      width: 180,
      render: (_, notification) => {
        const path = view(notification).path;
        const unreadRow = notification.readAt === null;
        return (
          <Space size={4}>
            {path ? (
              <Link
                to={path}
                onClick={() => unreadRow && markRead.mutate(notification.id)}
                data-testid={`notification-subject-${notification.id}`}
              >
                {t('notifications.open')}
              </Link>
            ) : null}
            {unreadRow ? (
              <Button type="link" size="small" onClick={() => markRead.mutate(notification.id)} data-testid={`notification-read-${notification.id}`}>
                {t('notifications.markRead')}
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <PageContainer
      title={t('notifications.title')}
      testId="notifications-page"
      extra={
        <Button
          disabled={unread === 0}
          loading={markAllRead.isPending}
          onClick={() => markAllRead.mutate(newestShown)}
          data-testid="notifications-mark-all-read"
        >
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <Card>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
          <Segmented<Filter>
            data-testid="notifications-filter"
            value={filter}
            onChange={(value) => list.setFilters({ unread: value === 'unread' ? 'true' : '' })}
            options={[
              { value: 'all', label: t('notifications.filterAll') },
              { value: 'unread', label: t('notifications.filterUnread') },
            ]}
          />
          <Select
            data-testid="notifications-filter-category"
            allowClear
            placeholder={t('notifications.category')}
            value={list.filters.category || undefined}
            onChange={(value?: string) => list.setFilters({ category: value ?? '' })}
            options={notificationCategories.map((category) => ({
              value: category,
              label: <span data-testid={`notifications-category-${category}`}>{t(`notifications.categories.${category}`)}</span>,
            }))}
            style={{ width: 160 }}
          />
          <Typography.Text type="secondary" data-testid="notifications-unread-total">
            {t('notifications.unreadTotal', { count: unread })}
          </Typography.Text>
        </Flex>
        <FormErrorAlert error={error} />
        <Table<Notification>
          data-testid="notifications-table"
          rowKey="id"
          size="middle"
          // A list of messages: each row says what it is, a header would only repeat it.
          showHeader={false}
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          locale={{ emptyText: filter === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty') }}
          pagination={list.pagination(data?.total ?? 0)}
        />
      </Card>
    </PageContainer>
  );
}
