import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { movements, rulesApi, type RegradeItem, type RegradeRun } from '../../api/rules';
import { useSession } from '../../auth/session';
import { buttonTestId } from '../../lib/test-id';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert, useNotifyError } from '../../lib/use-api-error';

const PAGE_SIZE = 20;

function RunItems({ run }: { run: RegradeRun }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { modal } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const items = useQuery({ queryKey: ['regrade-items', run.id, page], queryFn: () => rulesApi.items(run.id, page, PAGE_SIZE) });
  const decide = useMutation({
    mutationFn: ({ item, decision, reason }: { item: RegradeItem; decision: 'apply' | 'keep'; reason?: string }) => rulesApi.decide(run.id, item.customerId, decision, reason),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['regrade-items', run.id] }),
    onError: notifyError,
  });
  const canReview = run.status === 'proposed' && (user?.permissions.includes('grade.review') ?? false);
  const keep = (item: RegradeItem) => {
    let reason = '';
    modal.confirm({
      title: `${t('rules.keep')}: ${item.customerNo} ${item.name}`,
      content: <Input data-testid="regrade-keep-reason" placeholder={t('rules.keepReason')} onChange={(e) => (reason = e.target.value)} />,
      okButtonProps: buttonTestId('regrade-keep-ok'),
      onOk: () => decide.mutateAsync({ item, decision: 'keep', reason: reason.trim() }),
    });
  };
  const columns: TableColumnsType<RegradeItem> = [
    { key: 'customer', title: t('rules.customer'), render: (_, r) => `${r.customerNo} ${r.name}` },
    { key: 'org', title: t('rules.orgUnit'), dataIndex: 'orgUnit' },
    { key: 'movement', title: '', render: (_, r) => t(`rules.movements.${r.movement}`) },
    { key: 'grades', title: `${t('rules.from')} → ${t('rules.to')}`, render: (_, r) => `${t(`rules.grades.${r.fromGrade}`)} → ${t(`rules.grades.${r.toGrade}`)}` },
    { key: 'star', title: t('rules.star'), render: (_, r) => `${r.fromStar ?? '-'} → ${r.toStar ?? '-'}` },
    { key: 'why', title: t('rules.why'), render: (_, r) => t(`rules.reasons.${r.reason as 'tier'}`, { defaultValue: r.reason }) },
    {
      key: 'decision',
      title: t('rules.decision'),
      render: (_, r) =>
        r.decision === 'keep' ? (
          <Tag color="orange" data-testid={`regrade-kept-${r.customerNo}`}>
            {t('rules.kept')}: {r.decisionReason}
          </Tag>
        ) : canReview ? (
          <Button size="small" data-testid={`regrade-keep-${r.customerNo}`} onClick={() => keep(r)}>
            {t('rules.keep')}
          </Button>
        ) : (
          t('rules.applyItem')
        ),
    },
  ];
  return (
    <Table<RegradeItem>
      data-testid="regrade-items"
      rowKey="customerId"
      size="small"
      loading={items.isPending}
      columns={columns}
      dataSource={items.data?.items ?? []}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: items.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      scroll={{ x: 1000 }}
    />
  );
}

// Rule managers propose a month's re-grade; district managers review their district's moves (keeping a
// customer's grade needs a reason); a rule manager applies the proposal.
export function RegradePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [selected, setSelected] = useState<number | null>(null);
  const canManage = user?.permissions.includes('rule.manage') ?? false;
  const runs = useQuery({ queryKey: ['regrade-runs'], queryFn: () => rulesApi.runs() });
  const start = useMutation({
    mutationFn: () => rulesApi.startRun(month.format('YYYY-MM')),
    onSuccess: (run) => {
      setSelected(run.id);
      void queryClient.invalidateQueries({ queryKey: ['regrade-runs'] });
    },
  });
  const transition = useMutation({
    mutationFn: ({ id, event }: { id: number; event: 'apply' | 'discard' }) => rulesApi.transition(id, event),
    onSuccess: (result) => {
      if (result.run.status === 'applied') {
        const changes = t('entitlements.applied', {
          credit: String(result.creditProfiles),
          granted: String(result.benefitsGranted),
          revoked: String(result.benefitsRevoked),
        });
        void message.success(`${t('rules.applied', { sms: result.smsQueued, tasks: result.reassignmentTasks })}${changes}`);
      }
      void queryClient.invalidateQueries({ queryKey: ['regrade-runs'] });
      void queryClient.invalidateQueries({ queryKey: ['regrade-items'] });
    },
    onError: notifyError,
  });
  const run = runs.data?.items.find((r) => r.id === selected);
  const columns: TableColumnsType<RegradeRun> = [
    { key: 'id', title: '#', dataIndex: 'id', width: 60 },
    { key: 'month', title: t('rules.month'), render: (_, r) => r.month.slice(0, 7) },
    { key: 'status', title: t('rules.status'), render: (_, r) => <Tag data-testid={`regrade-status-${r.id}`}>{t(`rules.runStatuses.${r.status}`)}</Tag> },
    ...movements.map((m) => ({ key: m, title: t(`rules.movements.${m}`), align: 'right' as const, render: (_: unknown, r: RegradeRun) => r.summary[m] })),
    {
      key: 'actions',
      title: '',
      render: (_, r) => (
        <Space size="small">
          <Button size="small" data-testid={`regrade-review-${r.id}`} onClick={() => setSelected(r.id)}>
            {t('rules.review')}
          </Button>
          {canManage && r.status === 'proposed' ? (
            <>
              <Button size="small" type="primary" data-testid={`regrade-apply-${r.id}`} loading={transition.isPending} onClick={() => transition.mutate({ id: r.id, event: 'apply' })}>
                {t('rules.applyRun')}
              </Button>
              <Button size="small" danger onClick={() => transition.mutate({ id: r.id, event: 'discard' })}>
                {t('rules.discardRun')}
              </Button>
            </>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <PageContainer title={t('rules.regradeTitle')} testId="regrade-page">
      {canManage ? (
        <Card style={{ marginBottom: 16 }}>
          <Space wrap>
            <span>{t('rules.month')}</span>
            <DatePicker picker="month" value={month} allowClear={false} onChange={(value) => value && setMonth(value)} data-testid="regrade-month" />
            <Button type="primary" loading={start.isPending} onClick={() => start.mutate()} data-testid="regrade-start">
              {t('rules.startRun')}
            </Button>
          </Space>
        </Card>
      ) : null}
      <FormErrorAlert error={start.error ?? runs.error} />
      <Card title={t('rules.runs')} style={{ marginBottom: 16 }}>
        <Table<RegradeRun> data-testid="regrade-runs" rowKey="id" size="small" columns={columns} dataSource={runs.data?.items ?? []} pagination={false} scroll={{ x: 900 }} />
      </Card>
      {run ? (
        <Card title={`${t('rules.review')} #${run.id} ${run.month.slice(0, 7)}`}>
          <RunItems run={run} />
        </Card>
      ) : null}
    </PageContainer>
  );
}
