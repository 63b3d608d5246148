import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { User } from '../../api/types';
import { useSession } from '../../auth/session';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { PageContainer } from '../../components/page-container';
import { SearchBox } from '../../components/search-box';
import { formatDateTime } from '../../lib/format';
import { buttonTestId, rowTestId } from '../../lib/test-id';
import { FormErrorAlert, useNotifyError } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';
import { useListParams } from '../../lib/use-list-params';
import { ResetPasswordModal } from './reset-password-modal';
import { RoleSelect } from './role-select';
import { UserFormModal } from './user-form-modal';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { user: me } = useSession();
  const list = useListParams(['q', 'orgUnit', 'role'] as const);
  const [dialog, setDialog] = useState<Dialog>(null);
  const query = { ...list.filters, page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: queryKeys.users(query),
    queryFn: ({ signal }) => usersApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

  const invalidate = () => queryClient.invalidateQueries({ queryKey: queryKeys.users() });

  const setActive = useMutation({
    mutationFn: ({ user, active }: { user: User; active: boolean }) => usersApi.update(user.id, { active }),
    onSuccess: (_user, { active }) => {
      void message.success(active ? t('users.activated') : t('users.deactivated'));
      void invalidate();
    },
    onError: notifyError,
  });

  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('users.columns.username'), width: 170, ellipsis: true, render: (_, u) => <span className="patron-mono">{u.username}</span> },
    { key: 'displayName', title: t('users.columns.displayName'), width: 120, dataIndex: 'displayName' },
    {
      key: 'roles',
      title: t('users.columns.roles'),
      width: 180,
      render: (_, u) => (
        <Flex gap={4} wrap>
          {u.roles.map((role) => (
            <Tag key={role} color={role === 'admin' ? 'red' : 'blue'}>
              {labels.role(role)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { key: 'orgUnit', title: t('users.columns.orgUnit'), width: 160, dataIndex: 'orgUnitName' },
    { key: 'phone', title: t('users.columns.phone'), width: 130, render: (_, u) => <span className="patron-mono">{u.phone ?? t('common.empty')}</span> },
    { key: 'email', title: t('users.columns.email'), ellipsis: true, render: (_, u) => u.email ?? t('common.empty') },
    {
      key: 'active',
      title: t('users.columns.active'),
      width: 90,
      render: (_, u) => <Tag color={u.active ? 'success' : 'default'}>{u.active ? t('common.active') : t('common.inactive')}</Tag>,
    },
    { key: 'createdAt', title: t('users.columns.createdAt'), width: 170, render: (_, u) => formatDateTime(u.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 260,
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })} data-testid={`user-edit-${u.username}`}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })} data-testid={`user-password-${u.username}`}>
            {t('users.resetPassword')}
          </Button>
          <Popconfirm
            title={u.active ? t('users.deactivateConfirm') : t('users.activateConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => setActive.mutate({ user: u, active: !u.active })}
            okButtonProps={buttonTestId('user-active-confirm')}
          >
            {/* Deactivating oneself would end the session with nobody left to undo it. */}
            <Button type="link" size="small" danger={u.active} disabled={String(u.id) === String(me?.id)} data-testid={`user-toggle-${u.username}`}>
              {u.active ? t('users.deactivate') : t('users.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('users.title')}
      testId="users-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="users-create">
          {t('users.create')}
        </Button>
      }
    >
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchBox testId="users-search" value={list.filters.q} placeholder={t('users.searchPlaceholder')} onSearch={(q) => list.setFilters({ q })} width={300} />
          <OrgUnitTreeSelect
            testId="users-filter-org"
            allowClear
            disableInactive={false}
            placeholder={t('users.filterOrgUnit')}
            value={list.filters.orgUnit || undefined}
            onChange={(code?: string) => list.setFilters({ orgUnit: code ?? '' })}
            style={{ width: 240 }}
          />
          <RoleSelect
            testId="users-filter-role"
            allowClear
            placeholder={t('users.filterRole')}
            value={list.filters.role || undefined}
            onChange={(role) => list.setFilters({ role: typeof role === 'string' ? role : '' })}
            style={{ width: 180 }}
          />
          <Button onClick={list.reset}>{t('common.reset')}</Button>
        </Flex>
        <FormErrorAlert error={error} />
        <Table<User>
          data-testid="users-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 1400 }}
          onRow={(u) => rowTestId(`user-row-${u.username}`)}
          pagination={list.pagination(data?.total ?? 0)}
        />
      </Card>
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <UserFormModal
          user={dialog.kind === 'edit' ? dialog.user : null}
          onClose={() => setDialog(null)}
          onSaved={() => {
            void message.success(dialog.kind === 'edit' ? t('users.updated') : t('users.created'));
            setDialog(null);
            void invalidate();
          }}
        />
      ) : null}
      {dialog?.kind === 'password' ? (
        <ResetPasswordModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => {
            void message.success(t('users.passwordReset'));
            setDialog(null);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
