import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function CrashResult() {
  const { t } = useTranslation();
  return (
    <Result
      data-testid="crash-page"
      status="error"
      title={t('errorPages.crashTitle')}
      subTitle={t('errorPages.crashDescription')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('errorPages.reload')}
        </Button>
      }
    />
  );
}

// A failed lazy chunk (stale tab after a deploy) or a render bug stays inside the content area, so
// the navigation keeps working. The parent remounts it with a new key on every route change.
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Page crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashResult /> : this.props.children;
  }
}
