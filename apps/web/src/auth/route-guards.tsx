import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useErrorText } from '../lib/use-api-error';
import { ForbiddenPage } from '../pages/errors/forbidden-page';
import { canOpen, type PageKey } from './permissions';
import { useSession, wasSignedOutOnPurpose } from './session';

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" description={t('app.loading')} />
    </Flex>
  );
}

// The server checks every request anyway; this only spares users screens full of 403 errors.
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, isPending, error, refetch } = useSession();
  const location = useLocation();
  const errorText = useErrorText();
  const { t } = useTranslation();
  if (isPending) return <FullPageSpin />;
  if (error && !user) {
    return (
      <Result
        status="warning"
        title={errorText(error)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            {t('common.refresh')}
          </Button>
        }
      />
    );
  }
  if (!user) return <Navigate to="/login" replace state={wasSignedOutOnPurpose() ? null : { from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}

// Keeps the address so the user sees which page was refused (and can share it with an admin).
export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const { user } = useSession();
  return canOpen(user, page) ? <>{children}</> : <ForbiddenPage />;
}
