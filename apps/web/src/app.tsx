import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import { useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { createQueryClient } from './api/query-client';
import { AppRoutes } from './app-routes';
import { i18n } from './i18n/i18n';
import { theme } from './styles/theme';

function LocalizedShell() {
  const { i18n: active } = useTranslation();
  const locale = active.language === 'en' ? enUS : zhCNLocale;
  return (
    <ConfigProvider locale={locale} theme={theme}>
      <AntApp style={{ height: '100%' }}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocalizedShell />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
