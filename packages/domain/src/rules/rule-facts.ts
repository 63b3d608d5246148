import type { BusinessDate } from '../calendar/business-date';
import { parseIsoDate, daysInMonth } from '../validation/dates';
import type { Grade, GroupRole } from './rule-set.types';

/** Everything the evaluators know about one customer, counted at the end of the graded month. */
export interface CustomerFacts {
  /** The last day of the graded month: tenure and suspensions are counted up to it. */
  readonly asOf: BusinessDate;
  readonly activatedOn: BusinessDate | null;
  /** Billed amount per month, newest first, starting with the graded month; missing months are 0. */
  readonly monthlyBilledFen: readonly number[];
  /** Days of arrears suspensions (any line of the customer), business dates. */
  readonly arrearsSuspensionDates: readonly BusinessDate[];
  /** Role in an in-network group customer, if any. */
  readonly groupRole: GroupRole | null;
  readonly contractUntil: BusinessDate | null;
  readonly currentGrade: Grade;
}

function parts(date: BusinessDate): { year: number; month: number; day: number } {
  const parsed = parseIsoDate(date);
  if (parsed === null) throw new Error(`not a date: ${date}`);
  return parsed;
}

/** Whole months from `from` to `to` (the same rule the batch SQL uses): 2026-01-15 → 2026-06-30 is 5. */
export function wholeMonthsBetween(from: BusinessDate, to: BusinessDate): number {
  const a = parts(from);
  const b = parts(to);
  return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
}

export function tenureMonths(facts: CustomerFacts): number {
  return facts.activatedOn === null ? 0 : Math.max(0, wholeMonthsBetween(facts.activatedOn, facts.asOf));
}

/** `date` minus `months` calendar months, the day clamped to the target month's length. */
export function minusMonths(date: BusinessDate, months: number): BusinessDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Arrears suspensions on or after `asOf − months` (so one exactly 3 months back counts for 3). */
export function arrearsSuspensionsWithin(facts: CustomerFacts, months: number): number {
  if (months <= 0) return 0;
  const since = minusMonths(facts.asOf, months);
  return facts.arrearsSuspensionDates.filter((d) => d >= since && d <= facts.asOf).length;
}

/** Total billed over the newest `months` months. */
export function billedOver(facts: CustomerFacts, months: number): number {
  return facts.monthlyBilledFen.slice(0, months).reduce((sum, fen) => sum + fen, 0);
}

/** The last day of a `YYYY-MM` month. */
export function monthEnd(month: string): BusinessDate {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
}
