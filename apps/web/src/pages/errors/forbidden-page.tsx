import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { usePageTitle } from '../../components/page-container';

export function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('errorPages.forbiddenTitle'));
  return (
    <Result
      data-testid="forbidden-page"
      status="403"
      title={t('errorPages.forbiddenTitle')}
      subTitle={t('errorPages.forbiddenDescription')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('errorPages.backHome')}
        </Button>
      }
    />
  );
}
