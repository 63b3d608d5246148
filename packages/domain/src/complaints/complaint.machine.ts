import { assertNever } from '../errors';

/**
 * Complaint lifecycle, DOMAIN §4.2. The escalation level is the machine's second coordinate:
 * ESCALATED_L2 / ESCALATED_L3 of the domain text are `escalated` at level 2 / 3, so a hot complaint
 * can start at level 2 while still being `received`.
 */
export const COMPLAINT_STATES = ['received', 'assigned', 'processing', 'escalated', 'resolved', 'closed'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

export const COMPLAINT_LEVELS = [1, 2, 3] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];
export const TOP_COMPLAINT_LEVEL: ComplaintLevel = 3;

export const COMPLAINT_EVENTS = ['assign', 'start', 'escalate', 'resolve', 'confirm', 'reopen'] as const;
export type ComplaintEvent = (typeof COMPLAINT_EVENTS)[number];

/**
 * - `below_top_level`: there is no level above province (3).
 * - `has_resolution`: a complaint is resolved with a written solution.
 * - `closing_rules`: resolution, root cause with sub-reason, and the customer's confirmation or
 *   the reason none was possible (see `missingForClose`).
 */
export const COMPLAINT_GUARDS = ['below_top_level', 'has_resolution', 'closing_rules'] as const;
export type ComplaintGuard = (typeof COMPLAINT_GUARDS)[number];

export interface ComplaintTransition {
  readonly from: ComplaintState;
  readonly to: ComplaintState;
  readonly event: ComplaintEvent;
  readonly guard?: ComplaintGuard;
}

const WORKING_STATES = ['assigned', 'processing', 'escalated'] as const satisfies readonly ComplaintState[];
// A complaint nobody took within its level's limit still climbs: the next level has to take it.
const ESCALATABLE_STATES = ['received', ...WORKING_STATES] as const satisfies readonly ComplaintState[];

export const COMPLAINT_TRANSITIONS: readonly ComplaintTransition[] = [
  { from: 'received', to: 'assigned', event: 'assign' },
  { from: 'assigned', to: 'processing', event: 'start' },
  ...ESCALATABLE_STATES.map((from): ComplaintTransition => ({ from, to: 'escalated', event: 'escalate', guard: 'below_top_level' })),
  ...WORKING_STATES.map((from): ComplaintTransition => ({ from, to: 'resolved', event: 'resolve', guard: 'has_resolution' })),
  { from: 'resolved', to: 'closed', event: 'confirm', guard: 'closing_rules' },
  // The customer rejects the solution (in the revisit or otherwise): work resumes, reopen count + 1.
  { from: 'resolved', to: 'processing', event: 'reopen' },
];

export const OPEN_COMPLAINT_STATES = ['received', 'assigned', 'processing', 'escalated'] as const satisfies readonly ComplaintState[];

export const ROOT_CAUSES = ['value', 'system', 'people'] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

/** What the record holds (or the transition brings) that guards look at. */
export interface ComplaintFacts {
  readonly level: ComplaintLevel;
  readonly resolution?: string | null;
  readonly rootCause?: RootCause | null;
  readonly rootCauseDetail?: string | null;
  readonly customerConfirmed?: boolean | null;
  readonly noConfirmationReason?: string | null;
}

export const CLOSING_FIELDS = ['resolution', 'rootCause', 'rootCauseDetail', 'customerConfirmation'] as const;
export type ClosingField = (typeof CLOSING_FIELDS)[number];

const filled = (text: string | null | undefined) => text !== undefined && text !== null && text.trim() !== '';

/** The fields a complaint still lacks to close (S3: root cause after closure; §3.11). */
export function missingForClose(facts: ComplaintFacts): ClosingField[] {
  const missing: ClosingField[] = [];
  if (!filled(facts.resolution)) missing.push('resolution');
  if (facts.rootCause === undefined || facts.rootCause === null) missing.push('rootCause');
  if (!filled(facts.rootCauseDetail)) missing.push('rootCauseDetail');
  if (facts.customerConfirmed !== true && !filled(facts.noConfirmationReason)) missing.push('customerConfirmation');
  return missing;
}

function guardPasses(guard: ComplaintGuard | undefined, facts: ComplaintFacts): boolean {
  if (guard === undefined) return true;
  switch (guard) {
    case 'below_top_level':
      return facts.level < TOP_COMPLAINT_LEVEL;
    case 'has_resolution':
      return filled(facts.resolution);
    case 'closing_rules':
      return missingForClose(facts).length === 0;
    default:
      return assertNever(guard, 'complaint guard');
  }
}

export type ComplaintTransitionResult =
  | { readonly ok: true; readonly transition: ComplaintTransition; readonly level: ComplaintLevel }
  | {
      readonly ok: false;
      readonly code: 'complaint.illegal_transition' | 'complaint.top_level_reached' | 'complaint.close_incomplete' | 'complaint.resolution_required';
      readonly message: string;
      /** Target states reachable by shape (guards aside), for the error's hint. */
      readonly allowed: readonly ComplaintState[];
      readonly missing: readonly ClosingField[];
    };

export function allowedComplaintTransitions(state: ComplaintState): ComplaintState[] {
  return COMPLAINT_TRANSITIONS.filter((t) => t.from === state).map((t) => t.to);
}

/**
 * Checks one transition. Closing is judged on its rules before its origin, so a client asking to
 * close too early learns every field it still lacks, not only that the state is wrong.
 */
export function complaintTransition(state: ComplaintState, to: ComplaintState, facts: ComplaintFacts): ComplaintTransitionResult {
  const allowed = allowedComplaintTransitions(state);
  const fail = (code: Extract<ComplaintTransitionResult, { ok: false }>['code'], message: string, missing: readonly ClosingField[] = []) =>
    ({ ok: false, code, message, allowed, missing }) as const;
  if (to === 'closed') {
    const missing = missingForClose(facts);
    if (missing.length > 0) return fail('complaint.close_incomplete', `A complaint cannot close without: ${missing.join(', ')}`, missing);
  }
  const match = COMPLAINT_TRANSITIONS.find((t) => t.from === state && t.to === to);
  if (match === undefined) {
    return fail('complaint.illegal_transition', `Cannot go from ${state} to ${to}; allowed: ${allowed.join(', ') || 'none (terminal state)'}`);
  }
  if (!guardPasses(match.guard, facts)) {
    if (match.guard === 'below_top_level') return fail('complaint.top_level_reached', `Level ${facts.level} is the top level; there is nowhere to escalate`);
    if (match.guard === 'has_resolution') return fail('complaint.resolution_required', 'A complaint is resolved with a written resolution', ['resolution']);
  }
  const level = (match.event === 'escalate' ? facts.level + 1 : facts.level) as ComplaintLevel;
  return { ok: true, transition: match, level };
}
