import { DomainError } from '../errors';

export const RULES_ERROR_CODES = ['rule_set.illegal_transition', 'regrade.illegal_transition', 'potential.illegal_transition'] as const;
export type RulesErrorCode = (typeof RULES_ERROR_CODES)[number];

interface Transition<S extends string, E extends string> {
  readonly from: S;
  readonly event: E;
  readonly to: S;
}

/** A rule set is edited as a draft, activated once, and retired when another set of its kind and org is activated. */
export const RULE_SET_TRANSITIONS = [
  { from: 'draft', event: 'activate', to: 'active' },
  { from: 'active', event: 'retire', to: 'retired' },
] as const satisfies readonly Transition<'draft' | 'active' | 'retired', 'activate' | 'retire'>[];
export type RuleSetEvent = (typeof RULE_SET_TRANSITIONS)[number]['event'];

/** DOMAIN §4.6: a proposal is reviewed (item by item), then applied or discarded; applied runs are final. */
export const REGRADE_RUN_TRANSITIONS = [
  { from: 'proposed', event: 'apply', to: 'applied' },
  { from: 'proposed', event: 'discard', to: 'discarded' },
] as const satisfies readonly Transition<'proposed' | 'applied' | 'discarded', 'apply' | 'discard'>[];
export type RegradeRunEvent = (typeof REGRADE_RUN_TRANSITIONS)[number]['event'];

function next<S extends string, E extends string>(table: readonly Transition<S, E>[], code: RulesErrorCode, from: S, event: E): S {
  const found = table.find((t) => t.from === from && t.event === event);
  if (found === undefined) throw new DomainError<RulesErrorCode>(code, `Cannot ${event} from ${from}`, { path: 'event' });
  return found.to;
}

export function ruleSetTransition(from: 'draft' | 'active' | 'retired', event: RuleSetEvent) {
  return next(RULE_SET_TRANSITIONS, 'rule_set.illegal_transition', from, event);
}

export function regradeRunTransition(from: 'proposed' | 'applied' | 'discarded', event: RegradeRunEvent) {
  return next(REGRADE_RUN_TRANSITIONS, 'regrade.illegal_transition', from, event);
}

/** DOMAIN §3.5: the account manager confirms a prospect, the district approves (or rejects) the promotion. */
export const POTENTIAL_TRANSITIONS = [
  { from: 'qualified', event: 'confirm', to: 'confirmed' },
  { from: 'qualified', event: 'reject', to: 'rejected' },
  { from: 'confirmed', event: 'approve', to: 'approved' },
  { from: 'confirmed', event: 'reject', to: 'rejected' },
] as const satisfies readonly Transition<'qualified' | 'confirmed' | 'approved' | 'rejected', 'confirm' | 'approve' | 'reject'>[];
export type PotentialEvent = (typeof POTENTIAL_TRANSITIONS)[number]['event'];

export function potentialTransition(from: 'qualified' | 'confirmed' | 'approved' | 'rejected', event: PotentialEvent) {
  return next(POTENTIAL_TRANSITIONS, 'potential.illegal_transition', from, event);
}
