import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { potentialApi, type PotentialAccount } from '../../api/rules';
import { useSession } from '../../auth/session';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert, useNotifyError } from '../../lib/use-api-error';

// Prospects of the caller's district (an account manager: their own), confirmed by the AM, approved by the district.
export function PotentialAccountsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const canApprove = user?.permissions.includes('grade.review') ?? false;
  const list = useQuery({ queryKey: ['potential-accounts'], queryFn: () => potentialApi.list() });
  const move = useMutation({
    mutationFn: ({ id, event }: { id: number; event: 'confirm' | 'approve' | 'reject' }) => potentialApi.transition(id, event),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['potential-accounts'] }),
    onError: notifyError,
  });
  const columns: TableColumnsType<PotentialAccount> = [
    { key: 'customer', title: t('rules.customer'), render: (_, p) => `${p.customerNo} ${p.name}` },
    { key: 'org', title: t('rules.orgUnit'), dataIndex: 'orgUnit' },
    { key: 'reason', title: t('rules.why'), render: (_, p) => t(`rules.potentialReasons.${p.reason}`) },
    { key: 'month', title: t('rules.month'), render: (_, p) => p.month.slice(0, 7) },
    { key: 'status', title: t('rules.status'), render: (_, p) => <Tag>{t(`rules.potentialStatuses.${p.status}`)}</Tag> },
    {
      key: 'actions',
      title: '',
      render: (_, p) => (
        <Space size="small">
          {p.status === 'qualified' && !canApprove ? (
            <Button size="small" onClick={() => move.mutate({ id: p.customerId, event: 'confirm' })}>
              {t('rules.confirm')}
            </Button>
          ) : null}
          {p.status === 'confirmed' && canApprove ? (
            <Button size="small" type="primary" onClick={() => move.mutate({ id: p.customerId, event: 'approve' })}>
              {t('rules.approve')}
            </Button>
          ) : null}
          {(p.status === 'qualified' || p.status === 'confirmed') && canApprove ? (
            <Button size="small" danger onClick={() => move.mutate({ id: p.customerId, event: 'reject' })}>
              {t('rules.reject')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <PageContainer title={t('rules.potentialTitle')} testId="potential-accounts-page">
      <FormErrorAlert error={list.error} />
      <Table<PotentialAccount> rowKey="customerId" size="middle" loading={list.isPending} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: 900 }} />
    </PageContainer>
  );
}
