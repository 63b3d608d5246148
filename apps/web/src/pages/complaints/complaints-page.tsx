import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { complaintCategories, complaintKeys, complaintStatuses, complaintsApi, rootCauses, type ComplaintSummary } from '../../api/complaints';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { rowTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useListParams } from '../../lib/use-list-params';
import { DrillDownTags } from '../measures/measure-controls';
import { drillDownFields } from '../measures/measure-drill';
import { ComplaintFormModal } from './complaint-form-modal';
import { complaintStatusColors, useComplaintLabels } from './complaint-labels';

export function ComplaintsPage() {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const [creating, setCreating] = useState(false);
  // month, rootCause, level, repeat and the rest come from the measures pages' drill-down links.
  const list = useListParams([
    'status',
    'category',
    'rootCause',
    'level',
    'month',
    'repeat',
    'hot',
    ...drillDownFields,
    'escalated',
    'reopened',
    'firstContactResolved',
    'levelExit',
    'levelOnTime',
  ] as const);
  const filters = Object.fromEntries(Object.entries(list.filters).filter(([, value]) => value !== ''));
  const query = { ...filters, page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: complaintKeys.list(query),
    queryFn: ({ signal }) => complaintsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<ComplaintSummary> = [
    {
      key: 'no',
      title: t('complaints.fields.complaintNo'),
      width: 170,
      render: (_, c) => (
        <Link to={`/complaints/${c.id}`} className="patron-mono" data-testid={`complaint-link-${c.complaintNo}`}>
          {c.complaintNo}
        </Link>
      ),
    },
    { key: 'customer', title: t('complaints.fields.customer'), width: 200, render: (_, c) => `${c.customerName} (${c.customerNo})` },
    { key: 'category', title: t('complaints.fields.category'), width: 110, render: (_, c) => labels.category(c.category) },
    {
      key: 'status',
      title: t('complaints.fields.status'),
      width: 110,
      render: (_, c) => (
        <Tag color={complaintStatusColors[c.status]} data-testid={`complaint-status-${c.complaintNo}`}>
          {labels.status(c.status)}
        </Tag>
      ),
    },
    { key: 'level', title: t('complaints.fields.level'), width: 70, render: (_, c) => `L${c.level}` },
    {
      key: 'flags',
      title: t('complaints.fields.flags'),
      width: 170,
      render: (_, c) => (
        <Space size={4}>
          {c.repeat ? <Tag color="gold">{t('complaints.flags.repeat')}</Tag> : null}
          {c.hot ? <Tag color="red">{t('complaints.flags.hot')}</Tag> : null}
          {c.overdue ? <Tag color="volcano">{t('complaints.flags.overdue')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'levelDeadline', title: t('complaints.fields.levelDeadline'), width: 160, render: (_, c) => formatDateTime(c.levelDeadline) },
    { key: 'receivedAt', title: t('complaints.fields.receivedAt'), width: 160, render: (_, c) => formatDateTime(c.receivedAt) },
  ];

  return (
    <PageContainer
      title={t('complaints.title')}
      testId="complaints-page"
      extra={
        <Button type="primary" data-testid="complaint-new" onClick={() => setCreating(true)}>
          {t('complaints.newComplaint')}
        </Button>
      }
    >
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {/* Several states at once: a drill-down from the measures asks for e.g. resolved and closed. */}
          <Select<string[]>
            data-testid="complaints-filter-status"
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('complaints.fields.status')}
            value={list.filters.status ? list.filters.status.split(',') : []}
            onChange={(values) => list.setFilters({ status: values.join(',') })}
            options={complaintStatuses.map((v) => ({ value: v, label: labels.status(v) }))}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('complaints.fields.category')}
            value={list.filters.category || undefined}
            onChange={(value?: string) => list.setFilters({ category: value ?? '' })}
            options={complaintCategories.map((v) => ({ value: v, label: labels.category(v) }))}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('complaints.fields.rootCause')}
            value={list.filters.rootCause || undefined}
            onChange={(value?: string) => list.setFilters({ rootCause: value ?? '' })}
            options={rootCauses.map((v) => ({ value: v, label: labels.rootCause(v) }))}
            style={{ width: 200 }}
          />
          <DrillDownTags filters={list.filters} onClear={list.reset} />
        </Flex>
        <FormErrorAlert error={error} />
        <Table<ComplaintSummary>
          data-testid="complaints-table"
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          onRow={(c) => rowTestId(`complaint-row-${c.complaintNo}`)}
          scroll={{ x: 1100 }}
          pagination={{ current: list.page, pageSize: list.pageSize, total: data?.total ?? 0, onChange: list.setPage }}
        />
      </Card>
      <ComplaintFormModal open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
