import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';

export const defaultPageSize = 20;
const maxPageSize = 200;
const pageSizeOptions = [20, 50, 100, 200];

export interface ListParams<F extends string> {
  page: number;
  pageSize: number;
  filters: Record<F, string>;
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? Math.min(parsed, max) : fallback;
}

// Filters and paging live in the address, so Back, reload and a pasted link reopen the same list.
export function useListParams<F extends string>(filterNames: readonly F[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const { t } = useTranslation();
  const key = filterNames.join(',');

  const params = useMemo<ListParams<F>>(() => {
    const filters = Object.fromEntries(filterNames.map((name) => [name, searchParams.get(name) ?? ''])) as Record<F, string>;
    return {
      page: positiveInt(searchParams.get('page'), 1),
      pageSize: positiveInt(searchParams.get('pageSize'), defaultPageSize, maxPageSize),
      filters,
    };
    // filterNames is a constant list per page; its joined key stands in for it.
  }, [searchParams, key]);

  const write = useCallback(
    (next: { page: number; pageSize: number; filters: Partial<Record<F, string>> }) => {
      const out = new URLSearchParams();
      for (const [name, value] of Object.entries(next.filters) as [F, string | undefined][]) if (value) out.set(name, value);
      if (next.page > 1) out.set('page', String(next.page));
      if (next.pageSize !== defaultPageSize) out.set('pageSize', String(next.pageSize));
      setSearchParams(out);
    },
    [setSearchParams],
  );

  // Changing a filter goes back to page 1; the old page number may not exist in the new result.
  const setFilters = useCallback((filters: Partial<Record<F, string>>) => write({ page: 1, pageSize: params.pageSize, filters: { ...params.filters, ...filters } }), [write, params]);
  const setPage = useCallback((page: number, pageSize: number) => write({ page: pageSize === params.pageSize ? page : 1, pageSize, filters: params.filters }), [write, params]);
  const reset = useCallback(() => write({ page: 1, pageSize: params.pageSize, filters: {} }), [write, params.pageSize]);

  /** The table's pagination, bound to the address, for a result of `total` rows. */
  const pagination = useCallback(
    (total: number) => ({
      current: params.page,
      pageSize: params.pageSize,
      total,
      showSizeChanger: true,
      pageSizeOptions,
      showTotal: (count: number) => t('common.total', { total: count }),
      onChange: setPage,
    }),
    [params.page, params.pageSize, setPage, t],
  );

  return { ...params, setFilters, setPage, reset, pagination };
}
