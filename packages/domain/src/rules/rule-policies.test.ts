import { describe, expect, it } from 'vitest';
import { billDueDate, creditBillFacts, evaluateCredit, temporaryCreditAllowed, temporaryCreditUntil } from './credit.policy';
import { DEFAULT_CREDIT_RULES, DEFAULT_GRADING_RULES, DEFAULT_POINTS_RULES, DEFAULT_POTENTIAL_RULES, DEFAULT_STAR_RULES, GROWTH_VALUE_GRADING_RULES } from './default-rules.data';
import { accruedPoints, pointsExpiryDate, pointsValueFen } from './points.policy';
import { lowestTierAverageFen, potentialReason } from './potential.policy';
import { type CustomerFacts, minusMonths, monthEnd, wholeMonthsBetween } from './rule-facts';
import { evaluateStar } from './star.policy';

const base: CustomerFacts = {
  asOf: '2026-06-30',
  activatedOn: '2020-01-01',
  monthlyBilledFen: Array.from({ length: 12 }, () => 0),
  arrearsSuspensionDates: [],
  groupRole: null,
  contractUntil: null,
  currentGrade: 'none',
};
const spending = (monthlyFen: number, extra: Partial<CustomerFacts> = {}): CustomerFacts => ({
  ...base,
  monthlyBilledFen: Array.from({ length: 12 }, () => monthlyFen),
  ...extra,
});

describe('dates', () => {
  it.each([
    ['2026-01-15', '2026-06-30', 5],
    ['2026-01-30', '2026-06-30', 5],
    ['2025-12-31', '2026-06-30', 5],
    ['2025-12-30', '2026-06-30', 6],
    ['2026-06-30', '2026-06-30', 0],
  ])('%s → %s is %i whole months', (from, to, months) => expect(wholeMonthsBetween(from, to)).toBe(months));

  it.each([
    ['2026-06-30', 3, '2026-03-30'],
    ['2026-05-31', 3, '2026-02-28'],
    ['2024-05-31', 3, '2024-02-29'],
    ['2026-02-28', 14, '2024-12-28'],
  ])('%s minus %i months is %s', (date, months, expected) => expect(minusMonths(date, months)).toBe(expected));

  it.each([
    ['2026-02', '2026-02-28'],
    ['2024-02', '2024-02-29'],
    ['2026-12', '2026-12-31'],
  ])('month %s ends %s', (month, end) => expect(monthEnd(month)).toBe(end));
});

describe('star level', () => {
  it.each([
    [200_000, '2020-01-01', null, [], 5],
    [200_000, '2024-01-01', null, [], 4], // 30 months: not yet 36 for 5★
    [69_999, '2020-01-01', null, [], 3],
    [70_000, '2020-01-01', null, [], 4],
    [70_000, '2020-01-01', '2026-12-31', [], 5],
    [70_000, '2020-01-01', '2026-06-29', [], 4], // contract ended before the as-of date
    [200_000, '2020-01-01', '2027-01-01', [], 5], // never above 5★
    [70_000, '2020-01-01', null, ['2025-07-01', '2026-01-10'], 2],
    [70_000, '2020-01-01', null, ['2025-06-29'], 4], // just outside 12 months
    [15_000, '2020-01-01', null, ['2026-01-10', '2026-02-10', '2026-03-10'], 0],
    [200_000, '2026-01-01', null, [], 0], // 5 months' tenure
    [4_999, '2020-01-01', '2027-01-01', [], 0], // unrated is not lifted by a contract
  ] as const)('avg %i since %s contract %s suspensions %j → %i★', (fen, activatedOn, contractUntil, dates, star) => {
    expect(evaluateStar(DEFAULT_STAR_RULES, spending(fen, { activatedOn, contractUntil, arrearsSuspensionDates: dates })).star).toBe(star);
  });
});

describe('points', () => {
  it.each([
    [12_345, 0, 1, 'none', 124], // 123.45 → rounded up
    [12_345, 0, 2, 'silver', 186], // 185.175 → 186
    [10_000, 0, 2, 'silver', 150],
    [10_000, 0, 3, 'silver', 200],
    [10_000, 0, 4, 'gold', 250],
    [10_000, 0, 5, 'silver', 300],
    [10_000, 0, 5, 'gold', 500],
    [10_000, 0, 5, 'diamond', 500],
    [10_000, 0, 0, 'gold', 0], // unrated: promotional points only
    [10_000, 4_000, 1, 'none', 60], // gifted credit earns nothing
    [3_000, 5_000, 3, 'guest', 0],
    [1, 0, 1, 'none', 1],
    [0, 0, 5, 'diamond', 0],
  ] as const)('%i fen billed, %i gifted at %i★ %s → %i points', (billed, gifted, star, grade, points) => {
    expect(accruedPoints(DEFAULT_POINTS_RULES, billed, gifted, star, grade)).toBe(points);
  });

  it('rounds down when the rule says so', () => {
    expect(accruedPoints({ ...DEFAULT_POINTS_RULES, rounding: 'down' }, 12_345, 0, 2, 'silver')).toBe(185);
  });

  it.each([
    ['2026-01-01', '2027-12-31'],
    ['2026-12-31', '2027-12-31'],
    ['2027-01-01', '2028-12-31'],
  ])('earned %s expires %s', (earned, expires) => expect(pointsExpiryDate(DEFAULT_POINTS_RULES, earned)).toBe(expires));

  it('100 points are worth ¥1', () => {
    expect(pointsValueFen(DEFAULT_POINTS_RULES, 2_000)).toBe(2_000);
    expect(pointsValueFen(DEFAULT_POINTS_RULES, 199)).toBe(199);
  });
});

