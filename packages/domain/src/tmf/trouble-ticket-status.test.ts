import { describe, expect, it } from 'vitest';
import { WORK_ORDER_STATES, type WorkOrderState } from '../sla/work-order.machine';
import { planTicketTransition, TICKET_STATUS_OF_WORK_ORDER, workOrderStatesFor, type TroubleTicketStatus } from './trouble-ticket-status';

describe('work-order states as TMF621 statuses', () => {
  it('maps every state', () => {
    for (const state of WORK_ORDER_STATES) expect(TICKET_STATUS_OF_WORK_ORDER[state]).toBeDefined();
  });

  it('selects the states a status filter means', () => {
    expect(workOrderStatesFor(['resolved'])).toEqual(['completed', 'delivered', 'revisit_pending']);
    expect(workOrderStatesFor(['pending', 'closed'])).toEqual(['on_hold', 'archived']);
    expect(workOrderStatesFor(['held', 'rejected'])).toEqual([]);
  });

  const cases: [from: WorkOrderState, requested: TroubleTicketStatus, context: { heldFrom?: WorkOrderState; deliveryRequired?: boolean }, to: WorkOrderState | null][] = [
    ['received', 'inProgress', {}, 'appointed'],
    ['appointed', 'inProgress', {}, 'dispatched'],
    ['in_progress', 'resolved', {}, 'completed'],
    ['completed', 'inProgress', {}, 'reopened'],
    ['revisit_pending', 'closed', {}, 'archived'],
    ['received', 'pending', {}, 'on_hold'],
    ['on_hold', 'inProgress', { heldFrom: 'dispatched' }, 'dispatched'],
    ['on_hold', 'acknowledged', { heldFrom: 'received' }, 'received'],
    ['dispatched', 'cancelled', {}, 'cancelled'],
    ['received', 'resolved', {}, null],
    ['completed', 'closed', { deliveryRequired: true }, null],
    ['archived', 'inProgress', {}, null],
  ];
  it.each(cases)('%s asked to become %s → %s', (from, requested, context, to) => {
    const plan = planTicketTransition(from, requested, context);
    expect(plan.ok ? plan.to : null).toBe(to);
  });

  it('names the statuses reachable in one step when refusing', () => {
    expect(planTicketTransition('received', 'resolved', {})).toEqual({ ok: false, allowed: ['inProgress', 'pending', 'cancelled'] });
    expect(planTicketTransition('archived', 'inProgress', {})).toEqual({ ok: false, allowed: [] });
  });
});
