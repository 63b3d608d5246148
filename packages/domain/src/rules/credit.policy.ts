import { arrearsSuspensionsWithin, type CustomerFacts, tenureMonths } from './rule-facts';
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

export function evaluateCredit(rules: CreditRules, facts: CreditFacts): CreditResult {
  const tenure = Math.min(tenureMonths(facts), rules.tenureFullMonths);
  const tenurePart = (rules.tenureWeight * tenure) / rules.tenureFullMonths;
  // No bills yet means no evidence either way: half the punctuality weight.
  const punctuality = facts.billsDue === 0 ? 0.5 : facts.billsPaidOnTime / facts.billsDue;
  const suspensions = arrearsSuspensionsWithin(facts, rules.suspensionLookbackMonths) * rules.suspensionPenalty;
  const arrears = Math.min(rules.maxArrearsPenalty, facts.arrearsAgeDays * rules.arrearsDayPenalty);
  const raw = rules.baseScore + tenurePart + rules.punctualityWeight * punctuality - suspensions - arrears;
  const score = Math.max(0, Math.min(100, Math.floor(raw)));
  const band = rules.limits.find((l) => score >= l.minScore);
  return { score, limitFen: band?.limitFen ?? 0 };
}

/** Temporary credit may not outlast the rule's ceiling (at most 7 days, DOMAIN §3.3). */
export function temporaryCreditAllowed(rules: CreditRules, days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= rules.maxTemporaryCreditDays;
}
