import type { ChartOption } from '../../components/echart';

export interface TrendSeries {
  name: string;
  kind: 'line' | 'bar';
  /** Counts go on the left axis; rates (fractions, drawn as percents) and 0–100 scores on the right. */
  axis: 'count' | 'percent' | 'score';
  values: (number | null)[];
}

/** A monthly trend: counts as bars on the left axis, rates as lines on the right one (0–100). */
export function trendOption(months: readonly string[], series: readonly TrendSeries[]): ChartOption {
  const hasCounts = series.some((s) => s.axis === 'count');
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: [...months] },
    yAxis: [
      { type: 'value', minInterval: 1, show: hasCounts },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}' } },
    ],
    series: series.map((s) => ({
      type: s.kind,
      name: s.name,
      yAxisIndex: s.axis === 'count' ? 0 : 1,
      connectNulls: true,
      data: s.values.map((value) => (value === null ? null : s.axis === 'percent' ? Math.round(value * 1000) / 10 : value)),
    })),
  };
}

/** A 0–100 score per category as bars (the satisfaction dimensions). */
export function scoreBarsOption(categories: readonly string[], values: readonly (number | null)[]): ChartOption {
  return {
    tooltip: {},
    grid: { left: 48, right: 16, bottom: 32 },
    xAxis: { type: 'category', data: [...categories] },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ type: 'bar', data: [...values], label: { show: true, position: 'top' } }],
  };
}
