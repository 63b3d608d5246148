import { allowedComplaintTransitions, type ComplaintState } from '../complaints/complaint.machine';
import type { TroubleTicketStatus } from './trouble-ticket-status';

/**
 * How a complaint's state reads in TMF621. Assigned, processing and escalated are all work under way
 * (`inProgress`); the escalation level is not a status. A complaint is never withdrawn, so no state
 * reads `cancelled`, `rejected`, `pending` or `held`.
 */
export const TICKET_STATUS_OF_COMPLAINT: Readonly<Record<ComplaintState, TroubleTicketStatus>> = {
  received: 'acknowledged',
  assigned: 'inProgress',
  processing: 'inProgress',
  escalated: 'inProgress',
  resolved: 'resolved',
  closed: 'closed',
};

/** Complaint states whose TMF status is one of `statuses`: what a `?status=` filter selects. */
export function complaintStatesFor(statuses: readonly string[]): ComplaintState[] {
  return (Object.entries(TICKET_STATUS_OF_COMPLAINT) as [ComplaintState, TroubleTicketStatus][])
    .filter(([, status]) => statuses.includes(status))
    .map(([state]) => state);
}

export type ComplaintTicketPlan =
  | { readonly ok: true; readonly to: ComplaintState }
  | { readonly ok: false; readonly allowed: readonly TroubleTicketStatus[] };

/**
 * The one complaint transition a TMF status change asks for: the first state the machine allows from
 * here that reads as the requested status (acknowledged → inProgress assigns it, resolved →
 * inProgress reopens it). Escalation keeps the status, so TMF cannot ask for it.
 */
export function planComplaintTicketTransition(from: ComplaintState, requested: TroubleTicketStatus): ComplaintTicketPlan {
  const reachable = allowedComplaintTransitions(from).filter((state) => state !== 'escalated');
  const to = reachable.find((state) => TICKET_STATUS_OF_COMPLAINT[state] === requested);
  if (to !== undefined) return { ok: true, to };
  const allowed = [...new Set(reachable.map((state) => TICKET_STATUS_OF_COMPLAINT[state]))].filter((status) => status !== TICKET_STATUS_OF_COMPLAINT[from]);
  return { ok: false, allowed };
}
