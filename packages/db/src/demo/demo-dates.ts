import { formatIsoDate } from '@patron/domain/validation/dates';
import { DEMO_AS_OF, DEMO_BILL_MONTHS, DEMO_FIRST_BILL_MONTH } from './demo-catalog';

/**
 * Calendar arithmetic for the bill window. Days are counted from the first day of the first bill
 * month (2024-11-01 = day 0), which keeps the quarter of a million bill rows as small integers.
 */

const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(DEMO_FIRST_BILL_MONTH.year, DEMO_FIRST_BILL_MONTH.month - 1, 1);

export interface BillMonth {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 'YYYY-MM-01'. */
  readonly iso: string;
  /** Day number of its first day. */
  readonly firstDay: number;
  readonly days: number;
}

export const BILL_MONTHS: readonly BillMonth[] = Array.from({ length: DEMO_BILL_MONTHS }, (_, index) => {
  const zeroBased = DEMO_FIRST_BILL_MONTH.month - 1 + index;
  const year = DEMO_FIRST_BILL_MONTH.year + Math.floor(zeroBased / 12);
  const month = (zeroBased % 12) + 1;
  const start = Date.UTC(year, month - 1, 1);
  return {
    year,
    month,
    iso: formatIsoDate({ year, month, day: 1 }),
    firstDay: Math.round((start - EPOCH_MS) / DAY_MS),
    days: Math.round((Date.UTC(year, month, 1) - start) / DAY_MS),
  };
});

export function billMonth(index: number): BillMonth {
  const found = BILL_MONTHS[index];
  if (!found) throw new RangeError(`bill month ${index} is outside the window`);
  return found;
}

/** Day number of an ISO date (negative before the window). */
export function dayNumber(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH_MS) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10);
}

export const AS_OF_DAY = dayNumber(formatIsoDate(DEMO_AS_OF));

/** A moment on a business day in the demo's zone (UTC+8), as timestamptz text. */
export function moment(day: number, hour: number, minute: number): string {
  return `${isoOfDay(day)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;
}
