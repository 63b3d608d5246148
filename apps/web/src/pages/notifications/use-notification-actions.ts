import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { notificationKeys, notificationsApi } from '../../api/notifications';
import { useNotifyError } from '../../lib/use-api-error';

/** Mark one or all read; either refreshes the bell, its dropdown and the notifications page. */
export function useNotificationActions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });

  const markRead = useMutation({
    mutationFn: (notificationId: number) => notificationsApi.markRead(notificationId),
    onSuccess: refresh,
    onError: notifyError,
  });
  const markAllRead = useMutation({
    // Bounded by the newest notification on screen, so one that arrives meanwhile stays unread.
    mutationFn: (upToId: number | undefined) => notificationsApi.markAllRead(upToId),
    onSuccess: (result) => {
      void message.success(t('notifications.markedAllRead', { count: result.marked }));
      return refresh();
    },
    onError: notifyError,
  });
  return { markRead, markAllRead };
}
