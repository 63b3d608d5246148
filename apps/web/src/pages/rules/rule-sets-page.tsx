import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ruleKinds, rulesApi, simulatedKinds, type RuleKind, type RuleSet } from '../../api/rules';
import { useSession } from '../../auth/session';
import { buttonTestId } from '../../lib/test-id';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert } from '../../lib/use-api-error';
import { RuleDraftEditor, type Editing } from './rule-draft-editor';
import { statusColor } from './rule-status';

/** Activating needs a reason; the draft's effective date is shown because it decides which months it governs. */
function ActivateModal({ set, onClose }: { set: RuleSet; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const activate = useMutation({
    mutationFn: (reason: string) => rulesApi.activate(set.id, reason),
    onSuccess: () => {
      void message.success(t('rules.activated'));
      void queryClient.invalidateQueries({ queryKey: ['rule-sets'] });
      onClose();
    },
  });
  return (
    <Modal open title={`${t('rules.activate')} ${set.label}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={activate.isPending} okButtonProps={buttonTestId('rule-activate-ok')}>
      <Typography.Paragraph>{t('rules.activateEffective', { date: set.effectiveFrom })}</Typography.Paragraph>
      <FormErrorAlert error={activate.error} />
      <Form form={form} layout="vertical" onFinish={(values) => activate.mutate(values.reason.trim())}>
        <Form.Item name="reason" label={t('rules.activateReason')} rules={[{ required: true, whitespace: true, message: t('rules.reasonRequired') }]}>
          <Input data-testid="rule-activate-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Rule managers keep versions per kind and owner: draft → active (retiring the previous one) → retired.
export function RuleSetsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [activating, setActivating] = useState<RuleSet | null>(null);
  const [kind, setKind] = useState<RuleKind | undefined>(undefined);
  const canManage = user?.permissions.includes('rule.manage') ?? false;
  const list = useQuery({ queryKey: ['rule-sets'], queryFn: () => rulesApi.list() });
  const sets = list.data?.items ?? [];

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
              <Button size="small" type="primary" data-testid={`rule-activate-${s.id}`} onClick={() => setActivating(s)}>
                {t('rules.activate')}
              </Button>
            </>
          ) : null}
          {simulatedKinds.includes(s.kind) ? (
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
      <Space style={{ marginBottom: 16 }}>
        <span>{t('rules.kind')}</span>
        <Select<RuleKind>
          allowClear
          style={{ width: 200 }}
          placeholder={t('common.all')}
          value={kind}
          onChange={setKind}
          options={ruleKinds.map((value) => ({ value, label: t(`rules.kinds.${value}`) }))}
          data-testid="rule-kind-filter"
        />
      </Space>
      <FormErrorAlert error={list.error} />
      <Table<RuleSet>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        columns={columns}
        dataSource={kind === undefined ? sets : sets.filter((s) => s.kind === kind)}
        pagination={false}
        scroll={{ x: 1100 }}
      />
      {editing ? <RuleDraftEditor editing={editing} sets={sets} onClose={() => setEditing(null)} /> : null}
      {activating ? <ActivateModal set={activating} onClose={() => setActivating(null)} /> : null}
    </PageContainer>
  );
}
