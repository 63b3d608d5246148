import { DomainError, assertNever } from '../errors';

/** Closed loop 受理→预约→派单→上门→竣工→(交付)→回访→归档, DOMAIN §4.1. */
export const WORK_ORDER_STATES = [
  'received',
  'appointed',
  'dispatched',
  'in_progress',
  'completed',
  'delivered',
  'revisit_pending',
  'archived',
  'on_hold',
  'reopened',
  'cancelled',
] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

export const WORK_ORDER_EVENTS = [
  'validate',
  'dispatch',
  'accept',
  'complete',
  'deliver',
  'revisit_due',
  'revisit_satisfied',
  'revisit_unsatisfied',
  'reopen',
  'redispatch',
  'hold',
  'resume',
  'cancel',
] as const;
export type WorkOrderEvent = (typeof WORK_ORDER_EVENTS)[number];

/**
 * What the transition does to the order's SLA clock (DOMAIN §4.1: it runs from RECEIVED to
 * COMPLETED and is paused on a customer-caused hold). `stop` on a clock that is already stopped
 * (a reopened order cancelled later) is a no-op for the caller.
 */
export const CLOCK_EFFECTS = ['none', 'pause', 'resume', 'stop'] as const;
export type ClockEffect = (typeof CLOCK_EFFECTS)[number];

/**
 * - `delivery_not_required`: skipping DELIVERED is only allowed when the order needs no delivery
 *   pack (delivery is required for circuits and KA headquarters, DOMAIN §3.9).
 * - `resume_to_held_state`: ON_HOLD returns to the state it was entered from, and only there.
 */
export const TRANSITION_GUARDS = ['delivery_not_required', 'resume_to_held_state'] as const;
export type TransitionGuard = (typeof TRANSITION_GUARDS)[number];

export interface WorkOrderTransition {
  readonly from: WorkOrderState;
  readonly to: WorkOrderState;
  readonly event: WorkOrderEvent;
  readonly clock: ClockEffect;
  readonly guard?: TransitionGuard;
}

/** States a customer-caused hold may interrupt ("any open state" before completion). */
export const HOLDABLE_STATES = ['received', 'appointed', 'dispatched', 'in_progress'] as const satisfies readonly WorkOrderState[];
export type HoldableState = (typeof HOLDABLE_STATES)[number];

const CANCELLABLE_STATES = [...HOLDABLE_STATES, 'on_hold'] as const satisfies readonly WorkOrderState[];

export const WORK_ORDER_TRANSITIONS: readonly WorkOrderTransition[] = [
  { from: 'received', to: 'appointed', event: 'validate', clock: 'none' },
  { from: 'appointed', to: 'dispatched', event: 'dispatch', clock: 'none' },
  { from: 'dispatched', to: 'in_progress', event: 'accept', clock: 'none' },
  { from: 'in_progress', to: 'completed', event: 'complete', clock: 'stop' },
  { from: 'completed', to: 'delivered', event: 'deliver', clock: 'none' },
  { from: 'completed', to: 'revisit_pending', event: 'revisit_due', clock: 'none', guard: 'delivery_not_required' },
  { from: 'delivered', to: 'revisit_pending', event: 'revisit_due', clock: 'none' },
  { from: 'revisit_pending', to: 'archived', event: 'revisit_satisfied', clock: 'none' },
  { from: 'revisit_pending', to: 'reopened', event: 'revisit_unsatisfied', clock: 'none' },
  // A complaint before the revisit reopens the order just the same; the AM owns the follow-up.
  { from: 'completed', to: 'reopened', event: 'reopen', clock: 'none' },
  { from: 'delivered', to: 'reopened', event: 'reopen', clock: 'none' },
  { from: 'reopened', to: 'dispatched', event: 'redispatch', clock: 'none' },
  ...HOLDABLE_STATES.map((from): WorkOrderTransition => ({ from, to: 'on_hold', event: 'hold', clock: 'pause' })),
  ...HOLDABLE_STATES.map(
    (to): WorkOrderTransition => ({ from: 'on_hold', to, event: 'resume', clock: 'resume', guard: 'resume_to_held_state' }),
  ),
  ...CANCELLABLE_STATES.map((from): WorkOrderTransition => ({ from, to: 'cancelled', event: 'cancel', clock: 'stop' })),
];

export const TERMINAL_WORK_ORDER_STATES = ['archived', 'cancelled'] as const satisfies readonly WorkOrderState[];

export interface TransitionContext {
  /** The state ON_HOLD was entered from; needed to resume. */
  readonly heldFrom?: WorkOrderState;
  /** Circuit orders and KA headquarters get a delivery pack before the revisit. */
  readonly deliveryRequired?: boolean;
}

export const WORK_ORDER_ERROR_CODES = ['work_order.illegal_transition', 'work_order.hold_origin_required'] as const;
export type WorkOrderErrorCode = (typeof WORK_ORDER_ERROR_CODES)[number];

export interface TransitionError {
  readonly code: WorkOrderErrorCode;
  readonly from: WorkOrderState;
  readonly to: WorkOrderState;
  readonly allowed: readonly WorkOrderState[];
  readonly message: string;
}

export type TransitionResult =
  | { readonly ok: true; readonly transition: WorkOrderTransition }
  | { readonly ok: false; readonly error: TransitionError };

function guardPasses(guard: TransitionGuard | undefined, transition: WorkOrderTransition, context: TransitionContext): boolean {
  if (guard === undefined) return true;
  switch (guard) {
    case 'delivery_not_required':
      return context.deliveryRequired !== true;
    case 'resume_to_held_state':
      // Without the origin every resume target is listed; transition() then asks for it.
      return context.heldFrom === undefined || context.heldFrom === transition.to;
    default:
      return assertNever(guard, 'transition guard');
  }
}

/** Target states reachable from `state`, guards applied with what the context tells. */
export function allowedTransitions(state: WorkOrderState, context: TransitionContext = {}): WorkOrderState[] {
  return WORK_ORDER_TRANSITIONS.filter((t) => t.from === state && guardPasses(t.guard, t, context)).map((t) => t.to);
}

export function transition(state: WorkOrderState, to: WorkOrderState, context: TransitionContext = {}): TransitionResult {
  const allowed = allowedTransitions(state, context);
  const match = WORK_ORDER_TRANSITIONS.find((t) => t.from === state && t.to === to);
  if (match === undefined || !allowed.includes(to)) {
    const list = allowed.length === 0 ? 'none (terminal state)' : allowed.join(', ');
    return {
      ok: false,
      error: { code: 'work_order.illegal_transition', from: state, to, allowed, message: `Cannot go from ${state} to ${to}; allowed: ${list}` },
    };
  }
  if (match.guard === 'resume_to_held_state' && context.heldFrom === undefined) {
    return {
      ok: false,
      error: {
        code: 'work_order.hold_origin_required',
        from: state,
        to,
        allowed,
        message: 'Resuming needs the state the order was held from',
      },
    };
  }
  return { ok: true, transition: match };
}

/** `transition` for callers that prefer an exception (the HTTP layer maps the code). */
export function assertTransition(state: WorkOrderState, to: WorkOrderState, context: TransitionContext = {}): WorkOrderTransition {
  const result = transition(state, to, context);
  if (result.ok) return result.transition;
  throw new DomainError<WorkOrderErrorCode>(result.error.code, result.error.message, { path: 'to' });
}
