import { Card, Row, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { measuresApi, type RevisitRollupRow } from '../../api/measures';
import { EChart } from '../../components/echart';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert } from '../../lib/use-api-error';
import { trendOption } from './measure-charts';
import { KpiCard, MeasureToolbar, useGroupName, useRollup } from './measure-controls';
import { percent } from './measure-drill';

const LIST = '/revisits';

/** Revisit rate (target 100%), timeliness and satisfaction (DOMAIN §5.3) per manager, team, district, city or month. */
export function RevisitMeasuresPage() {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const { range, setRange, data, error, isFetching, link } = useRollup<RevisitRollupRow>('revisits', measuresApi.revisits, LIST);

  const columns: TableColumnsType<RevisitRollupRow> = [
    { key: 'group', title: t(`measures.dimensions.${range.by}`), width: 180, fixed: 'left', render: (_, r) => groupName(range.by, r) },
    { key: 'due', title: t('measures.revisits.due'), width: 90, render: (_, r) => link(r, {}, r.due) },
    { key: 'done', title: t('measures.revisits.done'), width: 90, render: (_, r) => link(r, { status: 'done' }, r.done) },
    { key: 'rate', title: t('measures.revisits.rate'), width: 100, render: (_, r) => link(r, {}, percent(r.rate)) },
    { key: 'onTime', title: t('measures.revisits.onTime'), width: 90, render: (_, r) => link(r, { onTime: 'true' }, r.onTime) },
    { key: 'timeliness', title: t('measures.revisits.timeliness'), width: 100, render: (_, r) => link(r, { status: 'done' }, percent(r.timeliness)) },
    { key: 'satisfied', title: t('measures.revisits.satisfied'), width: 90, render: (_, r) => link(r, { outcome: 'satisfied' }, r.satisfied) },
    { key: 'unsatisfied', title: t('measures.revisits.unsatisfied'), width: 90, render: (_, r) => link(r, { outcome: 'unsatisfied' }, r.unsatisfied) },
    { key: 'satisfaction', title: t('measures.revisits.satisfaction'), width: 110, render: (_, r) => link(r, { status: 'done' }, percent(r.satisfaction)) },
    { key: 'meanScore', title: t('measures.revisits.meanScore'), width: 90, render: (_, r) => link(r, { status: 'done' }, r.meanScore ?? '—') },
    { key: 'pending', title: t('measures.revisits.pending'), width: 90, render: (_, r) => link(r, { status: 'pending' }, r.pending) },
    { key: 'unreachable', title: t('measures.revisits.unreachable'), width: 90, render: (_, r) => link(r, { status: 'unreachable' }, r.unreachable) },
  ];

  const total = data?.total;
  const whole = { from: range.from, to: range.to };
  return (
    <PageContainer title={t('measures.revisits.title')} testId="revisit-measures-page" extra={<MeasureToolbar kind="revisits" range={range} onChange={setRange} />}>
      <FormErrorAlert error={error} />
      {data && total ? (
        <>
          <Row gutter={[16, 16]}>
            <KpiCard title={t('measures.revisits.rate')} value={percent(total.rate)} path={LIST} filters={whole} testId="revisit-measure-rate" />
            <KpiCard title={t('measures.revisits.timeliness')} value={percent(total.timeliness)} path={LIST} filters={{ ...whole, status: 'done' }} testId="revisit-measure-timeliness" />
            <KpiCard
              title={t('measures.revisits.satisfaction')}
              value={percent(total.satisfaction)}
              path={LIST}
              filters={{ ...whole, status: 'done' }}
              testId="revisit-measure-satisfaction"
            />
            <KpiCard title={t('measures.revisits.due')} value={total.due} path={LIST} filters={whole} testId="revisit-measure-due" />
          </Row>
          <Card title={t('measures.trend')} style={{ marginTop: 16 }}>
            <EChart
              testId="chart-revisit-trend"
              option={trendOption(
                data.trend.map((r) => r.key ?? ''),
                [
                  { name: t('measures.revisits.due'), kind: 'bar', axis: 'count', values: data.trend.map((r) => r.due) },
                  { name: t('measures.revisits.rate'), kind: 'line', axis: 'percent', values: data.trend.map((r) => r.rate) },
                  { name: t('measures.revisits.timeliness'), kind: 'line', axis: 'percent', values: data.trend.map((r) => r.timeliness) },
                  { name: t('measures.revisits.satisfaction'), kind: 'line', axis: 'percent', values: data.trend.map((r) => r.satisfaction) },
                ],
              )}
            />
          </Card>
          <Card style={{ marginTop: 16 }}>
            <Table<RevisitRollupRow>
              data-testid="revisit-measures-table"
              rowKey={(r) => r.key ?? ''}
              size="small"
              columns={columns}
              dataSource={data.rows}
              loading={isFetching}
              pagination={false}
              scroll={{ x: 1200 }}
            />
          </Card>
        </>
      ) : null}
    </PageContainer>
  );
}
