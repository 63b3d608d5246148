import { loadTroubleTicketRow, lockWorkOrder, updateWorkOrderStatus, type Executor } from '@patron/db';
import type { WorkOrderState } from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../audit';
import { AppError, notFound } from '../../errors';
import { publishOrderAppointment, RESCHEDULABLE_STATES, type AppointmentWindowInput } from '../tmf/appointment.tmf-resource';
import { publishWorkOrderTicket } from '../tmf/work-order.ticket-resource';

/**
 * Moves (reschedules) or removes a work order's appointment window without a state change, in the
 * caller's transaction: only before the visit has begun. Audited, and sent to TMF listeners.
 */
export async function setWorkOrderAppointment(tx: Executor, request: FastifyRequest, id: number, window: AppointmentWindowInput | null, now: Date): Promise<void> {
  const order = await lockWorkOrder(tx, request.access!, id);
  if (!order) throw notFound('Work order');
  if (!RESCHEDULABLE_STATES.includes(order.status as WorkOrderState)) {
    throw new AppError('state.illegal_transition', `The visit of a ${order.status} work order has begun or is over: its appointment cannot change`, [
      { path: 'body.validFor', message: `possible while the order is ${RESCHEDULABLE_STATES.join(', ')}` },
    ]);
  }
  await updateWorkOrderStatus(tx, id, { status: order.status, heldFrom: order.heldFrom, appointmentStart: window?.start ?? null, appointmentEnd: window?.end ?? null }, now);
  await audit(tx, request, {
    action: window === null ? 'work_order.appointment_cancel' : 'work_order.appointment_reschedule',
    entityType: 'work_order',
    entityId: id,
    before: { appointment: order.appointmentStart === null ? null : { start: order.appointmentStart, end: order.appointmentEnd } },
    after: { appointment: window },
  });
  const row = (await loadTroubleTicketRow(tx, id))!;
  await publishOrderAppointment(tx, row, window === null ? { kind: 'Delete', at: now, removed: true } : { kind: 'AttributeValueChange', at: now, fieldPath: ['validFor'] });
  // The ticket refers to its appointment (relatedEntity) only while there is one.
  if (window === null) await publishWorkOrderTicket(tx, request, id, 'AttributeValueChange', now, ['relatedEntity']);
}
