import {
  hasTmfListeners,
  loadTroubleTicketRow,
  type Executor,
  type TroubleTicketRow,
  type WorkOrderEventRecord,
} from '@patron/db';
import { TICKET_STATUS_OF_WORK_ORDER, type WorkOrderState } from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import { publishOrderAppointment } from './appointment.tmf-resource';
import { publishTmfEvent, type TmfEventKind } from './tmf-events';
import { linksOf, type TmfLinks } from './tmf-http';
import { compact, rfc3339 } from './tmf-query';
import type { TroubleTicketJson } from './trouble-ticket.mapping';

export const WORK_ORDER_TICKET_TYPE = 'workOrder';
/** relatedEntity role naming the service catalogue item (its code is the id), which sets the SLA. */
export const AFFECTED_SERVICE = 'affectedService';

function statusChangesOf(events: readonly WorkOrderEventRecord[]) {
  return events
    .filter((event) => event.kind === 'status' && event.toStatus !== null)
    .map((event) =>
      compact({
        '@type': 'StatusChange',
        status: TICKET_STATUS_OF_WORK_ORDER[event.toStatus as WorkOrderState],
        changeDate: rfc3339(event.occurredAt),
        changeReason: event.reason ?? event.note ?? undefined,
      }),
    );
}

function notesOf(events: readonly WorkOrderEventRecord[]) {
  return events
    .filter((event) => event.note !== null)
    .map((event) => compact({ '@type': 'Note', id: String(event.id), author: event.actor ?? undefined, date: rfc3339(event.occurredAt), text: event.note }));
}

/** A work order as a TroubleTicket; `events` (its timeline) adds statusChange and note on a single read. */
export function toTroubleTicket(row: TroubleTicketRow, links: TmfLinks, events?: readonly WorkOrderEventRecord[]): TroubleTicketJson {
  const relatedParty = [
    { id: row.customerNo, href: links.href('customerManagement', 'customer', row.customerNo), name: row.customerName, role: 'customer', '@referredType': 'Customer' },
    ...(row.assignee === null
      ? []
      : [{ id: row.assignee, name: row.assigneeName ?? row.assignee, role: 'assignee', '@referredType': 'Individual' }]),
  ];
  const relatedEntity = [
    ...(row.serviceItem === null ? [] : [{ id: row.serviceItem, name: row.serviceItem, role: AFFECTED_SERVICE, '@referredType': 'Service' }]),
    ...(row.appointmentStart === null
      ? []
      : [{ id: row.orderNo, href: links.href('appointment', 'appointment', row.orderNo), role: 'appointment', '@referredType': 'Appointment' }]),
  ];
  const notes = events ? notesOf(events) : [];
  return compact({
    id: row.orderNo,
    href: links.href('troubleTicket', 'troubleTicket', row.orderNo),
    '@type': 'TroubleTicket' as const,
    name: row.title,
    description: row.description ?? row.title,
    severity: row.severity,
    priority: row.ticketPriority,
    ticketType: WORK_ORDER_TICKET_TYPE,
    status: TICKET_STATUS_OF_WORK_ORDER[row.status as WorkOrderState],
    statusChangeDate: rfc3339(row.statusChangeDate),
    creationDate: row.acceptedAt.toISOString(),
    lastUpdate: rfc3339(row.updatedAt),
    expectedResolutionDate: rfc3339(row.resolutionDeadline),
    resolutionDate: rfc3339(row.completedAt),
    externalId: row.externalId ?? undefined,
    channel: { id: row.channel, name: row.channel, '@type': 'ChannelRef' },
    relatedParty,
    relatedEntity: relatedEntity.length > 0 ? relatedEntity : undefined,
    statusChange: events ? statusChangesOf(events) : undefined,
    note: notes.length > 0 ? notes : undefined,
  });
}

/** Publishes a ticket event for a work order changed in the caller's transaction (any channel). */
export async function publishWorkOrderTicket(tx: Executor, request: FastifyRequest, workOrderId: number, kind: TmfEventKind, at: Date, fieldPath?: readonly string[]) {
  const [ticketListeners, appointmentListeners] = await Promise.all([hasTmfListeners(tx, 'troubleTicket'), hasTmfListeners(tx, 'appointment')]);
  if (!ticketListeners && !appointmentListeners) return;
  const row = await loadTroubleTicketRow(tx, workOrderId);
  if (!row) return;
  // A state change of the order is one of its appointment too (confirmed, completed, cancelled).
  if (appointmentListeners && kind !== 'AttributeValueChange') await publishOrderAppointment(tx, row, { kind: kind === 'Delete' ? 'StateChange' : kind, at });
  if (!ticketListeners) return;
  await publishTmfEvent(tx, {
    api: 'troubleTicket',
    resource: 'troubleTicket',
    kind,
    ...(kind === 'StateChange' ? { eventName: 'StatusChange' } : {}),
    body: toTroubleTicket(row, linksOf(request)),
    ...(fieldPath ? { fieldPath } : {}),
    orgPath: row.orgPath,
    at,
  });
}

