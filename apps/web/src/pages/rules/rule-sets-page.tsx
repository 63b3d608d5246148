import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { rulesApi, type RuleSet } from '../../api/rules';
import { useSession } from '../../auth/session';
import { buttonTestId } from '../../lib/test-id';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert, useNotifyError } from '../../lib/use-api-error';
import { RuleValidationList } from './rule-validation-list';

const statusColor = { draft: 'blue', active: 'green', retired: 'default' } as const;

interface DraftForm {
  orgUnit: string;
  name: string;
  effectiveFrom: Dayjs;
  body: string;
  reason: string;
}

/** New drafts start from an existing set; a draft is edited in place. The owner is the caller's org. */
type Editing = { mode: 'create'; from: RuleSet } | { mode: 'edit'; set: RuleSet };

function DraftEditor({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<DraftForm>();
  const source = editing.mode === 'create' ? editing.from : editing.set;
  const save = useMutation({
    mutationFn: (values: DraftForm) => {
      const body: unknown = JSON.parse(values.body);
      const effectiveFrom = values.effectiveFrom.format('YYYY-MM-DD');
      return editing.mode === 'create'
        ? rulesApi.create({ kind: source.kind, orgUnit: values.orgUnit.trim(), name: values.name, effectiveFrom, body, reason: values.reason })
        : rulesApi.update(editing.set.id, { name: values.name, effectiveFrom, body, reason: values.reason });
    },
    onSuccess: () => {
      void message.success(t('rules.saved'));
      void queryClient.invalidateQueries({ queryKey: ['rule-sets'] });
      onClose();
    },
  });
  return (
    <Modal open title={t(editing.mode === 'create' ? 'rules.newDraft' : 'rules.edit')} onCancel={onClose} onOk={() => form.submit()} okText={t('rules.save')} confirmLoading={save.isPending} width={720} okButtonProps={buttonTestId('rule-save')}>
      <RuleValidationList error={save.error} />
      {save.error instanceof ApiError && save.error.details.length > 0 ? null : <FormErrorAlert error={save.error} />}
      <Form<DraftForm>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        initialValues={{ orgUnit: user?.orgUnitCode ?? '', name: source.name, effectiveFrom: dayjs(source.effectiveFrom), body: JSON.stringify(source.body, null, 2), reason: '' }}
      >
        {editing.mode === 'create' ? (
          <Form.Item name="orgUnit" label={t('rules.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
            <Input data-testid="rule-org" />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t('rules.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input data-testid="rule-name" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('rules.effectiveFrom')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker data-testid="rule-effective" allowClear={false} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('rules.body')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_, value: string) => {
                JSON.parse(value);
              },
              message: t('rules.bodyInvalidJson'),
            },
          ]}
        >
          <Input.TextArea data-testid="rule-body" rows={14} style={{ fontFamily: 'monospace', fontSize: 12 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('rules.reason')} rules={[{ required: true, message: t('common.required') }]}>
          <Input data-testid="rule-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Rule managers keep versions per kind and owner: draft → active (retiring the previous one) → retired.
export function RuleSetsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const canManage = user?.permissions.includes('rule.manage') ?? false;
  const list = useQuery({ queryKey: ['rule-sets'], queryFn: () => rulesApi.list() });
  const activate = useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => rulesApi.activate(id, reason),
    onSuccess: () => {
      void message.success(t('rules.activated'));
      void queryClient.invalidateQueries({ queryKey: ['rule-sets'] });
    },
    onError: notifyError,
  });
  const confirmActivate = (set: RuleSet) => {
    let reason = '';
    modal.confirm({
      title: `${t('rules.activate')} ${set.label}`,
      content: <Input data-testid="rule-activate-reason" placeholder={t('rules.activateReason')} onChange={(e) => (reason = e.target.value)} />,
      okButtonProps: buttonTestId('rule-activate-ok'),
      onOk: () => activate.mutateAsync({ id: set.id, reason: reason.trim() || t('rules.activate') }),
    });
  };

  const columns: TableColumnsType<RuleSet> = [
    { key: 'label', title: t('rules.label'), render: (_, s) => <span data-testid={`rule-set-${s.label}`}>{s.label}</span> },
    { key: 'kind', title: t('rules.kind'), render: (_, s) => t(`rules.kinds.${s.kind}`) },
    { key: 'name', title: t('rules.name'), dataIndex: 'name' },
    { key: 'status', title: t('rules.status'), render: (_, s) => <Tag color={statusColor[s.status]}>{t(`rules.statuses.${s.status}`)}</Tag> },
    { key: 'effectiveFrom', title: t('rules.effectiveFrom'), dataIndex: 'effectiveFrom' },
    { key: 'author', title: t('rules.author'), dataIndex: 'author' },
    { key: 'reason', title: t('rules.reason'), dataIndex: 'reason', ellipsis: true },
    {
      key: 'actions',
      title: '',
      render: (_, s) => (
        <Space size="small" wrap>
          {canManage ? (
            <Button size="small" data-testid={`rule-new-draft-${s.id}`} onClick={() => setEditing({ mode: 'create', from: s })}>
              {t('rules.newDraft')}
            </Button>
          ) : null}
          {canManage && s.status === 'draft' ? (
            <>
              <Button size="small" data-testid={`rule-edit-${s.id}`} onClick={() => setEditing({ mode: 'edit', set: s })}>
                {t('rules.edit')}
              </Button>
              <Button size="small" type="primary" data-testid={`rule-activate-${s.id}`} onClick={() => confirmActivate(s)}>
                {t('rules.activate')}
              </Button>
            </>
          ) : null}
          {s.kind === 'grading' || s.kind === 'star' ? (
            <Link to={`/rules/sets/${s.id}/simulate`} data-testid={`rule-simulate-${s.id}`}>
              {t('rules.simulate')}
            </Link>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <PageContainer title={t('rules.setsTitle')} testId="rule-sets-page">
      <FormErrorAlert error={list.error} />
      <Table<RuleSet> rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={list.data?.items ?? []} pagination={false} scroll={{ x: 1100 }} />
      {editing ? <DraftEditor editing={editing} onClose={() => setEditing(null)} /> : null}
    </PageContainer>
  );
}
