import { Card, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { rootCauses } from '../../api/complaints';
import { measuresApi, type ComplaintRollupRow } from '../../api/measures';
import { EChart } from '../../components/echart';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useComplaintLabels } from '../complaints/complaint-labels';
import { trendOption } from './measure-charts';
import { MeasureToolbar, useGroupName, useRollup } from './measure-controls';
import { percent } from './measure-drill';

const LIST = '/complaints';

/**
 * Complaint measures per manager, team, district, city or month over a range, with the monthly
 * trend: per 10,000 lines, repeat rate, first-contact resolution, on time per level, root causes.
 */
export function ComplaintRollupCard() {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const groupName = useGroupName();
  const { range, setRange, data, error, isFetching, link } = useRollup<ComplaintRollupRow>('complaints', measuresApi.complaints, LIST);

  const columns: TableColumnsType<ComplaintRollupRow> = [
    { key: 'group', title: t(`measures.dimensions.${range.by}`), width: 180, fixed: 'left', render: (_, r) => groupName(range.by, r) },
    { key: 'total', title: t('complaints.measures.total'), width: 80, render: (_, r) => link(r, {}, r.total, `rollup-total-${r.key ?? 'none'}`) },
    { key: 'perTenThousandLines', title: t('complaints.measures.perTenThousandLines'), width: 100, render: (_, r) => link(r, {}, r.perTenThousandLines ?? '—') },
    { key: 'repeat', title: t('complaints.measures.repeat'), width: 80, render: (_, r) => link(r, { repeat: 'true' }, r.repeat) },
    { key: 'repeatRate', title: t('measures.complaints.repeatRate'), width: 100, render: (_, r) => link(r, {}, percent(r.repeatRate)) },
    { key: 'hot', title: t('complaints.measures.hot'), width: 70, render: (_, r) => link(r, { hot: 'true' }, r.hot) },
    { key: 'escalated', title: t('complaints.measures.escalated'), width: 70, render: (_, r) => link(r, { escalated: 'true' }, r.escalated) },
    { key: 'reopened', title: t('complaints.measures.reopened'), width: 70, render: (_, r) => link(r, { reopened: 'true' }, r.reopened) },
    {
      key: 'firstContact',
      title: t('complaints.measures.firstContactResolved'),
      width: 110,
      render: (_, r) => (
        <>
          {link(r, { firstContactResolved: 'true' }, r.firstContactResolved)} / {link(r, { status: 'resolved,closed' }, r.resolved)} ({percent(r.firstContactRate)})
        </>
      ),
    },
    ...[1, 2, 3].map((level) => ({
      key: `level${level}`,
      title: t('measures.complaints.onTimeAtLevel', { level: String(level) }),
      width: 110,
      render: (_: unknown, r: ComplaintRollupRow) => {
        const exits = r.levels[level - 1];
        return exits ? (
          <>
            {link(r, { levelExit: String(level), levelOnTime: 'true' }, exits.onTime)} / {link(r, { levelExit: String(level) }, exits.exits)} ({percent(exits.onTimeRate)})
          </>
        ) : null;
      },
    })),
    ...rootCauses.map((cause) => ({
      key: `root-${cause}`,
      title: labels.rootCause(cause),
      width: 90,
      render: (_: unknown, r: ComplaintRollupRow) => link(r, { rootCause: cause }, r.rootCauses[cause]),
    })),
  ];

  return (
    <Card title={t('measures.complaints.rollupTitle')} extra={<MeasureToolbar kind="complaints" range={range} onChange={setRange} />} style={{ marginTop: 16 }}>
      <FormErrorAlert error={error} />
      {data ? (
        <>
          <EChart
            testId="chart-complaint-trend"
            option={trendOption(
              data.trend.map((r) => r.key ?? ''),
              [
                { name: t('complaints.measures.total'), kind: 'bar', axis: 'count', values: data.trend.map((r) => r.total) },
                { name: t('measures.complaints.repeatRate'), kind: 'line', axis: 'percent', values: data.trend.map((r) => r.repeatRate) },
                { name: t('measures.complaints.firstContactRate'), kind: 'line', axis: 'percent', values: data.trend.map((r) => r.firstContactRate) },
                { name: t('measures.complaints.onTimeAtLevel', { level: '1' }), kind: 'line', axis: 'percent', values: data.trend.map((r) => r.levels[0]?.onTimeRate ?? null) },
              ],
            )}
          />
          <Table<ComplaintRollupRow>
            data-testid="complaint-rollup-table"
            rowKey={(r) => r.key ?? ''}
            size="small"
            columns={columns}
            dataSource={data.rows}
            loading={isFetching}
            pagination={false}
            scroll={{ x: 1500 }}
          />
        </>
      ) : null}
    </Card>
  );
}
