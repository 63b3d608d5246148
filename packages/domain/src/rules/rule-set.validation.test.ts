import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDIT_RULES, DEFAULT_LOAD_LIMIT_RULES, DEFAULT_GRADING_RULES, DEFAULT_POINTS_RULES, DEFAULT_POTENTIAL_RULES, DEFAULT_STAR_RULES, GROWTH_VALUE_GRADING_RULES } from './default-rules.data';
import type { AverageSpendGrading } from './rule-set.types';
import { loadLimitsLooserThan, validateRuleBody } from './rule-set.validation';
import { tightestLoadLimits } from './rule-set.types';

const tiers = (...list: AverageSpendGrading['tiers']) => ({ ...DEFAULT_GRADING_RULES, tiers: list });

describe('rule-set validation', () => {
  it('accepts every shipped default', () => {
    expect(validateRuleBody('grading', DEFAULT_GRADING_RULES)).toEqual([]);
    expect(validateRuleBody('grading', GROWTH_VALUE_GRADING_RULES)).toEqual([]);
    expect(validateRuleBody('star', DEFAULT_STAR_RULES)).toEqual([]);
    expect(validateRuleBody('credit', DEFAULT_CREDIT_RULES)).toEqual([]);
    expect(validateRuleBody('points', DEFAULT_POINTS_RULES)).toEqual([]);
    expect(validateRuleBody('potential', DEFAULT_POTENTIAL_RULES)).toEqual([]);
    expect(validateRuleBody('load_limits', DEFAULT_LOAD_LIMIT_RULES)).toEqual([]);
  });

  it.each([
    [tiers({ grade: 'diamond', minAverageFen: 70_000 }, { grade: 'gold', minAverageFen: 170_000 }), 'tiers[1].minAverageFen', 'unordered'],
    [tiers({ grade: 'diamond', minAverageFen: 70_000 }, { grade: 'gold', minAverageFen: 70_000 }), 'tiers[1].minAverageFen', 'duplicate'],
    [tiers({ grade: 'diamond', minAverageFen: 170_000 }, { grade: 'silver', minAverageFen: 30_000 }), 'tiers[1].grade', 'gap'],
    [tiers({ grade: 'gold', minAverageFen: 170_000 }, { grade: 'gold', minAverageFen: 30_000 }), 'tiers[1].grade', 'duplicate'],
    [tiers({ grade: 'gold', minAverageFen: -1 }), 'tiers[0].minAverageFen', 'negative'],
    [tiers(), 'tiers', 'empty'],
    [{ ...DEFAULT_GRADING_RULES, averageMonths: 0 }, 'averageMonths', 'out_of_range'],
  ] as const)('grading %#: %s %s', (body, path, code) => {
    expect(validateRuleBody('grading', body)).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('rejects negative multipliers and a bad redemption rate', () => {
    const issues = validateRuleBody('points', { ...DEFAULT_POINTS_RULES, multiplierPercent: { ...DEFAULT_POINTS_RULES.multiplierPercent, star2: -150 }, pointsPerYuan: 0 });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['multiplierPercent.star2', 'negative'],
      ['pointsPerYuan', 'out_of_range'],
    ]);
  });

  it('keeps temporary credit within 7 days and every score covered', () => {
    const issues = validateRuleBody('credit', { ...DEFAULT_CREDIT_RULES, maxTemporaryCreditDays: 8, limits: [{ minScore: 60, limitFen: 1 }] });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['maxTemporaryCreditDays', 'out_of_range'],
      ['limits[0].minScore', 'gap'],
    ]);
  });

  it('star levels go 5★ down without gaps', () => {
    const levels = [DEFAULT_STAR_RULES.levels[0], DEFAULT_STAR_RULES.levels[2]].filter((l) => l !== undefined);
    expect(validateRuleBody('star', { ...DEFAULT_STAR_RULES, levels })).toContainEqual(expect.objectContaining({ path: 'levels[1].star', code: 'gap' }));
  });

  it('growth-value tenure bands go up in years', () => {
    const body = { ...GROWTH_VALUE_GRADING_RULES, tenurePoints: [{ minYears: 3, points: 200 }, { minYears: 1, points: 100 }] };
    expect(validateRuleBody('grading', body)).toEqual([expect.objectContaining({ path: 'tenurePoints[1].minYears', code: 'unordered' })]);
  });

  it.each([
    [{ vip: 0, guest: 300 }, 'vip'],
    [{ vip: 50, guest: 10_001 }, 'guest'],
  ])('load limits stay between 1 and 10,000 (%#)', (body, path) => {
    expect(validateRuleBody('load_limits', body)).toEqual([expect.objectContaining({ path, code: 'out_of_range' })]);
  });

  it('a lower level may tighten a load limit but not loosen it', () => {
    const hq = DEFAULT_LOAD_LIMIT_RULES;
    expect(loadLimitsLooserThan({ vip: 40, guest: 300 }, hq)).toEqual([]);
    expect(loadLimitsLooserThan({ vip: 51, guest: 299 }, hq)).toEqual([expect.objectContaining({ path: 'vip', code: 'looser_than_parent' })]);
    expect(loadLimitsLooserThan({ vip: 50, guest: 301 }, hq).map((i) => i.path)).toEqual(['guest']);
  });

  it('the tightest of the sets in force wins, tier by tier', () => {
    expect(tightestLoadLimits([{ vip: 50, guest: 300 }, { vip: 40, guest: 350 }], DEFAULT_LOAD_LIMIT_RULES)).toEqual({ vip: 40, guest: 300 });
    expect(tightestLoadLimits([], DEFAULT_LOAD_LIMIT_RULES)).toEqual(DEFAULT_LOAD_LIMIT_RULES);
  });
});
