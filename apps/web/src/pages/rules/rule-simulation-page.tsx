import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { movements, rulesApi, type RegradeSample } from '../../api/rules';
import { EChart } from '../../components/echart';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert } from '../../lib/use-api-error';

const movementColor = { up: '#52c41a', down: '#faad14', new: '#1677ff', removed: '#ff4d4f', unchanged: '#bfbfbf' } as const;

export function SampleTable({ rows, testId }: { rows: RegradeSample[]; testId: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<RegradeSample> = [
    { key: 'customer', title: t('rules.customer'), render: (_, r) => `${r.customerNo} ${r.name}` },
    { key: 'org', title: t('rules.orgUnit'), dataIndex: 'orgUnit' },
    { key: 'movement', title: '', render: (_, r) => <Tag color={movementColor[r.movement]}>{t(`rules.movements.${r.movement}`)}</Tag> },
    { key: 'from', title: t('rules.from'), render: (_, r) => t(`rules.grades.${r.fromGrade}`) },
    { key: 'to', title: t('rules.to'), render: (_, r) => t(`rules.grades.${r.toGrade}`) },
    { key: 'star', title: t('rules.star'), render: (_, r) => `${r.fromStar ?? '-'} → ${r.toStar ?? '-'}` },
    { key: 'why', title: t('rules.why'), render: (_, r) => t(`rules.reasons.${r.reason as 'tier'}`, { defaultValue: r.reason }) },
    { key: 'measure', title: t('rules.measure'), align: 'right', dataIndex: 'measure' },
  ];
  return <Table<RegradeSample> data-testid={testId} rowKey="customerId" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 900 }} />;
}

// What a rule set would do to the grades of a month, without changing anything, compared with the active set.
export function RuleSimulationPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const set = useQuery({ queryKey: ['rule-sets', id], queryFn: () => rulesApi.get(id) });
  const simulate = useMutation({ mutationFn: () => rulesApi.simulate(id, month.format('YYYY-MM')) });
  const result = simulate.data;
  const districts = result?.byOrgUnit ?? [];
  return (
    <PageContainer title={t('rules.simulationTitle', { label: set.data?.label ?? '' })} testId="rule-simulation-page">
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>{t('rules.month')}</span>
          <DatePicker picker="month" value={month} allowClear={false} onChange={(value) => value && setMonth(value)} data-testid="simulation-month" />
          <Button type="primary" loading={simulate.isPending} onClick={() => simulate.mutate()} data-testid="simulation-run">
            {t('rules.run')}
          </Button>
          <Alert type="info" showIcon title={t('rules.nothingWritten')} />
        </Space>
      </Card>
      <FormErrorAlert error={simulate.error} />
      {result ? (
        <>
          <Card style={{ marginBottom: 16 }} extra={result.comparedWith ? t('rules.comparedWith', { label: result.comparedWith }) : null}>
            <Descriptions size="small" column={5} data-testid="simulation-summary">
              {movements.map((m) => (
                <Descriptions.Item key={m} label={t(`rules.movements.${m}`)}>
                  <span data-testid={`simulation-${m}`}>{result.summary[m]}</span>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card title={t('rules.byDistrict')} style={{ marginBottom: 16 }}>
            <EChart
              testId="simulation-chart"
              height={Math.max(240, districts.length * 36)}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: movements.filter((m) => m !== 'unchanged').map((m) => t(`rules.movements.${m}`)) },
                grid: { left: 120, right: 24, top: 40, bottom: 24 },
                xAxis: { type: 'value' },
                yAxis: { type: 'category', data: districts.map((d) => `${d.orgUnitName} ${d.orgUnitCode}`) },
                series: movements
                  .filter((m) => m !== 'unchanged')
                  .map((m) => ({ type: 'bar' as const, stack: 'moves', name: t(`rules.movements.${m}`), itemStyle: { color: movementColor[m] }, data: districts.map((d) => d.summary[m]) })),
              }}
            />
            <Table
              data-testid="simulation-districts"
              rowKey="orgUnitCode"
              size="small"
              pagination={false}
              dataSource={districts}
              columns={[
                { key: 'org', title: t('rules.orgUnit'), render: (_, d) => `${d.orgUnitCode} ${d.orgUnitName}` },
                ...movements.map((m) => ({ key: m, title: t(`rules.movements.${m}`), align: 'right' as const, render: (_: unknown, d: (typeof districts)[number]) => d.summary[m] })),
              ]}
            />
          </Card>
          <Card title={t('rules.samples')}>
            <SampleTable rows={result.samples} testId="simulation-samples" />
          </Card>
        </>
      ) : null}
    </PageContainer>
  );
}
