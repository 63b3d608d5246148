import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillPoint } from '../api/types';
import { EChart, type ChartOption } from './echart';

const yuan = (text: string) => {
  const value = Number(text);
  return Number.isFinite(value) ? value : 0;
};

// Twelve months of billed against paid; a gap between the bars is the month's arrears.
export function CustomerSpendChart({ bills, height = 260 }: { bills: readonly BillPoint[]; height?: number }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: bills.map((bill) => bill.month) },
      yAxis: { type: 'value' },
      series: [
        { name: t('customers.detail.spendAmount'), type: 'bar', data: bills.map((bill) => yuan(bill.amount)), itemStyle: { color: '#1f6feb' } },
        { name: t('customers.detail.spendPaid'), type: 'bar', data: bills.map((bill) => yuan(bill.paid)), itemStyle: { color: '#2f8f6b' } },
      ],
    }),
    [bills, t],
  );
  return <EChart option={option} height={height} testId="customer-spend-chart" />;
}
