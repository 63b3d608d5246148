import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_RULES, GROWTH_VALUE_GRADING_RULES } from './default-rules.data';
import { evaluateGrade, growthValuePoints } from './grading.policy';
import type { CustomerFacts } from './rule-facts';

/** A customer graded at the end of June 2026, activated long ago, six equal bills. */
function facts(overrides: Partial<CustomerFacts> & { monthlyFen?: number } = {}): CustomerFacts {
  const { monthlyFen = 0, ...rest } = overrides;
  return {
    asOf: '2026-06-30',
    activatedOn: '2020-01-01',
    monthlyBilledFen: Array.from({ length: 12 }, () => monthlyFen),
    arrearsSuspensionDates: [],
    groupRole: null,
    contractUntil: null,
    currentGrade: 'none',
    ...rest,
  };
}

describe('default grading: 6-month average monthly spend', () => {
  it.each([
    [169_999, 'gold'],
    [170_000, 'diamond'],
    [69_999, 'silver'],
    [70_000, 'gold'],
    [29_999, 'guest'],
    [30_000, 'silver'],
    [14_999, 'none'],
    [15_000, 'guest'],
    [0, 'none'],
  ] as const)('average %i fen → %s', (monthlyFen, grade) => {
    expect(evaluateGrade(DEFAULT_GRADING_RULES, facts({ monthlyFen })).grade).toBe(grade);
  });

  it('averages the six newest months only, the older ones do not count', () => {
    const bills = [340_000, 0, 340_000, 0, 340_000, 0, 9_000_000, 9_000_000];
    const result = evaluateGrade(DEFAULT_GRADING_RULES, facts({ monthlyBilledFen: bills }));
    expect(result).toMatchObject({ grade: 'diamond', measure: 170_000, reason: 'tier' });
  });

  it('a total one fen short of six times the bar stays below it', () => {
    const bills = [170_000, 170_000, 170_000, 170_000, 170_000, 169_999];
    expect(evaluateGrade(DEFAULT_GRADING_RULES, facts({ monthlyBilledFen: bills })).grade).toBe('gold');
  });

  it.each([
    ['2026-01-01', 5, 'tenure_short', 'none'],
    ['2025-12-31', 5, 'tenure_short', 'none'],
    ['2025-12-30', 6, 'tier', 'diamond'],
    ['2025-12-01', 6, 'tier', 'diamond'],
  ] as const)('activated %s: tenure %i months → %s', (activatedOn, months, reason, grade) => {
    const result = evaluateGrade(DEFAULT_GRADING_RULES, facts({ monthlyFen: 200_000, activatedOn }));
    expect(result).toMatchObject({ tenureMonths: months, reason, grade });
  });

  it('an unknown activation date is no tenure', () => {
    expect(evaluateGrade(DEFAULT_GRADING_RULES, facts({ monthlyFen: 200_000, activatedOn: null })).reason).toBe('tenure_short');
  });

  it.each([
    ['2026-03-30', 'recent_arrears', 'none'], // exactly 3 months before 30 June
    ['2026-04-15', 'recent_arrears', 'none'],
    ['2026-03-29', 'tier', 'diamond'],
    ['2026-02-28', 'tier', 'diamond'], // 4 months ago
    ['2026-07-01', 'tier', 'diamond'], // after the graded month
  ] as const)('arrears suspension on %s → %s', (date, reason, grade) => {
    const result = evaluateGrade(DEFAULT_GRADING_RULES, facts({ monthlyFen: 200_000, arrearsSuspensionDates: [date] }));
    expect(result).toMatchObject({ reason, grade });
  });

  it.each([
    [0, 'key_person', 'gold', 'group_role'],
    [0, 'important_member', 'silver', 'group_role'],
    [200_000, 'key_person', 'diamond', 'tier'],
    [80_000, 'important_member', 'gold', 'tier'],
  ] as const)('spend %i as %s takes the higher level: %s', (monthlyFen, groupRole, grade, reason) => {
    expect(evaluateGrade(DEFAULT_GRADING_RULES, facts({ monthlyFen, groupRole }))).toMatchObject({ grade, reason });
  });

  it('a group key person keeps the role level even when not yet eligible', () => {
    const result = evaluateGrade(DEFAULT_GRADING_RULES, facts({ monthlyFen: 200_000, groupRole: 'key_person', activatedOn: '2026-05-01' }));
    expect(result).toMatchObject({ grade: 'gold', reason: 'group_role' });
  });
});

describe('growth-value grading', () => {
  it.each([
    ['2025-07-01', 0, 0],
    ['2025-06-30', 0, 100],
    ['2023-07-01', 0, 100],
    ['2023-06-30', 0, 200],
    ['2016-06-30', 0, 300],
    ['2016-07-01', 0, 200],
    ['2020-01-01', 10_000, 1_200 + 200],
  ] as const)('activated %s, %i fen a month → %i points', (activatedOn, monthlyFen, points) => {
    expect(growthValuePoints(GROWTH_VALUE_GRADING_RULES, facts({ activatedOn, monthlyFen }))).toBe(points);
  });

  it.each([
    [31_901, 'diamond'], // 3,828 + 200 = 4,028
    [31_667, 'gold'], // 3,800 + 200 = 4,000: diamond is more than 4,000
    [15_000, 'gold'],
    [6_700, 'silver'],
    [2_500, 'guest'],
    [2_400, 'none'],
  ] as const)('%i fen a month over 12 months, 3+ years → %s', (monthlyFen, grade) => {
    expect(evaluateGrade(GROWTH_VALUE_GRADING_RULES, facts({ monthlyFen })).grade).toBe(grade);
  });

  it('needs a year of tenure', () => {
    expect(evaluateGrade(GROWTH_VALUE_GRADING_RULES, facts({ monthlyFen: 900_000, activatedOn: '2025-08-01' })).reason).toBe('tenure_short');
  });
});
