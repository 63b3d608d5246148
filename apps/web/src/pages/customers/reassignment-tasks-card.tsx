import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { managersApi } from '../../api/endpoints';
import type { ReassignmentTask } from '../../api/types';
import { hasAnyPermission } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { rowTestId } from '../../lib/test-id';
import { useNotifyError } from '../../lib/use-api-error';

const tasksKey = ['managers', 'reassignment-tasks'] as const;

// Managers a re-grade left over a tier's limit: reassign some of their customers, then mark the task done.
// Shown only to those who reassign, and only when there is something to do.
export function ReassignmentTasksCard() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const tasks = useQuery({ queryKey: tasksKey, queryFn: () => managersApi.reassignmentTasks(), enabled: hasAnyPermission(user, ['customer.assign']) });
  const done = useMutation({
    mutationFn: (id: number) => managersApi.completeReassignmentTask(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['managers'] }),
    onError: notifyError,
  });
  const items = tasks.data?.items ?? [];
  if (items.length === 0) return null;
  const label = 'customers.managerLoad.tasks';
  const columns: TableColumnsType<ReassignmentTask> = [
    {
      key: 'manager',
      title: t('customers.managerLoad.manager'),
      render: (_, task) => (
        <span>
          {task.displayName}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {task.username}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'orgUnit', title: t('customers.managerLoad.orgUnit'), dataIndex: 'orgUnitName' },
    { key: 'month', title: t(`${label}.month`), render: (_, task) => task.month.slice(0, 7) },
    { key: 'tier', title: t(`${label}.tier`), render: (_, task) => t(`${label}.tiers.${task.tier}`) },
    { key: 'atRegrade', title: t(`${label}.atRegrade`), render: (_, task) => <span className="patron-mono">{`${task.load}/${task.loadLimit}`}</span> },
    {
      key: 'now',
      title: t(`${label}.now`),
      render: (_, task) => (
        <Typography.Text type={task.currentLoad > task.currentLimit ? 'danger' : 'success'} className="patron-mono">{`${task.currentLoad}/${task.currentLimit}`}</Typography.Text>
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, task) => {
        const over = task.currentLoad > task.currentLimit;
        return (
          <Space size="small">
            <Link to={`/customers?manager=${encodeURIComponent(task.username)}`}>{t(`${label}.reassign`)}</Link>
            <Tooltip title={over ? t(`${label}.stillOver`) : undefined}>
              <Button size="small" disabled={over} loading={done.isPending} onClick={() => done.mutate(task.id)} data-testid={`reassignment-done-${task.username}`}>
                {t(`${label}.done`)}
              </Button>
            </Tooltip>
          </Space>
        );
      },
    },
  ];
  return (
    <Card size="small" title={t(`${label}.title`)} data-testid="reassignment-tasks">
      <Table<ReassignmentTask>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(task) => rowTestId(`reassignment-task-${task.username}`)}
        scroll={{ x: 720 }}
      />
    </Card>
  );
}
