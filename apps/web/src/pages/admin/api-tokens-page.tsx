import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiTokensApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { ApiToken, CreatedApiToken } from '../../api/types';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { buttonTestId, rowTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert, useNotifyError } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';
import { useListParams } from '../../lib/use-list-params';
import { RoleSelect } from './role-select';

interface TokenForm {
  name: string;
  role: string;
  orgUnitCode: string;
  expiresInDays?: number | null;
}

type TokenStatus = 'active' | 'revoked' | 'expired';

function statusOf(token: ApiToken, now: number): TokenStatus {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
}

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TokenForm>();
  const create = useMutation({
    mutationFn: (values: TokenForm) =>
      apiTokensApi.create({ name: values.name.trim(), role: values.role, orgUnitCode: values.orgUnitCode, expiresInDays: values.expiresInDays ?? undefined }),
    onSuccess: onCreated,
    onError: (error) => applyFieldErrors(form, error, ['name', 'role', 'orgUnitCode', 'expiresInDays']),
  });
  return (
    <Modal
      open
      title={t('apiTokens.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={buttonTestId('token-form-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={create.error} />
      <Form<TokenForm> form={form} layout="vertical" initialValues={{ role: 'integration' }} onFinish={(values) => create.mutate(values)}>
        <Form.Item
          name="name"
          label={t('apiTokens.form.name')}
          extra={t('apiTokens.nameHint')}
          rules={[
            { required: true, whitespace: true, message: t('apiTokens.validation.nameRequired') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$/, message: t('apiTokens.validation.namePattern') },
          ]}
        >
          <Input data-testid="token-form-name" maxLength={60} />
        </Form.Item>
        <Form.Item name="role" label={t('apiTokens.form.role')} rules={[{ required: true, message: t('apiTokens.validation.roleRequired') }]}>
          <RoleSelect testId="token-form-role" />
        </Form.Item>
        <Form.Item name="orgUnitCode" label={t('apiTokens.form.orgUnit')} rules={[{ required: true, message: t('apiTokens.validation.orgUnitRequired') }]}>
          <OrgUnitTreeSelect testId="token-form-orgUnit" />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('apiTokens.form.expiresInDays')} extra={t('apiTokens.expiresHint')}>
          <InputNumber data-testid="token-form-expires" min={1} max={3650} precision={0} suffix={t('apiTokens.days')} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// The secret exists in the browser only while this dialog is open; the server keeps a hash.
function TokenRevealModal({ token, onClose }: { token: CreatedApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const field = useRef<HTMLTextAreaElement | null>(null);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('clipboard unavailable');
      await navigator.clipboard.writeText(token.token);
      void message.success(t('apiTokens.copied'));
    } catch {
      // Plain-HTTP intranet deployments have no Clipboard API; leave the text selected instead.
      field.current?.select();
      void message.warning(t('apiTokens.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={t('apiTokens.createdTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="token-copy">
          {t('apiTokens.copy')}
        </Button>,
        <Button key="done" type="primary" onClick={onClose} data-testid="token-reveal-done">
          {t('apiTokens.done')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon title={t('apiTokens.createdWarning')} style={{ marginBottom: 16 }} data-testid="token-warning" />
      <Input.TextArea
        ref={(instance) => {
          field.current = instance?.resizableTextArea?.textArea ?? null;
        }}
        data-testid="token-value"
        className="patron-mono"
        value={token.token}
        readOnly
        autoSize={{ minRows: 2, maxRows: 4 }}
        onFocus={(e) => e.target.select()}
      />
    </Modal>
  );
}

export function ApiTokensPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const list = useListParams([] as const);
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<CreatedApiToken | null>(null);
  const query = { page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error, dataUpdatedAt } = useQuery({
    queryKey: queryKeys.apiTokens(query),
    queryFn: ({ signal }) => apiTokensApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens() });

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => apiTokensApi.revoke(token.id),
    onSuccess: () => {
      void message.success(t('apiTokens.revoked'));
      void invalidate();
    },
    onError: notifyError,
  });

  const statusColors: Record<TokenStatus, string> = { active: 'success', revoked: 'error', expired: 'default' };
  const columns: TableColumnsType<ApiToken> = [
    { key: 'name', title: t('apiTokens.columns.name'), dataIndex: 'name' },
    { key: 'role', title: t('apiTokens.columns.role'), render: (_, tok) => (tok.role ? labels.role(tok.role) : t('common.empty')) },
    { key: 'orgUnit', title: t('apiTokens.columns.orgUnit'), render: (_, tok) => <span className="patron-mono">{tok.orgUnitCode}</span> },
    { key: 'createdBy', title: t('apiTokens.columns.createdBy'), render: (_, tok) => tok.createdBy ?? t('common.empty') },
    { key: 'createdAt', title: t('apiTokens.columns.createdAt'), render: (_, tok) => formatDateTime(tok.createdAt) },
    { key: 'expiresAt', title: t('apiTokens.columns.expiresAt'), render: (_, tok) => formatDateTime(tok.expiresAt) },
    { key: 'lastUsedAt', title: t('apiTokens.columns.lastUsedAt'), render: (_, tok) => formatDateTime(tok.lastUsedAt, t('common.never')) },
    {
      key: 'status',
      title: t('apiTokens.columns.status'),
      render: (_, tok) => {
        const status = statusOf(tok, dataUpdatedAt || Date.now());
        return <Tag color={statusColors[status]}>{t(`apiTokens.status.${status}`)}</Tag>;
      },
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, tok) =>
        tok.revokedAt ? null : (
          <Popconfirm
            title={t('apiTokens.revokeConfirm')}
            okText={t('apiTokens.revoke')}
            okButtonProps={{ ...buttonTestId('token-revoke-confirm'), danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutate(tok)}
          >
            <Button type="link" size="small" danger data-testid={`token-revoke-${tok.id}`}>
              {t('apiTokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer
      title={t('apiTokens.title')}
      testId="api-tokens-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tokens-create">
          {t('apiTokens.create')}
        </Button>
      }
    >
      <Card>
        <FormErrorAlert error={error} />
        <Table<ApiToken>
          data-testid="tokens-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 1100 }}
          onRow={(tok) => rowTestId(`token-row-${tok.id}`)}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: list.setPage,
          }}
        />
      </Card>
      {creating ? (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setRevealed(token);
            void invalidate();
          }}
        />
      ) : null}
      {revealed ? <TokenRevealModal token={revealed} onClose={() => setRevealed(null)} /> : null}
    </PageContainer>
  );
}
