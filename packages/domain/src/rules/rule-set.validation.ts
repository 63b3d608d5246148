import { assertNever } from '../errors';
import { KEY_ACCOUNT_GRADES, LOAD_TIERS, type LoadLimitRules, type RuleBodies, type RuleKind } from './rule-set.types';

export const RULE_ISSUE_CODES = ['unordered', 'duplicate', 'gap', 'negative', 'out_of_range', 'empty', 'looser_than_parent'] as const;
export type RuleIssueCode = (typeof RULE_ISSUE_CODES)[number];

/** One problem in a rule body; `path` is relative to the body (`tiers[1].minAverageFen`). */
export interface RuleIssue {
  readonly path: string;
  readonly code: RuleIssueCode;
  readonly message: string;
}

type Issues = RuleIssue[];

function nonNegative(issues: Issues, path: string, value: number): void {
  if (value < 0) issues.push({ path, code: 'negative', message: `${path} must not be negative` });
}

function within(issues: Issues, path: string, value: number, min: number, max: number): void {
  if (value < min || value > max) issues.push({ path, code: 'out_of_range', message: `${path} must be between ${min} and ${max}` });
}

/** Thresholds best first: each strictly below the one before (equal ones would overlap). */
function descending(issues: Issues, list: readonly number[], path: (i: number) => string): void {
  list.forEach((value, i) => {
    nonNegative(issues, path(i), value);
    const previous = list[i - 1];
    if (previous !== undefined && value >= previous) {
      issues.push({
        path: path(i),
        code: value === previous ? 'duplicate' : 'unordered',
        message: `${path(i)} must be below the one before it (${previous})`,
      });
    }
  });
}

/** Grade tiers must name consecutive grades, best first, none skipped or repeated. */
function consecutiveGrades(issues: Issues, grades: readonly string[]): void {
  if (grades.length === 0) {
    issues.push({ path: 'tiers', code: 'empty', message: 'at least one tier is needed' });
    return;
  }
  const start = KEY_ACCOUNT_GRADES.indexOf(grades[0] as (typeof KEY_ACCOUNT_GRADES)[number]);
  grades.forEach((grade, i) => {
    if (grade !== KEY_ACCOUNT_GRADES[start + i]) {
      const seen = grades.indexOf(grade) < i;
      issues.push({
        path: `tiers[${i}].grade`,
        code: seen ? 'duplicate' : 'gap',
        message: seen ? `${grade} appears twice` : `expected ${KEY_ACCOUNT_GRADES[start + i] ?? 'no further tier'} after ${grades[i - 1] ?? 'the start'}`,
      });
    }
  });
}

function validateGrading(body: RuleBodies['grading']): Issues {
  const issues: Issues = [];
  consecutiveGrades(issues, body.tiers.map((t) => t.grade));
  nonNegative(issues, 'minTenureMonths', body.minTenureMonths);
  nonNegative(issues, 'arrearsFreeMonths', body.arrearsFreeMonths);
  switch (body.scheme) {
    case 'average_spend':
      within(issues, 'averageMonths', body.averageMonths, 1, 12);
      descending(issues, body.tiers.map((t) => t.minAverageFen), (i) => `tiers[${i}].minAverageFen`);
      break;
    case 'growth_value':
      descending(issues, body.tiers.map((t) => t.minPoints), (i) => `tiers[${i}].minPoints`);
      body.tenurePoints.forEach((band, i) => {
        nonNegative(issues, `tenurePoints[${i}].points`, band.points);
        const previous = body.tenurePoints[i - 1];
        if (previous !== undefined && band.minYears <= previous.minYears) {
          issues.push({ path: `tenurePoints[${i}].minYears`, code: 'unordered', message: 'tenure bands must go up in years' });
        }
      });
      break;
    default:
      return assertNever(body, 'grading scheme');
  }
  return issues;
}

function validateStar(body: RuleBodies['star']): Issues {
  const issues: Issues = [];
  within(issues, 'averageMonths', body.averageMonths, 1, 12);
  nonNegative(issues, 'minTenureMonths', body.minTenureMonths);
  nonNegative(issues, 'contractBonus', body.contractBonus);
  nonNegative(issues, 'arrearsPenaltyPerSuspension', body.arrearsPenaltyPerSuspension);
  nonNegative(issues, 'arrearsLookbackMonths', body.arrearsLookbackMonths);
  if (body.levels.length === 0) issues.push({ path: 'levels', code: 'empty', message: 'at least one level is needed' });
  body.levels.forEach((level, i) => {
    if (level.star !== 5 - i) issues.push({ path: `levels[${i}].star`, code: 'gap', message: `expected ${5 - i}★ here: levels go 5★ down without gaps` });
    nonNegative(issues, `levels[${i}].minTenureMonths`, level.minTenureMonths);
  });
  descending(issues, body.levels.map((l) => l.minAverageFen), (i) => `levels[${i}].minAverageFen`);
  return issues;
}

