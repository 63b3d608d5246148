import { tmfListenerRoot, tmfResourceAnnounced, type Executor, type TroubleTicketRow } from '@patron/db';
import type { WorkOrderState } from '@patron/domain';
import { invalid } from '../../errors';
import { publishTmfEvent, type TmfEventKind } from './tmf-events';
import { linksAt, type TmfLinks } from './tmf-http';
import { compact, rfc3339 } from './tmf-query';

/** TMF646 status of a work order's appointment window, by the order's state. */
export const APPOINTMENT_STATUS: Readonly<Record<WorkOrderState, 'initialized' | 'confirmed' | 'cancelled' | 'completed'>> = {
  received: 'initialized',
  on_hold: 'initialized',
  appointed: 'confirmed',
  dispatched: 'confirmed',
  reopened: 'confirmed',
  in_progress: 'completed',
  completed: 'completed',
  delivered: 'completed',
  revisit_pending: 'completed',
  archived: 'completed',
  cancelled: 'cancelled',
};

/** Work-order states whose window may still move: the visit has not begun. */
export const RESCHEDULABLE_STATES: readonly WorkOrderState[] = ['received', 'appointed', 'dispatched', 'on_hold', 'reopened'];

/** A window as TMF sends it (`validFor`). */
export interface AppointmentWindowInput {
  start: Date;
  end: Date;
}

/** `validFor` as a window: both ends, the end after the start. */
export function windowOf(validFor: unknown, path = 'body.validFor'): AppointmentWindowInput {
  const period = (validFor ?? {}) as { startDateTime?: string; endDateTime?: string };
  if (period.startDateTime === undefined || period.endDateTime === undefined) throw invalid(path, 'give startDateTime and endDateTime');
  const start = new Date(period.startDateTime);
  const end = new Date(period.endDateTime);
  if (end.getTime() <= start.getTime()) throw invalid(`${path}.endDateTime`, 'must be after startDateTime');
  return { start, end };
}

/** The work order an appointment (or a search for one) is for: its relatedEntity TroubleTicket (id = order number). */
export function orderNoOf(body: Record<string, unknown>): string {
  const entities = (body.relatedEntity ?? []) as { id: string; role?: string; '@referredType': string }[];
  const ticket = entities.find((entity) => entity['@referredType'] === 'TroubleTicket' || entity.role === 'troubleTicket');
  if (!ticket) throw invalid('body.relatedEntity', 'name the work order: a relatedEntity with @referredType TroubleTicket (id = order number)');
  return ticket.id;
}

/** A work order's appointment window (预约) as a TMF646 Appointment; it shares the order's id. */
export function toAppointment(row: TroubleTicketRow, links: TmfLinks) {
  return compact({
    id: row.orderNo,
    href: links.href('appointment', 'appointment', row.orderNo),
    '@type': 'Appointment',
    category: 'siteVisit',
    description: row.title,
    status: APPOINTMENT_STATUS[row.status as WorkOrderState],
    creationDate: row.acceptedAt.toISOString(),
    lastUpdate: rfc3339(row.updatedAt),
    validFor: { startDateTime: rfc3339(row.appointmentStart), endDateTime: rfc3339(row.appointmentEnd) },
    relatedEntity: [{ id: row.orderNo, href: links.href('troubleTicket', 'troubleTicket', row.orderNo), role: 'troubleTicket', '@referredType': 'TroubleTicket' }],
    relatedParty: [
      { id: row.customerNo, href: links.href('customerManagement', 'customer', row.customerNo), name: row.customerName, role: 'customer', '@referredType': 'Customer' },
      ...(row.assignee === null ? [] : [{ id: row.assignee, name: row.assigneeName ?? row.assignee, role: 'technician', '@referredType': 'Individual' }]),
    ],
  });
}

/**
 * Publishes the appointment side of a work-order change, in the caller's transaction. The first event
 * listeners hear of a window is its CreateEvent, whatever gave the order the window (a TMF646 POST, a
 * transition in the UI); a window taken away (`removed`) is a DeleteEvent.
 */
export async function publishOrderAppointment(
  tx: Executor,
  row: TroubleTicketRow & { orgPath: string },
  change: { kind: TmfEventKind; at: Date; fieldPath?: readonly string[]; removed?: boolean },
): Promise<void> {
  if (row.appointmentStart === null && !change.removed) return;
  const root = await tmfListenerRoot(tx, 'appointment');
  if (root === undefined) return;
  const resourceKey = `appointment/${row.orderNo}`;
  const announced = await tmfResourceAnnounced(tx, 'appointment', resourceKey);
  if (change.removed && !announced) return;
  const kind: TmfEventKind = change.removed ? 'Delete' : announced ? change.kind : 'Create';
  await publishTmfEvent(tx, {
    api: 'appointment',
    resource: 'appointment',
    kind,
    body: toAppointment(row, linksAt(root)),
    ...(kind === 'AttributeValueChange' && change.fieldPath ? { fieldPath: change.fieldPath } : {}),
    orgPath: row.orgPath,
    at: change.at,
  });
}
