import type { MeasureRange } from '../../api/measures';

/** The list filters a dashboard number opens a list with: the group of its row and its months. */
export const drillDownFields = ['manager', 'team', 'orgUnit', 'from', 'to'] as const;
export type DrillDownField = (typeof drillDownFields)[number];

export interface Grouped {
  key: string | null;
  label: string | null;
}

/**
 * The list filters that select the rows behind one roll-up row: the row's month, or the whole range
 * and its manager, team or org unit. Null when the group cannot be filtered (no team).
 */
export function groupFilters(range: MeasureRange, row: Grouped): Record<string, string> | null {
  const whole = { from: range.from, to: range.to };
  switch (range.by) {
    case 'month':
      return row.key === null ? null : { from: row.key, to: row.key };
    case 'manager':
      return { ...whole, manager: row.key ?? 'none' };
    case 'team':
      return row.key === null ? null : { ...whole, team: row.key };
    case 'district':
    case 'city':
      return row.key === null ? null : { ...whole, orgUnit: row.key };
  }
}

/** A fraction as a percent with one decimal; a dash when nothing was counted. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
