import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { SessionUser } from '../api/types';
import { useSession } from '../auth/session';
import { applyLocale, i18n } from '../i18n/i18n';
import type { AppLocale } from '../i18n/locale';

// Switches at once, then remembers the choice on the account so it follows the user to other desks.
export function useSwitchLocale(): (locale: AppLocale) => Promise<void> {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    async (locale: AppLocale) => {
      await applyLocale(locale);
      const user = queryClient.getQueryData<SessionUser | null>(queryKeys.me);
      if (!user || user.locale === locale) return;
      try {
        const { user: updated } = await authApi.updateMe({ locale });
        queryClient.setQueryData(queryKeys.me, updated);
      } catch {
        void message.warning(t('userMenu.languageSaveFailed'));
      }
    },
    [queryClient, message, t],
  );
}

// After sign-in (or a reload) the account's language wins over whatever this browser used last,
// because call-centre desks are shared between people.
export function useAccountLocale(): void {
  const { user } = useSession();
  const locale = user?.locale;
  useEffect(() => {
    if (locale && locale !== i18n.language) void applyLocale(locale);
  }, [locale]);
}
