import { describe, expect, it } from 'vitest';
import { COMPLAINT_STATES, type ComplaintState } from '../complaints/complaint.machine';
import { complaintStatesFor, planComplaintTicketTransition, TICKET_STATUS_OF_COMPLAINT } from './complaint-ticket-status';
import type { TroubleTicketStatus } from './trouble-ticket-status';

describe('complaint states as TMF621 statuses', () => {
  it('maps every state', () => {
    for (const state of COMPLAINT_STATES) expect(TICKET_STATUS_OF_COMPLAINT[state]).toBeDefined();
  });

  it('selects the states a status filter means', () => {
    expect(complaintStatesFor(['inProgress'])).toEqual(['assigned', 'processing', 'escalated']);
    expect(complaintStatesFor(['acknowledged', 'closed'])).toEqual(['received', 'closed']);
    expect(complaintStatesFor(['cancelled', 'pending', 'held', 'rejected'])).toEqual([]);
  });

  const cases: [from: ComplaintState, requested: TroubleTicketStatus, to: ComplaintState | null, allowed?: TroubleTicketStatus[]][] = [
    ['received', 'inProgress', 'assigned'],
    ['assigned', 'resolved', 'resolved'],
    ['processing', 'resolved', 'resolved'],
    ['escalated', 'resolved', 'resolved'],
    ['resolved', 'inProgress', 'processing'],
    ['resolved', 'closed', 'closed'],
    ['received', 'resolved', null, ['inProgress']],
    ['received', 'cancelled', null, ['inProgress']],
    ['closed', 'inProgress', null, []],
  ];
  it.each(cases)('%s asked to become %s → %s', (from, requested, to, allowed) => {
    const plan = planComplaintTicketTransition(from, requested);
    if (to === null) expect(plan).toEqual({ ok: false, allowed });
    else expect(plan).toEqual({ ok: true, to });
  });
});
