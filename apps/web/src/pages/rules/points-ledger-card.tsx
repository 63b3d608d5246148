import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { rulesApi, type PointsEntry } from '../../api/rules';

// The customer's points: the balance is the sum of the ledger rows below it.
export function PointsLedgerCard({ customerId }: { customerId: number | string }) {
  const { t } = useTranslation();
  const ledger = useQuery({ queryKey: ['customer-points', customerId], queryFn: () => rulesApi.points(customerId) });
  const columns: TableColumnsType<PointsEntry> = [
    { key: 'kind', title: t('rules.kind'), render: (_, e) => <Tag>{t(`rules.entryKinds.${e.kind}`)}</Tag> },
    { key: 'points', title: t('rules.points'), align: 'right', render: (_, e) => <span className="patron-mono">{e.points > 0 ? `+${e.points}` : e.points}</span> },
    { key: 'when', title: t('rules.month'), render: (_, e) => (e.month ?? e.createdAt).slice(0, 10) },
    { key: 'expires', title: t('rules.expiresOn'), render: (_, e) => e.expiresOn ?? '' },
    { key: 'rule', title: t('rules.label'), render: (_, e) => e.ruleSet ?? e.reason ?? '' },
  ];
  return (
    <Card size="small" style={{ height: '100%' }} title={t('rules.points')} extra={<span data-testid="customer-points-balance">{t('rules.balance')}: {ledger.data?.balance ?? '-'}</span>}>
      <Table<PointsEntry> rowKey="id" size="small" loading={ledger.isPending} columns={columns} dataSource={ledger.data?.entries ?? []} pagination={{ pageSize: 6, hideOnSinglePage: true }} />
    </Card>
  );
}
