import { billedOver, type CustomerFacts } from './rule-facts';
import type { GradingRules, PotentialRules } from './rule-set.types';

export const POTENTIAL_REASONS = ['spend', 'group_key_person', 'competitor_spend'] as const;
export type PotentialReason = (typeof POTENTIAL_REASONS)[number];

export interface PotentialFacts extends CustomerFacts {
  /** The largest monthly spend recorded with a competitor, if any. */
  readonly competitorMonthlyFen: number | null;
}

/** The lowest key-account bar expressed as an average monthly spend in fen (growth value: points → yuan). */
export function lowestTierAverageFen(grading: GradingRules): number {
  if (grading.scheme === 'average_spend') return Math.min(...grading.tiers.map((t) => t.minAverageFen));
  // Growth value counts a year's spend at 1 point per yuan: the monthly equivalent of the lowest bar.
  return Math.ceil((Math.min(...grading.tiers.map((t) => t.minPoints)) * 100) / 12);
}

/** Why a customer who is not a key account qualifies as a potential one, or null. */
export function potentialReason(rules: PotentialRules, grading: GradingRules, facts: PotentialFacts): PotentialReason | null {
  if (facts.currentGrade !== 'none') return null;
  const bar = lowestTierAverageFen(grading) * rules.shareOfLowestTierPercent * rules.averageMonths;
  if (billedOver(facts, rules.averageMonths) * 100 >= bar) return 'spend';
  if (rules.groupKeyPerson && facts.groupRole === 'key_person') return 'group_key_person';
  if (rules.competitorMinMonthlyFen > 0 && (facts.competitorMonthlyFen ?? 0) >= rules.competitorMinMonthlyFen) return 'competitor_spend';
  return null;
}
