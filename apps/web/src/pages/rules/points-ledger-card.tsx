import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rulesApi, type PointsEntry } from '../../api/rules';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { AdjustmentDecision } from './adjustment-decision';
import { PointsChangeModal, type PointsChange } from './points-change-modal';

const statusColors: Record<PointsEntry['status'], string | undefined> = { counted: undefined, pending: 'gold', rejected: 'red' };

// The customer's points: the balance is the sum of the counted ledger rows below it. Account managers redeem
// and request adjustments; a reviewer other than the author approves or rejects a pending adjustment here.
export function PointsLedgerCard({ customerId }: { customerId: number | string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const canWrite = hasAnyPermission(user, ['customer.write']);
  const canReview = hasAnyPermission(user, ['grade.review']);
  const [change, setChange] = useState<PointsChange | null>(null);
  const queryClient = useQueryClient();
  const ledger = useQuery({ queryKey: ['customer-points', customerId], queryFn: () => rulesApi.points(customerId) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['customer-points', customerId] });
  const columns: TableColumnsType<PointsEntry> = [
    { key: 'kind', title: t('rules.kind'), render: (_, e) => <Tag>{t(`rules.entryKinds.${e.kind}`)}</Tag> },
    { key: 'points', title: t('rules.points'), align: 'right', render: (_, e) => <span className="patron-mono">{e.points > 0 ? `+${e.points}` : e.points}</span> },
    { key: 'when', title: t('rules.month'), render: (_, e) => (e.month ?? e.createdAt).slice(0, 10) },
    { key: 'expires', title: t('rules.expiresOn'), render: (_, e) => e.expiresOn ?? '' },
    { key: 'rule', title: t('rules.label'), render: (_, e) => e.ruleSet ?? e.reason ?? '' },
    {
      key: 'status',
      title: t('rules.pointsActions.status'),
      render: (_, e) =>
        e.status === 'pending' && canReview && e.createdBy !== user?.username ? (
          <AdjustmentDecision id={e.id} testId={`points-decide-${e.id}`} inline />
        ) : (
          <Tag color={statusColors[e.status]}>{t(`rules.pointsActions.statuses.${e.status}`)}</Tag>
        ),
    },
  ];
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      title={
        <Space size="middle">
          {t('rules.points')}
          <span data-testid="customer-points-balance">
            {t('rules.balance')}: {ledger.data?.balance ?? '-'}
          </span>
        </Space>
      }
      extra={
        canWrite && (
          <Space size="small">
            <Button size="small" onClick={() => setChange('redeem')} data-testid="points-redeem">
              {t('rules.pointsActions.redeem')}
            </Button>
            <Button size="small" onClick={() => setChange('adjust')} data-testid="points-adjust">
              {t('rules.pointsActions.adjust')}
            </Button>
          </Space>
        )
      }
    >
      <Table<PointsEntry> rowKey="id" size="small" loading={ledger.isPending} columns={columns} dataSource={ledger.data?.entries ?? []} pagination={{ pageSize: 6, hideOnSinglePage: true }} />
      {change && (
        <PointsChangeModal
          customerId={customerId}
          change={change}
          onClose={() => setChange(null)}
          onDone={() => {
            setChange(null);
            refresh();
          }}
        />
      )}
    </Card>
  );
}