describe('credit rating', () => {
  const credit = (extra: Partial<Parameters<typeof evaluateCredit>[1]> = {}) =>
    evaluateCredit(DEFAULT_CREDIT_RULES, { ...base, billsDue: 6, billsPaidOnTime: 6, arrearsAgeDays: 0, ...extra });

  it.each([
    [{}, 100, 200_000],
    [{ activatedOn: '2023-06-30' }, 88, 100_000], // 36 months: 20 + 18 + 50
    [{ billsPaidOnTime: 3 }, 75, 100_000],
    [{ arrearsSuspensionDates: ['2026-02-01'] }, 90, 200_000],
    [{ arrearsSuspensionDates: ['2025-12-29'] }, 100, 200_000], // 6 months and a day back
    [{ arrearsAgeDays: 45 }, 70, 50_000], // capped at 30
    [{ billsDue: 0, billsPaidOnTime: 0, activatedOn: null }, 45, 20_000],
    [{ billsPaidOnTime: 0, arrearsAgeDays: 60, arrearsSuspensionDates: ['2026-05-01', '2026-06-01'] }, 0, 10_000],
  ] as const)('%j → score %i, limit %i fen', (extra, score, limitFen) => {
    expect(credit(extra)).toEqual({ score, limitFen });
  });

  it('scores in whole numbers: fractions of the weights are floored once, at the end', () => {
    // 20 + 30 × 10/60 + 50 × 2/3 = 58.33… → 58; 20 + 30 + 50 × 3/5 = 80 exactly (0.6 is inexact in binary).
    expect(credit({ activatedOn: '2025-07-31', billsDue: 3, billsPaidOnTime: 2 })).toEqual({ score: 58, limitFen: 20_000 });
    expect(credit({ activatedOn: '2021-06-30', billsDue: 5, billsPaidOnTime: 3 })).toEqual({ score: 80, limitFen: 100_000 });
  });

  it('a bill is due at the end of the next month', () => {
    expect(billDueDate('2026-01-01')).toBe('2026-02-28');
    expect(billDueDate('2025-12-01')).toBe('2026-01-31');
  });

  it('counts the bills due in the 12 months before the as-of date, on-time ones, and the oldest arrears', () => {
    const bill = (month: string, amountFen: number, paidFen: number, paidOn: string | null) => ({ month: `${month}-01`, amountFen, paidFen, paidOn });
    const facts = creditBillFacts(
      [
        bill('2025-05', 100, 0, null), // due 2025-06-30: before the lookback
        bill('2025-06', 100, 100, '2025-07-31'), // due 2025-07-31, paid on the day
        bill('2025-07', 100, 100, '2025-09-01'), // paid a day late
        bill('2026-03', 100, 50, '2026-04-10'), // part-paid: still in arrears, due 2026-04-30
        bill('2026-04', 0, 0, null), // nothing to pay is on time
        bill('2026-05', 100, 0, null), // due 2026-06-30 = as-of: not yet due
      ],
      '2026-06-30',
    );
    expect(facts).toEqual({ billsDue: 4, billsPaidOnTime: 2, arrearsAgeDays: 61 });
    // Settled after the as-of date: it was in arrears on the as-of date.
    expect(creditBillFacts([bill('2026-04', 100, 100, '2026-07-02')], '2026-06-30')).toEqual({ billsDue: 1, billsPaidOnTime: 0, arrearsAgeDays: 30 });
  });

  it.each([
    [0, false],
    [1, true],
    [7, true],
    [8, false],
  ])('temporary credit for %i days allowed: %s', (days, allowed) => expect(temporaryCreditAllowed(DEFAULT_CREDIT_RULES, days)).toBe(allowed));
  it.each([
    ['2026-12-06', 1, '2026-12-06'],
    ['2026-12-28', 7, '2027-01-03'],
    ['2028-02-27', 3, '2028-02-29'],
    ['2026-12-06', 8, undefined],
    ['2026-12-06', 0, undefined],
  ])('temporary credit from %s for %i days lasts until %s', (today, days, until) =>
    expect(temporaryCreditUntil(DEFAULT_CREDIT_RULES, today, days)).toBe(until));
});

describe('potential key accounts', () => {
  const qualify = (facts: Parameters<typeof potentialReason>[2]) => potentialReason(DEFAULT_POTENTIAL_RULES, DEFAULT_GRADING_RULES, facts);
  it.each([
    [12_000, null, null, 'spend'], // 80% of ¥150
    [11_999, null, null, null],
    [0, 'key_person', null, 'group_key_person'],
    [0, 'important_member', null, null],
    [0, null, 30_000, 'competitor_spend'],
    [0, null, 29_999, null],
  ] as const)('avg %i, role %s, competitor %s → %s', (fen, groupRole, competitorMonthlyFen, reason) => {
    expect(qualify({ ...spending(fen, { groupRole }), competitorMonthlyFen })).toBe(reason);
  });

  it('a customer who already is a key account is not a prospect', () => {
    expect(qualify({ ...spending(50_000, { currentGrade: 'guest' }), competitorMonthlyFen: null })).toBeNull();
  });

  it('the growth-value scheme measures its lowest bar per month', () => {
    expect(lowestTierAverageFen(GROWTH_VALUE_GRADING_RULES)).toBe(4_167);
  });
});