function validateCredit(body: RuleBodies['credit']): Issues {
  const issues: Issues = [];
  for (const key of ['baseScore', 'tenureWeight', 'punctualityWeight', 'suspensionPenalty', 'arrearsDayPenalty', 'maxArrearsPenalty'] as const) {
    within(issues, key, body[key], 0, 100);
  }
  if (body.baseScore + body.tenureWeight + body.punctualityWeight > 100) {
    issues.push({ path: 'punctualityWeight', code: 'out_of_range', message: 'baseScore + tenureWeight + punctualityWeight must not pass 100' });
  }
  within(issues, 'tenureFullMonths', body.tenureFullMonths, 1, 600);
  nonNegative(issues, 'suspensionLookbackMonths', body.suspensionLookbackMonths);
  within(issues, 'maxTemporaryCreditDays', body.maxTemporaryCreditDays, 1, 7);
  descending(issues, body.limits.map((l) => l.minScore), (i) => `limits[${i}].minScore`);
  body.limits.forEach((l, i) => nonNegative(issues, `limits[${i}].limitFen`, l.limitFen));
  const last = body.limits.at(-1);
  if (last === undefined || last.minScore !== 0) {
    issues.push({ path: `limits[${Math.max(0, body.limits.length - 1)}].minScore`, code: 'gap', message: 'the last band must start at score 0 so every score has a limit' });
  }
  return issues;
}

function validatePoints(body: RuleBodies['points']): Issues {
  const issues: Issues = [];
  for (const [key, value] of Object.entries(body.multiplierPercent)) nonNegative(issues, `multiplierPercent.${key}`, value);
  within(issues, 'expiryYearsAfter', body.expiryYearsAfter, 0, 10);
  within(issues, 'expiryNoticeDays', body.expiryNoticeDays, 0, 366);
  within(issues, 'pointsPerYuan', body.pointsPerYuan, 1, 100_000);
  return issues;
}

function validatePotential(body: RuleBodies['potential']): Issues {
  const issues: Issues = [];
  within(issues, 'averageMonths', body.averageMonths, 1, 12);
  within(issues, 'shareOfLowestTierPercent', body.shareOfLowestTierPercent, 1, 100);
  nonNegative(issues, 'competitorMinMonthlyFen', body.competitorMinMonthlyFen);
  return issues;
}

/** A manager can carry at least one customer of each tier; more than 10,000 is a typing slip, not a limit. */
function validateLoadLimits(body: RuleBodies['load_limits']): Issues {
  const issues: Issues = [];
  for (const tier of LOAD_TIERS) within(issues, tier, body[tier], 1, 10_000);
  return issues;
}

/**
 * DOMAIN §3.6 and requirement 1: HQ publishes the load limits and a lower level may only tighten them.
 * `parent` is what governs the owner's parent org (the tightest set above it).
 */
export function loadLimitsLooserThan(body: LoadLimitRules, parent: LoadLimitRules): RuleIssue[] {
  return LOAD_TIERS.filter((tier) => body[tier] > parent[tier]).map((tier) => ({
    path: tier,
    code: 'looser_than_parent' as const,
    message: `${tier} must not exceed the ${parent[tier]} set above this org (a lower level may only tighten a limit)`,
  }));
}

/** The business checks zod cannot express: order, gaps, overlaps, signs and ranges. */
export function validateRuleBody<K extends RuleKind>(kind: K, body: RuleBodies[K]): RuleIssue[] {
  const typed = { kind, body } as { [P in RuleKind]: { kind: P; body: RuleBodies[P] } }[RuleKind];
  switch (typed.kind) {
    case 'grading':
      return validateGrading(typed.body);
    case 'star':
      return validateStar(typed.body);
    case 'credit':
      return validateCredit(typed.body);
    case 'points':
      return validatePoints(typed.body);
    case 'potential':
      return validatePotential(typed.body);
    case 'load_limits':
      return validateLoadLimits(typed.body);
    default:
      return assertNever(typed, 'rule kind');
  }
}
