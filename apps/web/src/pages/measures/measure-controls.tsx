import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Flex, Segmented, Statistic, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { measureDimensions, measureKeys, measuresApi, type MeasureDimension, type MeasureKind, type MeasureRange, type Rollup } from '../../api/measures';
import { defaultLocale, isAppLocale } from '../../i18n/locale';
import { drillDownFields, groupFilters, type DrillDownField, type Grouped } from './measure-drill';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Without a range in the address a dashboard shows the twelve months up to the current one. */
const DEFAULT_MONTHS = 12;

function isDimension(value: string | null): value is MeasureDimension {
  return (measureDimensions as readonly (string | null)[]).includes(value);
}

/** The dashboard's dimension and month range live in the address, so a pasted link reopens the same view. */
export function useMeasureRange(): [MeasureRange, (next: MeasureRange) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('by');
  const by = isDimension(requested) ? requested : 'district';
  const from = searchParams.get('from');
  const to = searchParams.get('to');
  const range: MeasureRange =
    from && to && MONTH.test(from) && MONTH.test(to) && from <= to
      ? { by, from, to }
      : {
          by,
          from: dayjs()
            .subtract(DEFAULT_MONTHS - 1, 'month')
            .format('YYYY-MM'),
          to: dayjs().format('YYYY-MM'),
        };
  // Other parameters of the page (the complaint page's month) stay as they are.
  const update = (next: MeasureRange) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      for (const [name, value] of Object.entries(next)) params.set(name, value);
      return params;
    });
  return [range, update];
}

export function MeasureToolbar({ kind, range, onChange }: { kind: MeasureKind; range: MeasureRange; onChange: (next: MeasureRange) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex gap={12} wrap align="center">
      <Segmented<MeasureDimension>
        data-testid="measure-dimension"
        value={range.by}
        onChange={(by) => onChange({ ...range, by })}
        options={measureDimensions.map((value) => ({ value, label: t(`measures.dimensions.${value}`) }))}
      />
      <DatePicker.RangePicker
        picker="month"
        allowClear={false}
        data-testid="measure-range"
        value={[dayjs(`${range.from}-01`), dayjs(`${range.to}-01`)]}
        onChange={(values) => {
          const [start, end] = values ?? [];
          if (start && end) onChange({ ...range, from: start.format('YYYY-MM'), to: end.format('YYYY-MM') });
        }}
      />
      <Button icon={<DownloadOutlined />} href={measuresApi.exportUrl(kind, range, isAppLocale(i18n.language) ? i18n.language : defaultLocale)} data-testid="measure-export">
        {t('measures.export')}
      </Button>
    </Flex>
  );
}

export function useGroupName() {
  const { t } = useTranslation();
  return (by: MeasureDimension, row: Grouped) => {
    if (row.key === null) return t('measures.unassigned');
    if (by === 'manager') return row.label ? `${row.label} (${row.key})` : row.key;
    return row.label ?? row.key;
  };
}

/** A number that opens the list behind it; plain text when the group has no list. */
export function DrillLink({ path, filters, children, testId }: { path: string; filters: Record<string, string> | null; children: ReactNode; testId?: string }) {
  if (filters === null) return <span data-testid={testId}>{children}</span>;
  return (
    <Link to={`${path}?${new URLSearchParams(filters).toString()}`} data-testid={testId}>
      {children}
    </Link>
  );
}

/** A headline figure of the whole range that opens the list behind it (for a rate: all it is computed over). */
export function KpiCard({ title, value, path, filters, testId }: { title: string; value: string | number; path: string; filters: Record<string, string> | null; testId: string }) {
  return (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic
          title={title}
          value={value}
          valueRender={(node) => (
            <DrillLink path={path} filters={filters} testId={testId}>
              {node}
            </DrillLink>
          )}
        />
      </Card>
    </Col>
  );
}

/** The drill-down filters a list was opened with (from a dashboard number), and a way back to the full list. */
export function DrillDownTags({ filters, onClear }: { filters: Partial<Record<DrillDownField, string>>; onClear: () => void }) {
  const { t } = useTranslation();
  const shown = drillDownFields.filter((field) => filters[field]);
  if (shown.length === 0) return null;
  return (
    <Flex gap={4} wrap align="center" data-testid="drill-down-filters">
      {shown.map((field) => (
        <Tag key={field} color="blue">
          {t(`measures.drillDown.${field}`)}: {filters[field]}
        </Tag>
      ))}
      <Button type="link" size="small" onClick={onClear} data-testid="drill-down-clear">
        {t('measures.drillDown.clear')}
      </Button>
    </Flex>
  );
}

/**
 * A roll-up dashboard: its range (kept in the address), its data, and `link`, which makes a number of
 * a row open the list behind it (`listPath`) filtered to that row plus the number's own `extra` filters.
 */
export function useRollup<R extends Grouped>(kind: MeasureKind, fetchRollup: (range: MeasureRange, signal?: AbortSignal) => Promise<Rollup<R>>, listPath: string) {
  const [range, setRange] = useMeasureRange();
  const { data, error, isFetching } = useQuery({
    queryKey: measureKeys.rollup(kind, range),
    queryFn: ({ signal }) => fetchRollup(range, signal),
    placeholderData: keepPreviousData,
  });
  const link = (row: R, extra: Record<string, string>, value: ReactNode, testId?: string) => {
    const filters = groupFilters(range, row);
    return (
      <DrillLink path={listPath} filters={filters && { ...filters, ...extra }} testId={testId}>
        {value}
      </DrillLink>
    );
  };
  return { range, setRange, data, error, isFetching, link };
}
