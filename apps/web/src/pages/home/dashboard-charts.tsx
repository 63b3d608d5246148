import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { grades, type DashboardSummary } from '../../api/types';
import { EChart, type ChartOption } from '../../components/echart';
import { useLabels } from '../../lib/use-labels';
import { gradeColors } from '../../styles/theme';

// Beyond this many units the bar labels become unreadable; the rest are summed into the last bar.
const maxBars = 12;

export function DashboardCharts({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const labels = useLabels();

  const barOption = useMemo<ChartOption>(() => {
    const units = [...summary.byOrgUnit].sort((a, b) => b.total - a.total).slice(0, maxBars);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: units.map((u) => u.orgUnitName), axisLabel: { interval: 0, rotate: units.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('home.seriesVip'), type: 'bar', stack: 'total', data: units.map((u) => u.vip), itemStyle: { color: gradeColors.gold } },
        { name: t('home.seriesGuest'), type: 'bar', stack: 'total', data: units.map((u) => u.guest), itemStyle: { color: gradeColors.guest } },
        {
          name: t('home.seriesOther'),
          type: 'bar',
          stack: 'total',
          data: units.map((u) => Math.max(0, u.total - u.vip - u.guest)),
          itemStyle: { color: gradeColors.none },
        },
      ],
    };
  }, [summary, t]);

  const pieOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['34%', '58%'],
          center: ['50%', '44%'],
          // Small grades sit next to each other; short leader lines keep their labels inside the card.
          label: { formatter: '{b}\n{c}', overflow: 'none' },
          labelLine: { length: 8, length2: 8 },
          labelLayout: { hideOverlap: true },
          data: grades.map((grade) => ({ name: labels.grade(grade), value: summary.byGrade[grade] ?? 0, itemStyle: { color: gradeColors[grade] } })),
        },
      ],
    }),
    [summary, labels],
  );

  const empty = summary.total === 0;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Card title={t('home.byOrgUnitTitle')}>
          {empty || summary.byOrgUnit.length === 0 ? <Empty description={t('home.noData')} /> : <EChart option={barOption} height={340} testId="chart-by-org-unit" />}
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card title={t('home.byGradeTitle')}>
          {empty ? <Empty description={t('home.noData')} /> : <EChart option={pieOption} height={340} testId="chart-by-grade" />}
        </Card>
      </Col>
    </Row>
  );
}
