import { useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { rulesApi, type PendingAdjustment } from '../../api/rules';
import { useSession } from '../../auth/session';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert } from '../../lib/use-api-error';
import { AdjustmentDecision } from './adjustment-decision';

// Points adjustments awaiting approval under the reviewer's org, oldest first; an author cannot approve their own.
export function PointsAdjustmentsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const list = useQuery({ queryKey: ['points-adjustments'], queryFn: () => rulesApi.pendingAdjustments() });
  const columns: TableColumnsType<PendingAdjustment> = [
    { key: 'customer', title: t('rules.customer'), render: (_, a) => <Link to={`/customers/${a.customerId}`}>{`${a.customerNo} ${a.name}`}</Link> },
    { key: 'org', title: t('rules.orgUnit'), dataIndex: 'orgUnit' },
    { key: 'points', title: t('rules.points'), align: 'right', render: (_, a) => <span className="patron-mono">{a.points > 0 ? `+${a.points}` : a.points}</span> },
    { key: 'reason', title: t('rules.pointsActions.reason'), dataIndex: 'reason' },
    { key: 'by', title: t('rules.pointsActions.requestedBy'), dataIndex: 'createdBy' },
    { key: 'at', title: t('rules.pointsActions.requestedAt'), render: (_, a) => new Date(a.createdAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }) },
    {
      key: 'actions',
      title: '',
      render: (_, a) =>
        a.createdBy === user?.username ? null : (
          <AdjustmentDecision id={a.id} testId={`points-adjustment-${a.id}`} />
        ),
    },
  ];
  return (
    <PageContainer title={t('nav.pointsAdjustments')} testId="points-adjustments-page">
      <FormErrorAlert error={list.error} />
      <Table<PendingAdjustment>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('rules.pointsActions.nonePending') }}
        scroll={{ x: 900 }}
      />
    </PageContainer>
  );
}
