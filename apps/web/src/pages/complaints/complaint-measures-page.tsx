import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Row, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { complaintKeys, complaintsApi } from '../../api/complaints';
import { EChart } from '../../components/echart';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert } from '../../lib/use-api-error';
import { measureKeys, measuresApi } from '../../api/measures';
import { ComplaintRollupCard } from '../measures/complaint-rollup-card';
import { useMeasureRange } from '../measures/measure-controls';
import { useComplaintLabels } from './complaint-labels';

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((part * 100) / whole).toFixed(1)}%`);

export function ComplaintMeasuresPage() {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const [searchParams, setSearchParams] = useSearchParams();
  // The same query as the roll-up card below (one request): without a month in the address, the
  // cards show the latest month of the range that had complaints, not an empty current month.
  const [range] = useMeasureRange();
  const rollup = useQuery({ queryKey: measureKeys.rollup('complaints', range), queryFn: ({ signal }) => measuresApi.complaints(range, signal) });
  const month = searchParams.get('month') ?? rollup.data?.trend.at(-1)?.key ?? range.to;
  const monthKnown = searchParams.has('month') || rollup.data !== undefined || rollup.isError;
  const { data, error } = useQuery({
    queryKey: complaintKeys.measures(month),
    queryFn: ({ signal }) => complaintsApi.measures(month, signal),
    enabled: monthKnown,
  });
  // Every figure links to the list behind it (for a rate, all it is computed over): the month's
  // complaints, or its revisits (dated by due time).
  const complaintList = (filters: Record<string, string>) => `/complaints?${new URLSearchParams({ month, ...filters }).toString()}`;
  const revisitList = (filters: Record<string, string>) => `/revisits?${new URLSearchParams({ from: month, to: month, ...filters }).toString()}`;
  const stat = (key: string, title: string, value: number | string, href: string) => (
    <Col xs={12} md={6} key={key}>
      <Card size="small">
        <Statistic
          title={title}
          value={value}
          valueRender={(node) => (
            <Link to={href} data-testid={`measure-${key}`}>
              {node}
            </Link>
          )}
        />
      </Card>
    </Col>
  );

  return (
    <PageContainer
      title={t('complaints.measuresTitle')}
      testId="complaint-measures-page"
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(value) =>
            value &&
            setSearchParams((current) => {
              // The roll-up's dimension and range below stay as they are.
              const params = new URLSearchParams(current);
              params.set('month', value.format('YYYY-MM'));
              return params;
            })
          }
        />
      }
    >
      <FormErrorAlert error={error} />
      {data ? (
        <>
          <Row gutter={[16, 16]}>
            {stat('total', t('complaints.measures.total'), data.total, complaintList({}))}
            {stat('perTenThousandLines', t('complaints.measures.perTenThousandLines'), data.perTenThousandLines ?? '—', complaintList({}))}
            {stat('repeat', t('complaints.measures.repeat'), data.repeat, complaintList({ repeat: 'true' }))}
            {stat('hot', t('complaints.measures.hot'), data.hot, complaintList({ hot: 'true' }))}
            {stat('escalated', t('complaints.measures.escalated'), data.escalated, complaintList({ escalated: 'true' }))}
            {stat('reopened', t('complaints.measures.reopened'), data.reopened, complaintList({ reopened: 'true' }))}
            {stat('firstContactResolved', t('complaints.measures.firstContactResolved'), percent(data.firstContactResolved, data.resolved), complaintList({ status: 'resolved,closed' }))}
            {stat('closed', t('complaints.measures.closed'), data.closed, complaintList({ status: 'closed' }))}
            {stat('revisitRate', t('complaints.measures.revisitRate'), percent(data.revisits.done, data.revisits.due), revisitList({}))}
            {stat('revisitTimeliness', t('complaints.measures.revisitTimeliness'), percent(data.revisits.onTime, data.revisits.done), revisitList({ status: 'done' }))}
            {stat('revisitSatisfaction', t('complaints.measures.revisitSatisfaction'), percent(data.revisits.satisfied, data.revisits.done), revisitList({ status: 'done' }))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} md={12}>
              <Card title={t('complaints.measures.byRootCause')}>
                <EChart
                  testId="chart-root-cause"
                  option={{
                    tooltip: {},
                    xAxis: { type: 'category', data: data.byRootCause.map((r) => labels.rootCause(r.rootCause)) },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [{ type: 'bar', data: data.byRootCause.map((r) => r.count) }],
                  }}
                />
                {data.byRootCause.map((r) => (
                  <Link key={r.rootCause} to={complaintList({ rootCause: r.rootCause })} style={{ marginRight: 12 }}>
                    {labels.rootCause(r.rootCause)}: {r.count}
                  </Link>
                ))}
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card title={t('complaints.measures.onTimeByLevel')}>
                <EChart
                  testId="chart-on-time"
                  option={{
                    tooltip: {},
                    legend: {},
                    xAxis: { type: 'category', data: data.onTimeByLevel.map((l) => `L${l.level}`) },
                    yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { type: 'bar', name: t('complaints.measures.exits'), data: data.onTimeByLevel.map((l) => l.exits) },
                      { type: 'bar', name: t('complaints.measures.onTimeCount'), data: data.onTimeByLevel.map((l) => l.onTime) },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
      <ComplaintRollupCard />
    </PageContainer>
  );
}
