import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';
import type { AuditEvent } from '../../api/types';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { rowTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useListParams } from '../../lib/use-list-params';
import { AuditDiff } from './audit-diff';

const filterNames = ['action', 'actor', 'entityType', 'entityId', 'from', 'to'] as const;

interface FilterForm {
  action?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function hasRecord(value: unknown): boolean {
  return value !== null && value !== undefined;
}

export function AuditPage() {
  const { t } = useTranslation();
  const list = useListParams(filterNames);
  const [form] = Form.useForm<FilterForm>();
  const query = { ...list.filters, page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: ({ signal }) => auditApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

  // The address is the source of truth; the form mirrors it after Back/Forward too.
  useEffect(() => {
    const { from, to, ...text } = list.filters;
    form.setFieldsValue({ ...text, range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null });
  }, [form, list.filters]);

  const onSearch = (values: FilterForm) => {
    const [from, to] = values.range ?? [null, null];
    list.setFilters({
      action: values.action?.trim() ?? '',
      actor: values.actor?.trim() ?? '',
      entityType: values.entityType?.trim() ?? '',
      entityId: values.entityId?.trim() ?? '',
      from: from ? from.toISOString() : '',
      to: to ? to.toISOString() : '',
    });
  };

  const columns: TableColumnsType<AuditEvent> = [
    { key: 'occurredAt', title: t('audit.columns.occurredAt'), width: 180, render: (_, e) => formatDateTime(e.occurredAt) },
    { key: 'actor', title: t('audit.columns.actor'), width: 140, render: (_, e) => e.actorName ?? t('common.empty') },
    { key: 'action', title: t('audit.columns.action'), width: 200, render: (_, e) => <Tag className="patron-mono">{e.action}</Tag> },
    {
      key: 'entity',
      title: t('audit.columns.entity'),
      width: 200,
      render: (_, e) => (e.entityType ? <span className="patron-mono">{e.entityId ? `${e.entityType} #${e.entityId}` : e.entityType}</span> : t('common.empty')),
    },
    { key: 'reason', title: t('audit.columns.reason'), render: (_, e) => e.reason ?? t('common.empty') },
    { key: 'ip', title: t('audit.columns.ip'), width: 140, render: (_, e) => <span className="patron-mono">{e.ip ?? t('common.empty')}</span> },
    {
      key: 'requestId',
      title: t('audit.columns.requestId'),
      width: 160,
      render: (_, e) =>
        e.requestId ? (
          <Typography.Text className="patron-mono" style={{ fontSize: 12 }} copyable ellipsis={{ tooltip: e.requestId }}>
            {e.requestId}
          </Typography.Text>
        ) : (
          t('common.empty')
        ),
    },
  ];

  return (
    <PageContainer title={t('audit.title')} testId="audit-page">
      <Card>
        <Form<FilterForm> form={form} layout="inline" onFinish={onSearch} style={{ marginBottom: 16, rowGap: 12 }} data-testid="audit-filters">
          <Form.Item name="action" label={t('audit.filters.action')}>
            <Input allowClear style={{ width: 160 }} data-testid="audit-filter-action" />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.filters.actor')}>
            <Input allowClear style={{ width: 140 }} data-testid="audit-filter-actor" />
          </Form.Item>
          <Form.Item name="entityType" label={t('audit.filters.entityType')}>
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="entityId" label={t('audit.filters.entityId')}>
            <Input allowClear style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="range" label={t('audit.filters.range')}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="audit-search">
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button onClick={list.reset}>{t('common.reset')}</Button>
          </Form.Item>
        </Form>
        <FormErrorAlert error={error} />
        <Table<AuditEvent>
          data-testid="audit-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          scroll={{ x: 1200 }}
          onRow={(e) => rowTestId(`audit-row-${e.id}`)}
          expandable={{
            rowExpandable: (e) => hasRecord(e.before) || hasRecord(e.after),
            expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} />,
          }}
          pagination={list.pagination(data?.total ?? 0)}
        />
      </Card>
    </PageContainer>
  );
}
