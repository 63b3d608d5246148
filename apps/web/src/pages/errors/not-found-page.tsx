import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { usePageTitle } from '../../components/page-container';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('errorPages.notFoundTitle'));
  return (
    <Result
      data-testid="not-found-page"
      status="404"
      title={t('errorPages.notFoundTitle')}
      subTitle={t('errorPages.notFoundDescription')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('errorPages.backHome')}
        </Button>
      }
    />
  );
}
