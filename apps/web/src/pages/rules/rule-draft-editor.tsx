import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Row, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { rulesApi, type RuleSet } from '../../api/rules';
import { useSession } from '../../auth/session';
import { FormErrorAlert } from '../../lib/use-api-error';
import { diffRuleBodies } from './rule-forms/rule-body-diff';
import { RuleBodyForm } from './rule-forms/rule-body-form';
import { recheckRuleFields, RuleIssuesContext, type RuleIssuesApi } from './rule-forms/rule-field';
import { ruleIssuesOf } from './rule-forms/rule-issues';
import { useFieldLabel } from './rule-forms/rule-labels';
import { formatIssuePath, formFieldOfServerPath, issueCodeOf, parseIssuePath, valueAt } from './rule-forms/rule-paths';
import { formatRuleValue } from './rule-forms/rule-value';
import { statusColor } from './rule-status';

interface DraftForm {
  orgUnit: string;
  name: string;
  effectiveFrom: Dayjs;
  body: unknown;
  reason: string;
}

/** New drafts start from an existing set; a draft is edited in place. */
export type Editing = { mode: 'create'; from: RuleSet } | { mode: 'edit'; set: RuleSet };

/** The active set of `kind` governing the org at `orgPath`: the nearest one at or above it. */
export function governingSet(sets: readonly RuleSet[], kind: RuleSet['kind'], orgPath: string): RuleSet | undefined {
  return sets
    .filter((s) => s.kind === kind && s.status === 'active' && orgPath.startsWith(s.orgPath))
    .sort((a, b) => b.orgPath.length - a.orgPath.length)[0];
}

const OPTIONAL_PATHS = ['groupRoleGrades'];

function DiffTable({ active, draft }: { active: RuleSet | undefined; draft: unknown }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  if (!active) return <Alert type="info" showIcon title={t('rules.noActiveSet')} />;
  const changes = diffRuleBodies(active.body, draft);
  return (
    <>
      <Alert type="info" showIcon title={t('rules.diffAgainst', { label: active.label })} style={{ marginBottom: 12 }} />
      <Table
        data-testid="rule-diff"
        size="small"
        pagination={false}
        rowKey={(change) => formatIssuePath(change.path)}
        dataSource={changes}
        locale={{ emptyText: t('rules.noChanges') }}
        style={{ marginBottom: 16 }}
        columns={[
          { key: 'field', title: t('rules.field'), render: (_, change) => label(change.path) },
          { key: 'active', title: t('rules.activeValue'), render: (_, change) => formatRuleValue(t, change.path, change.before) },
          { key: 'draft', title: t('rules.draftValue'), render: (_, change) => <strong>{formatRuleValue(t, change.path, change.after)}</strong> },
        ]}
      />
    </>
  );
}

function HistoryTable({ versions }: { versions: RuleSet[] }) {
  const { t } = useTranslation();
  return (
    <Table<RuleSet>
      data-testid="rule-history"
      style={{ marginBottom: 16 }}
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={versions}
      columns={[
        { key: 'label', title: t('rules.label'), dataIndex: 'label' },
        { key: 'status', title: t('rules.status'), render: (_, s) => <Tag color={statusColor[s.status]}>{t(`rules.statuses.${s.status}`)}</Tag> },
        { key: 'effectiveFrom', title: t('rules.effectiveFrom'), dataIndex: 'effectiveFrom' },
        { key: 'author', title: t('rules.author'), dataIndex: 'author' },
        { key: 'reason', title: t('rules.reason'), dataIndex: 'reason' },
        { key: 'updatedAt', title: t('rules.updatedAt'), render: (_, s) => dayjs(s.updatedAt).format('YYYY-MM-DD HH:mm') },
      ]}
    />
  );
}

/**
 * The draft editor: a form per rule kind, checked as it is typed by the same domain validator the API
 * runs (messages under each field, all of them listed on top), saved with a required reason; beside
 * it the changes against the active set and the version history of the kind and owner.
 */
