import { loadComplaintTicketRow, tmfListenerRoot, type ComplaintEventRecord, type ComplaintTicketRow, type Executor } from '@patron/db';
import { TICKET_STATUS_OF_COMPLAINT, type ComplaintState } from '@patron/domain';
import { publishTmfEvent, type TmfEventKind } from './tmf-events';
import { linksAt, type TmfLinks } from './tmf-http';
import { compact, rfc3339 } from './tmf-query';
import type { TroubleTicketJson } from './trouble-ticket.mapping';

export const COMPLAINT_TICKET_TYPE = 'complaint';
/** relatedEntity role of the bill a complaint disputes (@referredType CustomerBill). */
export const DISPUTED_BILL = 'disputedBill';
/** relatedEntity role of the line the complaint is about (id = line number). */
export const AFFECTED_LINE = 'affectedService';

/** What a single read adds: the timeline and the work orders raised for the complaint. */
export interface ComplaintTicketDetail {
  events: readonly ComplaintEventRecord[];
  workOrders: readonly { orderNo: string }[];
}

const statusOf = (state: string) => TICKET_STATUS_OF_COMPLAINT[state as ComplaintState];

function statusChangesOf(events: readonly ComplaintEventRecord[]) {
  return events
    .filter((event) => event.fromStatus === null || statusOf(event.fromStatus) !== statusOf(event.toStatus))
    .map((event) => compact({ '@type': 'StatusChange', status: statusOf(event.toStatus), changeDate: rfc3339(event.occurredAt), changeReason: event.note ?? undefined }));
}

function notesOf(events: readonly ComplaintEventRecord[]) {
  return events
    .filter((event) => event.note !== null)
    .map((event) => compact({ '@type': 'Note', id: String(event.id), author: event.actor ?? undefined, date: rfc3339(event.occurredAt), text: event.note }));
}

const nonEmpty = <T>(items: T[]) => (items.length > 0 ? items : undefined);

/** A complaint as a TroubleTicket (ticketType complaint); `detail` adds statusChange, note and the linked work orders. */
export function toComplaintTicket(row: ComplaintTicketRow, links: TmfLinks, detail?: ComplaintTicketDetail): TroubleTicketJson {
  const open = row.status !== 'resolved' && row.status !== 'closed';
  return compact({
    id: row.complaintNo,
    href: links.href('troubleTicket', 'troubleTicket', row.complaintNo),
    '@type': 'TroubleTicket' as const,
    name: row.category,
    description: row.description,
    severity: row.severity,
    priority: row.tmfPriority ?? undefined,
    ticketType: COMPLAINT_TICKET_TYPE,
    status: statusOf(row.status),
    statusChangeDate: rfc3339(row.statusChangeDate),
    creationDate: row.receivedAt.toISOString(),
    lastUpdate: rfc3339(row.updatedAt),
    // The current level's limit: when the complaint escalates unless it is answered.
    expectedResolutionDate: open ? rfc3339(row.levelDeadline) : undefined,
    resolutionDate: rfc3339(row.resolvedAt),
    externalId: row.externalId ?? undefined,
    channel: { id: row.channel, name: row.channel, '@type': 'ChannelRef' },
    relatedParty: [
      { id: row.customerNo, href: links.href('customerManagement', 'customer', row.customerNo), name: row.customerName, role: 'customer', '@referredType': 'Customer' },
      ...(row.assignee === null ? [] : [{ id: row.assignee, name: row.assigneeName ?? row.assignee, role: 'assignee', '@referredType': 'Individual' }]),
    ],
    relatedEntity: nonEmpty([
      ...(row.disputedBill === null ? [] : [{ id: row.disputedBill, role: DISPUTED_BILL, '@referredType': 'CustomerBill' }]),
      ...(row.lineNo === null ? [] : [{ id: row.lineNo, name: row.lineNo, role: AFFECTED_LINE, '@referredType': 'Service' }]),
    ]),
    statusChange: detail ? statusChangesOf(detail.events) : undefined,
    note: detail ? nonEmpty(notesOf(detail.events)) : undefined,
    troubleTicketRelationship: detail
      ? nonEmpty(
          detail.workOrders.map((order) => ({
            id: order.orderNo,
            href: links.href('troubleTicket', 'troubleTicket', order.orderNo),
            relationshipType: 'child',
            '@type': 'TroubleTicketRelationship',
          })),
        )
      : undefined,
  });
}

/**
 * Publishes a ticket event for a complaint changed in the caller's transaction, from any channel (the
 * web UI, /api/v1, TMF, the revisit desk, the escalation scan). Hrefs are built on the root the
 * listeners registered through, since background changes have no client request.
 */
export async function publishComplaintTicket(tx: Executor, complaintId: number, kind: TmfEventKind, at: Date, fieldPath?: readonly string[]): Promise<void> {
  const root = await tmfListenerRoot(tx, 'troubleTicket');
  if (root === undefined) return;
  const row = await loadComplaintTicketRow(tx, complaintId);
  if (!row) return;
  await publishTmfEvent(tx, {
    api: 'troubleTicket',
    resource: 'troubleTicket',
    kind,
    ...(kind === 'StateChange' ? { eventName: 'StatusChange' } : {}),
    body: toComplaintTicket(row, linksAt(root)),
    ...(fieldPath ? { fieldPath } : {}),
    orgPath: row.orgPath,
    at,
  });
}

/**
 * A complaint transition as TMF sees it: a status change when the TMF status moves, else (an
 * escalation, assigned → processing) a change of the attributes that did.
 */
export function publishComplaintTransition(tx: Executor, complaintId: number, from: string, to: string, at: Date): Promise<void> {
  return statusOf(from) === statusOf(to)
    ? publishComplaintTicket(tx, complaintId, 'AttributeValueChange', at, ['expectedResolutionDate', 'relatedParty'])
    : publishComplaintTicket(tx, complaintId, 'StateChange', at);
}
