import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { entitlementsApi, type CustomerBenefit } from '../../api/entitlements';
import { Blank } from '../customers/customer-fields';

// The credit profile and the grade's benefits as the last re-grade left them; revoked grants stay listed as history.
export function EntitlementsCard({ customerId }: { customerId: number | string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: ['customer-entitlements', customerId], queryFn: () => entitlementsApi.get(customerId) });
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
    <Card size="small" style={{ height: '100%' }} title={t('entitlements.title')} loading={query.isPending} data-testid="customer-entitlements">
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
              {credit.temporaryLimit && credit.temporaryUntil ? t('entitlements.temporaryUntil', { amount: `¥${credit.temporaryLimit}`, until: credit.temporaryUntil }) : <Blank />}
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
    </Card>
  );
}
