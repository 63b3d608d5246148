import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Divider, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { notificationKeys, notificationsApi, type Notification } from '../api/notifications';
import { NotificationItem } from '../pages/notifications/notification-item';
import { useNotificationView } from '../pages/notifications/notification-view';
import { useNotificationActions } from '../pages/notifications/use-notification-actions';

const pollMs = 60_000;
const latestQuery = { page: 1, pageSize: 8 };

function LatestNotifications({ onLeave }: { onLeave: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const view = useNotificationView();
  const { markRead, markAllRead } = useNotificationActions();
  const { data, isPending } = useQuery({
    queryKey: notificationKeys.list(latestQuery),
    queryFn: ({ signal }) => notificationsApi.list(latestQuery, signal),
  });

  const open = (notification: Notification, path: string | null) => {
    if (notification.readAt === null) markRead.mutate(notification.id);
    if (path === null) return;
    onLeave();
    void navigate(path);
  };

  return (
    <Flex vertical style={{ width: 380, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-dropdown">
      {isPending ? (
        <Spin style={{ padding: 24 }} />
      ) : data && data.items.length > 0 ? (
        <Flex vertical style={{ maxHeight: 420, overflowY: 'auto' }}>
          {data.items.map((notification) => {
            const shown = view(notification);
            return (
              <button
                key={notification.id}
                type="button"
                className="patron-notification-row"
                onClick={() => open(notification, shown.path)}
                data-testid={`notification-open-${notification.id}`}
              >
                <NotificationItem notification={notification} view={shown} />
              </button>
            );
          })}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Flex justify="space-between">
        <Button
          type="link"
          size="small"
          disabled={!data || data.unread === 0}
          loading={markAllRead.isPending}
          onClick={() => markAllRead.mutate(data?.items[0]?.id)}
          data-testid="notification-mark-all-read"
        >
          {t('notifications.markAllRead')}
        </Button>
        <Button
          type="link"
          size="small"
          onClick={() => {
            onLeave();
            void navigate('/notifications');
          }}
          data-testid="notification-view-all"
        >
          {t('notifications.viewAll')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** The header bell: the unread count, polled each minute and on navigation, and the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { data } = useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: ({ signal }) => notificationsApi.unreadCount(signal),
    refetchInterval: pollMs,
  });

  // Moving to another page is a natural moment to look again; the first render has just fetched.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    void queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount });
  }, [pathname, queryClient]);

  const unread = data?.unread ?? 0;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      destroyOnHidden
      title={<Typography.Text strong>{t('notifications.latest')}</Typography.Text>}
      content={<LatestNotifications onLeave={() => setOpen(false)} />}
    >
      <Badge count={unread} size="small" overflowCount={99} data-testid="notification-badge">
        <Button
          type="text"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
          data-testid="notification-bell"
          data-unread={unread}
        />
      </Badge>
    </Popover>
  );
}