export function RuleDraftEditor({ editing, sets, onClose }: { editing: Editing; sets: readonly RuleSet[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const label = useFieldLabel();
  const [form] = Form.useForm<DraftForm>();
  const source = editing.mode === 'create' ? editing.from : editing.set;
  const kind = source.kind;
  const body: unknown = Form.useWatch('body', { form, preserve: true });
  const typedOwner = Form.useWatch('orgUnit', { form, preserve: true }) as string | undefined;
  const ownerCode = editing.mode === 'edit' ? editing.set.orgCode : (typedOwner?.trim() ?? '');
  const issues = ruleIssuesOf(kind, body);

  const issuesApi = useMemo<RuleIssuesApi>(
    () => ({
      messagesAt(path) {
        const current: unknown = form.getFieldValue('body');
        const value = valueAt(current, path);
        if (value === undefined || value === null) return OPTIONAL_PATHS.includes(String(path[0])) ? [] : [t('common.required')];
        const key = formatIssuePath(path);
        return ruleIssuesOf(kind, current)
          .filter((issue) => issue.path === key)
          .map((issue) => t(`rules.issues.${issue.code}`));
      },
    }),
    [form, kind, t],
  );

  const save = useMutation({
    mutationFn: (values: DraftForm) => {
      const effectiveFrom = values.effectiveFrom.format('YYYY-MM-DD');
      return editing.mode === 'create'
        ? rulesApi.create({ kind, orgUnit: values.orgUnit.trim(), name: values.name, effectiveFrom, body: values.body, reason: values.reason })
        : rulesApi.update(editing.set.id, { name: values.name, effectiveFrom, body: values.body, reason: values.reason });
    },
    onSuccess: () => {
      void message.success(t('rules.saved'));
      void queryClient.invalidateQueries({ queryKey: ['rule-sets'] });
      onClose();
    },
    onError: (error) => {
      // The server's field problems (a limit looser than HQ's, a month already applied) go under their fields.
      if (!(error instanceof ApiError)) return;
      form.setFields(
        error.details.map((detail) => {
          const code = issueCodeOf(detail.message);
          return { name: formFieldOfServerPath(detail.path), errors: [code ? t(`rules.issues.${code as 'gap'}`, { defaultValue: detail.message }) : detail.message] };
        }),
      );
    },
  });

  const ownerPath = source.orgPath;
  const active = governingSet(sets, kind, ownerPath);
  const versions = sets.filter((s) => s.kind === kind && s.orgCode === source.orgCode).sort((a, b) => b.version - a.version);

  return (
    <Drawer
      open
      size={1040}
      title={`${t(editing.mode === 'create' ? 'rules.newDraft' : 'rules.edit')} · ${t(`rules.kinds.${kind}`)}${editing.mode === 'edit' ? ` · ${editing.set.label}` : ''}`}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="rule-save">
          {t('rules.save')}
        </Button>
      }
      data-testid="rule-editor"
    >
      <FormErrorAlert error={save.error} />
      {issues.length > 0 ? (
        <Alert
          data-testid="rule-validation"
          type="warning"
          showIcon
          title={t('rules.validationTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {issues.map((issue) => (
                <li key={`${issue.path}:${issue.code}`}>
                  {label(parseIssuePath(issue.path))}: {t(`rules.issues.${issue.code}`)}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <RuleIssuesContext.Provider value={issuesApi}>
        <Form<DraftForm>
          form={form}
          layout="vertical"
          onValuesChange={() => recheckRuleFields(form)}
          onFinish={() => save.mutate(form.getFieldsValue(true) as DraftForm)}
          initialValues={{ orgUnit: user?.orgUnitCode ?? '', name: source.name, effectiveFrom: dayjs(source.effectiveFrom), body: source.body, reason: '' }}
        >
          <Row gutter={12}>
            {editing.mode === 'create' ? (
              <Col flex="1 1 160px">
                <Form.Item name="orgUnit" label={t('rules.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
                  <Input data-testid="rule-org" />
                </Form.Item>
              </Col>
            ) : null}
            <Col flex="2 1 240px">
              <Form.Item name="name" label={t('rules.name')} rules={[{ required: true, message: t('common.required') }]}>
                <Input data-testid="rule-name" />
              </Form.Item>
            </Col>
            <Col flex="1 1 160px">
              <Form.Item name="effectiveFrom" label={t('rules.effectiveFrom')} rules={[{ required: true, message: t('common.required') }]}>
                <DatePicker data-testid="rule-effective" allowClear={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Tabs
            items={[
              { key: 'rules', label: t('rules.rulesTab'), forceRender: true, children: <RuleBodyForm kind={kind} ownerCode={ownerCode} /> },
              { key: 'diff', label: t('rules.diffTab'), children: <DiffTable active={active} draft={body} /> },
              { key: 'history', label: `${t('rules.historyTab')} · ${source.orgCode}`, children: <HistoryTable versions={versions} /> },
            ]}
          />
          <Form.Item name="reason" label={t('rules.reason')} rules={[{ required: true, whitespace: true, message: t('rules.reasonRequired') }]}>
            <Input.TextArea data-testid="rule-reason" rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </RuleIssuesContext.Provider>
    </Drawer>
  );
}
