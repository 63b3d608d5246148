import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { measureKeys, measuresApi, type SurveyResponse } from '../../api/measures';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { rowTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useListParams } from '../../lib/use-list-params';
import { DrillDownTags } from './measure-controls';
import { drillDownFields } from './measure-drill';

const kinds = ['approval', 'satisfaction'] as const;
const classes = ['vip', 'guest', 'other'] as const;

/** The survey answers behind the survey measures, filtered the way the dashboard grouped them. */
export function SurveyResponsesPage() {
  const { t } = useTranslation();
  const list = useListParams([...drillDownFields, 'kind', 'customerClass', 'approves'] as const);
  const filters = Object.fromEntries(Object.entries(list.filters).filter(([, value]) => value !== ''));
  const query = { ...filters, page: list.page, pageSize: list.pageSize };
  const { data, isFetching, error } = useQuery({
    queryKey: measureKeys.surveyResponses(query),
    queryFn: ({ signal }) => measuresApi.surveyResponses(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<SurveyResponse> = [
    { key: 'answeredAt', title: t('measures.responses.answeredAt'), width: 160, render: (_, r) => formatDateTime(r.answeredAt) },
    { key: 'customer', title: t('measures.responses.customer'), width: 220, render: (_, r) => `${r.customerName} (${r.customerNo})` },
    { key: 'class', title: t('measures.responses.customerClass'), width: 90, render: (_, r) => t(`measures.responses.classes.${r.customerClass}`) },
    {
      key: 'manager',
      title: t('measures.dimensions.manager'),
      width: 140,
      render: (_, r) => (r.accountManager ? `${r.accountManagerName ?? ''} (${r.accountManager})` : t('measures.unassigned')),
    },
    { key: 'orgUnit', title: t('measures.responses.orgUnit'), width: 120, render: (_, r) => r.orgUnitName },
    { key: 'questionnaire', title: t('measures.responses.questionnaire'), width: 150, render: (_, r) => `${t(`measures.responses.kinds.${r.kind}`)} v${r.version}` },
    { key: 'index', title: t('measures.responses.index'), width: 80, dataIndex: 'index' },
    {
      key: 'approves',
      title: t('measures.responses.approves'),
      width: 90,
      render: (_, r) =>
        r.approves === null ? t('common.empty') : <Tag color={r.approves ? 'green' : 'red'}>{t(r.approves ? 'measures.responses.yes' : 'measures.responses.no')}</Tag>,
    },
  ];

  return (
    <PageContainer title={t('measures.responses.title')} testId="survey-responses-page">
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            allowClear
            data-testid="survey-responses-kind"
            placeholder={t('measures.responses.questionnaire')}
            value={list.filters.kind || undefined}
            onChange={(value?: string) => list.setFilters({ kind: value ?? '' })}
            options={kinds.map((value) => ({ value, label: t(`measures.responses.kinds.${value}`) }))}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('measures.responses.customerClass')}
            value={list.filters.customerClass || undefined}
            onChange={(value?: string) => list.setFilters({ customerClass: value ?? '' })}
            options={classes.map((value) => ({ value, label: t(`measures.responses.classes.${value}`) }))}
            style={{ width: 120 }}
          />
          <DrillDownTags filters={list.filters} onClear={list.reset} />
        </Flex>
        <FormErrorAlert error={error} />
        <Table<SurveyResponse>
          data-testid="survey-responses-table"
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          onRow={(r) => rowTestId(`survey-response-${r.customerNo}`)}
          scroll={{ x: 1100 }}
          pagination={list.pagination(data?.total ?? 0)}
        />
      </Card>
    </PageContainer>
  );
}
