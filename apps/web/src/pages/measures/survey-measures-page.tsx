import { Card, Col, Row, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { measuresApi, satisfactionDimensions, type SurveyRollupRow } from '../../api/measures';
import { EChart } from '../../components/echart';
import { PageContainer } from '../../components/page-container';
import { FormErrorAlert } from '../../lib/use-api-error';
import { scoreBarsOption, trendOption } from './measure-charts';
import { KpiCard, MeasureToolbar, useGroupName, useRollup } from './measure-controls';
import { percent } from './measure-drill';

const LIST = '/surveys/responses';
const approval = (customerClass: 'vip' | 'guest', approving?: boolean) => ({
  kind: 'approval',
  customerClass,
  ...(approving ? { approves: 'true' } : {}),
});

/**
 * Approval rate (approving ÷ surveyed, VIP and 贵宾 apart, DOMAIN §5.1) and the satisfaction index
 * with its five dimension scores (§5.4), per manager, team, district, city or month.
 */
export function SurveyMeasuresPage() {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const { range, setRange, data, error, isFetching, link } = useRollup<SurveyRollupRow>('surveys', measuresApi.surveys, LIST);
  const dimensionLabel = (code: string) => t(`measures.surveys.dimensions.${code as (typeof satisfactionDimensions)[number]}`);

  const columns: TableColumnsType<SurveyRollupRow> = [
    { key: 'group', title: t(`measures.dimensions.${range.by}`), width: 180, fixed: 'left', render: (_, r) => groupName(range.by, r) },
    {
      key: 'vip',
      title: t('measures.surveys.vip'),
      children: [
        { key: 'vipSurveyed', title: t('measures.surveys.surveyed'), width: 80, render: (_, r) => link(r, approval('vip'), r.vip.surveyed) },
        { key: 'vipApproving', title: t('measures.surveys.approving'), width: 80, render: (_, r) => link(r, approval('vip', true), r.vip.approving) },
        { key: 'vipRate', title: t('measures.surveys.approvalRate'), width: 90, render: (_, r) => link(r, approval('vip'), percent(r.vip.rate)) },
      ],
    },
    {
      key: 'guest',
      title: t('measures.surveys.guest'),
      children: [
        { key: 'guestSurveyed', title: t('measures.surveys.surveyed'), width: 80, render: (_, r) => link(r, approval('guest'), r.guest.surveyed) },
        { key: 'guestApproving', title: t('measures.surveys.approving'), width: 80, render: (_, r) => link(r, approval('guest', true), r.guest.approving) },
        { key: 'guestRate', title: t('measures.surveys.approvalRate'), width: 90, render: (_, r) => link(r, approval('guest'), percent(r.guest.rate)) },
      ],
    },
    { key: 'answers', title: t('measures.surveys.answers'), width: 90, render: (_, r) => link(r, { kind: 'satisfaction' }, r.answers) },
    { key: 'index', title: t('measures.surveys.index'), width: 90, render: (_, r) => link(r, { kind: 'satisfaction' }, r.index ?? '—') },
    ...satisfactionDimensions.map((code) => ({ key: code, title: dimensionLabel(code), width: 90, render: (_: unknown, r: SurveyRollupRow) => link(r, { kind: 'satisfaction' }, r.dimensions[code] ?? '—') })),
  ];

  const total = data?.total;
  const whole = { from: range.from, to: range.to };
  return (
    <PageContainer title={t('measures.surveys.title')} testId="survey-measures-page" extra={<MeasureToolbar kind="surveys" range={range} onChange={setRange} />}>
      <FormErrorAlert error={error} />
      {data && total ? (
        <>
          <Row gutter={[16, 16]}>
            <KpiCard title={t('measures.surveys.vipRate')} value={percent(total.vip.rate)} path={LIST} filters={{ ...whole, ...approval('vip') }} testId="survey-measure-vip" />
            <KpiCard title={t('measures.surveys.guestRate')} value={percent(total.guest.rate)} path={LIST} filters={{ ...whole, ...approval('guest') }} testId="survey-measure-guest" />
            <KpiCard title={t('measures.surveys.index')} value={total.index ?? '—'} path={LIST} filters={{ ...whole, kind: 'satisfaction' }} testId="survey-measure-index" />
            <KpiCard title={t('measures.surveys.answers')} value={total.answers} path={LIST} filters={{ ...whole, kind: 'satisfaction' }} testId="survey-measure-answers" />
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={14}>
              <Card title={t('measures.trend')}>
                <EChart
                  testId="chart-survey-trend"
                  option={trendOption(
                    data.trend.map((r) => r.key ?? ''),
                    [
                      { name: t('measures.surveys.vipRate'), kind: 'line', axis: 'percent', values: data.trend.map((r) => r.vip.rate) },
                      { name: t('measures.surveys.guestRate'), kind: 'line', axis: 'percent', values: data.trend.map((r) => r.guest.rate) },
                      { name: t('measures.surveys.index'), kind: 'line', axis: 'score', values: data.trend.map((r) => r.index) },
                    ],
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={t('measures.surveys.dimensionScores')}>
                <EChart
                  testId="chart-survey-dimensions"
                  option={scoreBarsOption(
                    satisfactionDimensions.map(dimensionLabel),
                    satisfactionDimensions.map((code) => total.dimensions[code] ?? null),
                  )}
                />
              </Card>
            </Col>
          </Row>
          <Card style={{ marginTop: 16 }}>
            <Table<SurveyRollupRow>
              data-testid="survey-measures-table"
              rowKey={(r) => r.key ?? ''}
              size="small"
              bordered
              columns={columns}
              dataSource={data.rows}
              loading={isFetching}
              pagination={false}
              scroll={{ x: 1400 }}
            />
          </Card>
        </>
      ) : null}
    </PageContainer>
  );
}
