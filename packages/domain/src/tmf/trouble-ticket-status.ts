import { allowedTransitions, type TransitionContext, type WorkOrderState } from '../sla/work-order.machine';

/** TMF621 TroubleTicketStatusType, identical in v4 and v5. */
export const TROUBLE_TICKET_STATUSES = ['acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'closed', 'resolved'] as const;
export type TroubleTicketStatus = (typeof TROUBLE_TICKET_STATUSES)[number];

export function isTroubleTicketStatus(value: string): value is TroubleTicketStatus {
  return (TROUBLE_TICKET_STATUSES as readonly string[]).includes(value);
}

/**
 * How a work order's state reads in TMF621. A hold is customer-caused (the SLA clock pauses), so it is
 * `pending` — waiting on the requester — rather than `held` (blocked on our side). Completed,
 * delivered and awaiting the revisit are all `resolved`: the requester may still reject it (reopen).
 * No work-order state reads `rejected` or `held`.
 */
export const TICKET_STATUS_OF_WORK_ORDER: Readonly<Record<WorkOrderState, TroubleTicketStatus>> = {
  received: 'acknowledged',
  appointed: 'inProgress',
  dispatched: 'inProgress',
  in_progress: 'inProgress',
  reopened: 'inProgress',
  on_hold: 'pending',
  completed: 'resolved',
  delivered: 'resolved',
  revisit_pending: 'resolved',
  archived: 'closed',
  cancelled: 'cancelled',
};

/** Work-order states whose TMF status is one of `statuses`: what a `?status=` filter selects. */
export function workOrderStatesFor(statuses: readonly string[]): WorkOrderState[] {
  return (Object.entries(TICKET_STATUS_OF_WORK_ORDER) as [WorkOrderState, TroubleTicketStatus][])
    .filter(([, status]) => statuses.includes(status))
    .map(([state]) => state);
}

export type TicketTransitionPlan =
  | { readonly ok: true; readonly to: WorkOrderState }
  | { readonly ok: false; readonly allowed: readonly TroubleTicketStatus[] };

/**
 * The one work-order transition a TMF status change asks for: the first state the machine allows
 * from here that reads as the requested status. A change that would take several steps (acknowledged
 * straight to resolved) is refused with the statuses reachable in one.
 */
export function planTicketTransition(from: WorkOrderState, requested: TroubleTicketStatus, context: TransitionContext): TicketTransitionPlan {
  const reachable = allowedTransitions(from, context);
  const to = reachable.find((state) => TICKET_STATUS_OF_WORK_ORDER[state] === requested);
  if (to !== undefined) return { ok: true, to };
  const allowed = [...new Set(reachable.map((state) => TICKET_STATUS_OF_WORK_ORDER[state]))].filter(
    (status) => status !== TICKET_STATUS_OF_WORK_ORDER[from],
  );
  return { ok: false, allowed };
}
