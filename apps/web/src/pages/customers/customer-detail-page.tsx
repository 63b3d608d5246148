import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { customersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';
import { customerDetailSections, customerFields } from './customer-fields';

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const { customerId = '' } = useParams();
  const { data, isPending, error } = useQuery({
    queryKey: queryKeys.customer(customerId),
    queryFn: ({ signal }) => customersApi.get(customerId, signal),
  });
  // Back keeps the list's filters and page, which live in the previous history entry.
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/customers'));
  const backButton = (
    <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="customer-back">
      {t('customers.detail.backToList')}
    </Button>
  );

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('customers.detail.notFound')} extra={backButton} data-testid="customer-not-found" />;
  }

  return (
    <PageContainer title={data ? `${data.name}` : t('customers.detail.title')} extra={backButton} testId="customer-detail-page">
      <FormErrorAlert error={error} />
      {isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : data ? (
        <Flex vertical gap={16}>
          {customerDetailSections.map((section) => (
            <Card key={section.titleKey} title={t(`customers.detail.${section.titleKey}`)}>
              <Descriptions column={{ xs: 1, md: 2, xl: 3 }}>
                {section.fields.map((field) => (
                  <Descriptions.Item key={field} label={t(`customers.columns.${field}`)}>
                    <span data-testid={`customer-field-${field}`}>{customerFields[field].render(data, labels)}</span>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
          ))}
        </Flex>
      ) : null}
    </PageContainer>
  );
}
