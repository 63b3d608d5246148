import { type BusinessDate, formatDayNumber, parseBusinessDate } from '../calendar/business-date';
import { arrearsSuspensionsWithin, type CustomerFacts, minusMonths, monthEnd, tenureMonths } from './rule-facts';
import type { CreditRules } from './rule-set.types';

export interface CreditFacts extends CustomerFacts {
  /** Bills over the punctuality lookback, and how many of them were paid by their due date. */
  readonly billsDue: number;
  readonly billsPaidOnTime: number;
  /** Days the oldest unpaid bill is past due at the as-of date (0: nothing overdue). */
  readonly arrearsAgeDays: number;
}

export interface CreditResult {
  readonly score: number;
  readonly limitFen: number;
}

/** Bills due within this many months before the as-of date count for punctuality and arrears age. */
export const CREDIT_BILL_LOOKBACK_MONTHS = 12;

/** A month's bill is due on the last day of the following month (billed early in the month, paid within it). */
export function billDueDate(month: BusinessDate): BusinessDate {
  return monthEnd(minusMonths(month.slice(0, 7) + '-01', -1).slice(0, 7));
}

export interface CreditBill {
  /** The billed month, 'YYYY-MM-01'. */
  readonly month: BusinessDate;
  readonly amountFen: number;
  readonly paidFen: number;
  /** When the bill was settled (null: not settled). */
  readonly paidOn: BusinessDate | null;
}

const dayNumber = (date: BusinessDate) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/**
 * The punctuality and arrears facts as they stood at `asOf`: the bills falling due in the lookback
 * before it, those settled in full by their due date, and the age of the oldest one still unsettled
 * at `asOf` (a bill settled later was in arrears then).
 */
export function creditBillFacts(bills: readonly CreditBill[], asOf: BusinessDate): Pick<CreditFacts, 'billsDue' | 'billsPaidOnTime' | 'arrearsAgeDays'> {
  const since = minusMonths(asOf, CREDIT_BILL_LOOKBACK_MONTHS);
  let billsDue = 0;
  let billsPaidOnTime = 0;
  let oldestUnpaidDue: BusinessDate | null = null;
  for (const bill of bills) {
    const due = billDueDate(bill.month);
    if (due <= since || due >= asOf) continue;
    billsDue += 1;
    const settled = bill.paidFen >= bill.amountFen;
    if (bill.amountFen === 0 || (settled && bill.paidOn !== null && bill.paidOn <= due)) billsPaidOnTime += 1;
    const unpaidAtAsOf = bill.amountFen > 0 && (!settled || bill.paidOn === null || bill.paidOn > asOf);
    if (unpaidAtAsOf && (oldestUnpaidDue === null || due < oldestUnpaidDue)) oldestUnpaidDue = due;
  }
  return { billsDue, billsPaidOnTime, arrearsAgeDays: oldestUnpaidDue === null ? 0 : dayNumber(asOf) - dayNumber(oldestUnpaidDue) };
}

/**
 * Score = base + tenure share + punctuality share − suspensions − arrears age, floored and clamped to
 * 0–100. Worked in integers over the common denominator (tenure months × bills due) so the batch SQL,
 * which uses the same formula, gets the same score without floating-point doubt at a band edge.
 */
export function evaluateCredit(rules: CreditRules, facts: CreditFacts): CreditResult {
  const tenure = Math.min(tenureMonths(facts), rules.tenureFullMonths);
  // No bills yet means no evidence either way: half the punctuality weight.
  const [onTime, due] = facts.billsDue === 0 ? [1, 2] : [facts.billsPaidOnTime, facts.billsDue];
  const suspensions = arrearsSuspensionsWithin(facts, rules.suspensionLookbackMonths) * rules.suspensionPenalty;
  const arrears = Math.min(rules.maxArrearsPenalty, facts.arrearsAgeDays * rules.arrearsDayPenalty);
  const denominator = rules.tenureFullMonths * due;
  const numerator =
    (rules.baseScore - suspensions - arrears) * denominator + rules.tenureWeight * tenure * due + rules.punctualityWeight * onTime * rules.tenureFullMonths;
  const score = Math.max(0, Math.min(100, Math.floor(numerator / denominator)));
  const band = rules.limits.find((l) => score >= l.minScore);
  return { score, limitFen: band?.limitFen ?? 0 };
}

/** Temporary credit may not outlast the rule's ceiling (at most 7 days, DOMAIN §3.3). */
export function temporaryCreditAllowed(rules: CreditRules, days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= rules.maxTemporaryCreditDays;
}

/**
 * The last day temporary credit granted on `today` for `days` days applies (today counts as the first),
 * or undefined when the rules do not allow that many days.
 */
export function temporaryCreditUntil(rules: CreditRules, today: BusinessDate, days: number): BusinessDate | undefined {
  if (!temporaryCreditAllowed(rules, days)) return undefined;
  return formatDayNumber(parseBusinessDate(today) + days - 1);
}
