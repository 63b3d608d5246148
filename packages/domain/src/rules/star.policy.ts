import { arrearsSuspensionsWithin, billedOver, type CustomerFacts, tenureMonths } from './rule-facts';
import type { StarRules } from './rule-set.types';

/** 0 is unrated (准星 or below). */
export type StarScore = 0 | 1 | 2 | 3 | 4 | 5;

export interface StarResult {
  readonly star: StarScore;
  readonly base: StarScore;
  readonly underContract: boolean;
  readonly arrearsSuspensions: number;
}

function clampStar(value: number): StarScore {
  return Math.max(0, Math.min(5, value)) as StarScore;
}

export function evaluateStar(rules: StarRules, facts: CustomerFacts): StarResult {
  const tenure = tenureMonths(facts);
  const underContract = facts.contractUntil !== null && facts.contractUntil >= facts.asOf;
  const arrearsSuspensions = arrearsSuspensionsWithin(facts, rules.arrearsLookbackMonths);
  if (tenure < rules.minTenureMonths) return { star: 0, base: 0, underContract, arrearsSuspensions };
  const total = billedOver(facts, rules.averageMonths);
  const level = rules.levels.find((l) => total >= l.minAverageFen * rules.averageMonths && tenure >= l.minTenureMonths);
  const base: StarScore = level?.star ?? 0;
  if (base === 0) return { star: 0, base, underContract, arrearsSuspensions };
  const star = clampStar(base + (underContract ? rules.contractBonus : 0) - arrearsSuspensions * rules.arrearsPenaltyPerSuspension);
  return { star, base, underContract, arrearsSuspensions };
}
