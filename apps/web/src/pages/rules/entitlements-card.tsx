import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entitlementsApi, type CustomerBenefit } from '../../api/entitlements';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { useNotifyError } from '../../lib/use-api-error';
import { Blank } from '../customers/customer-fields';
import { CreditControlModal, TemporaryCreditModal } from './credit-control-modals';

// The credit profile and the grade's benefits as the last re-grade left them; revoked grants stay listed as history.
export function EntitlementsCard({ customerId }: { customerId: number | string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: ['customer-entitlements', customerId], queryFn: () => entitlementsApi.get(customerId) });
  const { user } = useSession();
  const canWrite = hasAnyPermission(user, ['customer.write']);
  const canReview = hasAnyPermission(user, ['grade.review']);
  const [open, setOpen] = useState<'temporary' | 'control' | null>(null);
  const queryClient = useQueryClient();
  // The profile above shows the same credit figures and the history the change wrote.
  const changed = () => {
    setOpen(null);
    void queryClient.invalidateQueries({ queryKey: ['customer-entitlements', customerId] });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
  };
  const notifyError = useNotifyError();
  const endTemporary = useMutation({ mutationFn: () => entitlementsApi.endTemporaryCredit(customerId), onSuccess: changed, onError: notifyError });
  // Temporary credit applies through its last day in Asia/Shanghai, whatever the browser's zone.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const data = query.data;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }) : '');
  const credit = data?.credit;
  const columns: TableColumnsType<CustomerBenefit> = [
    { key: 'benefit', title: t('entitlements.benefit'), render: (_, b) => t(`entitlements.benefits.${b.benefit}`) },
    {
      key: 'quota',
      title: t('entitlements.quota'),
      render: (_, b) => (b.yearlyQuota === null ? t('entitlements.unlimited') : t('entitlements.perYear', { count: b.yearlyQuota })),
    },
    { key: 'grade', title: t('entitlements.grantedBy'), render: (_, b) => t(`rules.grades.${b.grade}`) },
    {
      key: 'status',
      title: t('entitlements.status'),
      render: (_, b) => (b.revokedAt === null ? <Tag color="green">{t('entitlements.open')}</Tag> : <Tag>{t('entitlements.revoked')}</Tag>),
    },
    { key: 'grantedAt', title: t('entitlements.grantedAt'), render: (_, b) => when(b.grantedAt) },
    { key: 'revokedAt', title: t('entitlements.revokedAt'), render: (_, b) => when(b.revokedAt) },
  ];
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      title={t('entitlements.title')}
      loading={query.isPending}
      data-testid="customer-entitlements"
      extra={
        credit && (
          <Space size="small">
            {canWrite && (
              <Button size="small" onClick={() => setOpen('temporary')} data-testid="temporary-credit-grant">
                {t('entitlements.actions.grantTemporary')}
              </Button>
            )}
            {canReview && (
              <Button size="small" onClick={() => setOpen('control')} data-testid="credit-control-toggle">
                {t(credit.nonCreditControl ? 'entitlements.actions.control' : 'entitlements.actions.exempt')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {data && credit && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('entitlements.validity')}>
              {data.gradeValidFrom && data.gradeValidTo ? t('entitlements.validityRange', { from: data.gradeValidFrom, to: data.gradeValidTo }) : <Blank />}
            </Descriptions.Item>
            <Descriptions.Item label={t('entitlements.creditScore')}>
              <span data-testid="customer-credit-score">{credit.score ?? <Blank />}</span>
              {credit.nonCreditControl && <Tag style={{ marginLeft: 8 }}>{t('entitlements.nonCreditControl')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('entitlements.creditLimit')}>{credit.limit === null ? <Blank /> : `¥${credit.limit}`}</Descriptions.Item>
            <Descriptions.Item label={t('entitlements.temporaryCredit')}>
              {credit.temporaryLimit && credit.temporaryUntil ? (
                <Space size="small" data-testid="temporary-credit">
                  {t('entitlements.temporaryUntil', { amount: `¥${credit.temporaryLimit}`, until: credit.temporaryUntil })}
                  {credit.temporaryUntil < today && <Tag>{t('entitlements.actions.expired')}</Tag>}
                  {canWrite && (
                    <Popconfirm title={t('entitlements.actions.endConfirm')} onConfirm={() => endTemporary.mutate()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                      <Button type="link" size="small" data-testid="temporary-credit-end">
                        {t('entitlements.actions.end')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ) : (
                <Blank />
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('entitlements.evaluatedOn')}>{credit.evaluatedOn ?? <Blank />}</Descriptions.Item>
            <Descriptions.Item label={t('entitlements.ruleSet')}>{credit.ruleSet ?? <Blank />}</Descriptions.Item>
          </Descriptions>
          <Table<CustomerBenefit>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={data.benefits}
            locale={{ emptyText: t('entitlements.none') }}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
          />
        </>
      )}
      {open === 'temporary' && <TemporaryCreditModal customerId={customerId} onClose={() => setOpen(null)} onDone={changed} />}
      {open === 'control' && credit && (
        <CreditControlModal customerId={customerId} exempt={!credit.nonCreditControl} onClose={() => setOpen(null)} onDone={changed} />
      )}
    </Card>
  );
}
