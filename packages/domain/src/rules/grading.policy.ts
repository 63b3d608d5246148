import { assertNever } from '../errors';
import { arrearsSuspensionsWithin, billedOver, type CustomerFacts, tenureMonths } from './rule-facts';
import { type Grade, type GradingRules, type GrowthValueGrading, gradeRank } from './rule-set.types';

export const GRADE_REASONS = ['tier', 'below_lowest_tier', 'tenure_short', 'recent_arrears', 'group_role'] as const;
export type GradeReasonCode = (typeof GRADE_REASONS)[number];

export interface GradeResult {
  readonly grade: Grade;
  readonly reason: GradeReasonCode;
  /** The measure the tiers compare: average monthly fen, or growth-value points. */
  readonly measure: number;
  readonly tenureMonths: number;
}

export function growthValuePoints(rules: GrowthValueGrading, facts: CustomerFacts): number {
  const years = Math.floor(tenureMonths(facts) / 12);
  const tenure = rules.tenurePoints.reduce((points, band) => (years >= band.minYears ? band.points : points), 0);
  return Math.floor(billedOver(facts, 12) / 100) + tenure;
}

/** The grade the spend or growth value earns, before eligibility and group roles. */
function tierGrade(rules: GradingRules, facts: CustomerFacts): { grade: Grade; measure: number } {
  switch (rules.scheme) {
    case 'average_spend': {
      const total = billedOver(facts, rules.averageMonths);
      // Compare totals, not a rounded average: ¥1,699.99 a month must stay below ¥1,700.
      const tier = rules.tiers.find((t) => total >= t.minAverageFen * rules.averageMonths);
      return { grade: tier?.grade ?? 'none', measure: Math.floor(total / rules.averageMonths) };
    }
    case 'growth_value': {
      const points = growthValuePoints(rules, facts);
      return { grade: rules.tiers.find((t) => points >= t.minPoints)?.grade ?? 'none', measure: points };
    }
    default:
      return assertNever(rules, 'grading scheme');
  }
}

/** The grade a customer earns under `rules` at the end of the graded month, with the reason. */
export function evaluateGrade(rules: GradingRules, facts: CustomerFacts): GradeResult {
  const tenure = tenureMonths(facts);
  const { grade: earned, measure } = tierGrade(rules, facts);
  let grade: Grade = earned;
  let reason: GradeReasonCode = earned === 'none' ? 'below_lowest_tier' : 'tier';
  if (tenure < rules.minTenureMonths) {
    grade = 'none';
    reason = 'tenure_short';
  } else if (arrearsSuspensionsWithin(facts, rules.arrearsFreeMonths) > 0) {
    grade = 'none';
    reason = 'recent_arrears';
  }
  const roleGrade = facts.groupRole === null ? undefined : rules.groupRoleGrades[facts.groupRole];
  if (roleGrade !== undefined && gradeRank(roleGrade) > gradeRank(grade)) {
    grade = roleGrade;
    reason = 'group_role';
  }
  return { grade, reason, measure, tenureMonths: tenure };
}
