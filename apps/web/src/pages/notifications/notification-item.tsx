import { Badge, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Notification } from '../../api/notifications';
import { formatDateTime } from '../../lib/format';
import type { NotificationTone, NotificationView } from './notification-view';

const toneColors: Record<NotificationTone, string> = { info: 'blue', warning: 'orange', danger: 'red' };

/** One notification as text: category, message, second line and time; unread ones carry a dot. */
export function NotificationItem({ notification, view }: { notification: Notification; view: NotificationView }) {
  const { t } = useTranslation();
  const unread = notification.readAt === null;
  return (
    <Flex gap={8} align="start" data-testid={`notification-${notification.id}`} data-unread={unread ? 'true' : 'false'}>
      <Badge status={unread ? 'processing' : 'default'} aria-label={unread ? t('notifications.unread') : t('notifications.read')} style={{ marginTop: 2 }} />
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text strong={unread} data-testid="notification-text">
          <Tag color={toneColors[view.tone]} style={{ marginInlineEnd: 6 }}>
            {t(`notifications.categories.${view.category}`)}
          </Tag>
          {view.text}
        </Typography.Text>
        {view.detail ? (
          <Typography.Text type="secondary" ellipsis={{ tooltip: view.detail }}>
            {view.detail}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(notification.createdAt)}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
