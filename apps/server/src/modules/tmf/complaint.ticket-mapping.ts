import { ComplaintCreate, type ComplaintTransitionInput } from '@patron/contracts';
import {
  findComplaintTicketRow,
  listComplaintEvents,
  listComplaintTicketRows,
  listComplaintWorkOrders,
  loadComplaintTicketRow,
  updateComplaintTicketAttributes,
  type ComplaintTicketAttributes,
  type ComplaintTicketFilter,
  type ComplaintTicketRow,
  type Executor,
} from '@patron/db';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  complaintStatesFor,
  isTroubleTicketStatus,
  planComplaintTicketTransition,
  TICKET_STATUS_OF_COMPLAINT,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintSeverity,
  type ComplaintState,
} from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../audit';
import { AppError, invalid, notFound } from '../../errors';
import { createComplaint, transitionComplaintIn } from '../complaints/complaint.service';
import { COMPLAINT_TICKET_TYPE, DISPUTED_BILL, publishComplaintTicket, toComplaintTicket } from './complaint.ticket-resource';
import { refuseAttributes } from './tmf-http';
import { dateConditions, equalityValues, type TmfListQuery } from './tmf-query';
import { customerNoOf, type TicketMapping } from './trouble-ticket.mapping';

const COMPLAINT_NO = /^CP\d{12,}$/;

/** TMF clients send critical/major/minor, P1–P4 or High/Low; our complaint severities are low…critical. */
export function complaintSeverityOf(value: string): ComplaintSeverity {
  switch (value.trim().toLowerCase()) {
    case 'p1':
    case 'critical':
    case 'urgent':
      return 'critical';
    case 'p2':
    case 'high':
    case 'major':
      return 'high';
    case 'p4':
    case 'low':
    case 'minor':
      return 'low';
    default:
      return 'medium';
  }
}

const isCategory = (value: unknown): value is ComplaintCategory => (COMPLAINT_CATEGORIES as readonly unknown[]).includes(value);
const isChannel = (value: unknown): value is ComplaintChannel => (COMPLAINT_CHANNELS as readonly unknown[]).includes(value);

function filterOf(query: TmfListQuery): ComplaintTicketFilter | 'nothing' {
  const statuses = equalityValues(query, 'status');
  const states = statuses === undefined ? undefined : complaintStatesFor(statuses);
  if (states?.length === 0) return 'nothing';
  return {
    complaintNos: equalityValues(query, 'id'),
    statuses: states,
    severities: equalityValues(query, 'severity'),
    priorities: equalityValues(query, 'priority'),
    externalIds: equalityValues(query, 'externalId'),
    customerNos: equalityValues(query, 'relatedParty.id'),
    categories: equalityValues(query, 'name'),
    creationDate: dateConditions(query, 'creationDate'),
    lastUpdate: dateConditions(query, 'lastUpdate'),
  };
}

type EntityRef = { id: string; role: string; '@referredType': string };

/** The disputed bill named in relatedEntity; any other role is refused rather than dropped. */
function disputedBillOf(entities: unknown): string | null {
  const list = (entities ?? []) as EntityRef[];
  const other = list.findIndex((entity) => entity.role !== DISPUTED_BILL);
  if (other >= 0) throw invalid(`body.relatedEntity.${other}.role`, `only "${DISPUTED_BILL}" (@referredType CustomerBill, id = bill number) is kept on a complaint`);
  return list[0]?.id ?? null;
}

/** The complaint category a ticket's `name` gives: one of our category codes (billing, network_quality…). */
function categoryOf(body: Record<string, unknown>, disputedBill: string | null): ComplaintCategory {
  if (body.name === undefined) return disputedBill === null ? 'other' : 'billing';
  if (!isCategory(body.name)) throw invalid('body.name', `the name of a complaint ticket is its category: one of ${COMPLAINT_CATEGORIES.join(', ')}`);
  return body.name;
}

/** Attributes a complaint does not keep, or keeps as received (the customer's words, the category). */
const NOT_WRITABLE_ON_CREATE = ['attachment', 'note', 'troubleTicketRelationship', 'requestedResolutionDate', 'resolutionDate', 'expectedResolutionDate'];
const READ_ONLY = ['id', 'href', 'creationDate', 'lastUpdate', 'statusChange', 'statusChangeDate', '@baseType', '@schemaLocation'];
const NOT_PATCHABLE = [...NOT_WRITABLE_ON_CREATE, 'name', 'description', 'relatedParty', 'channel'];

function attributesOf(patch: Record<string, unknown>): { values: ComplaintTicketAttributes; fields: string[] } {
  const values: ComplaintTicketAttributes = {};
  const fields: string[] = [];
  const text = (name: string) => (patch[name] as string | null | undefined) ?? null;
  if (patch.severity !== undefined) {
    const severity = text('severity');
    if (severity === null || severity.trim() === '') throw invalid('body.severity', 'a complaint keeps a severity');
    Object.assign(values, { tmfSeverity: severity, severity: complaintSeverityOf(severity) });
    fields.push('severity');
  }
  if (patch.priority !== undefined) {
    values.tmfPriority = text('priority');
    fields.push('priority');
  }
  if (patch.externalId !== undefined) {
    values.externalId = text('externalId');
    fields.push('externalId');
  }
  if (patch.relatedEntity !== undefined) {
    values.disputedBill = disputedBillOf(patch.relatedEntity);
    fields.push('relatedEntity');
  }
  return { values, fields };
}

/** The complaint transition a TMF status change asks for, with what the complaint machine needs for it. */
function transitionOf(row: ComplaintTicketRow, patch: Record<string, unknown>): ComplaintTransitionInput | undefined {
  const current = TICKET_STATUS_OF_COMPLAINT[row.status as ComplaintState];
  if (patch.status === undefined || patch.status === current) return undefined;
  const requested = String(patch.status);
  if (!isTroubleTicketStatus(requested)) throw invalid('body.status', 'not a TroubleTicketStatusType');
  const plan = planComplaintTicketTransition(row.status as ComplaintState, requested);
  if (!plan.ok) {
    throw new AppError('state.illegal_transition', `Cannot go from ${current} to ${requested}`, [
      { path: 'body.status', message: `allowed next: ${plan.allowed.length === 0 ? 'none (final status)' : plan.allowed.join(', ')}` },
    ]);
  }
  const reason = typeof patch.statusChangeReason === 'string' && patch.statusChangeReason.trim() !== '' ? patch.statusChangeReason.trim() : undefined;
  switch (plan.to) {
    case 'resolved':
      // A complaint is answered in writing: the reason of the change is the resolution given to the customer.
      if (reason === undefined) throw invalid('body.statusChangeReason', 'resolving a complaint needs the written resolution');
      return { to: 'resolved', resolution: reason, note: reason };
    case 'closed':
      // closed is the requester accepting the resolution: the customer's confirmation.
      return { to: 'closed', customerConfirmed: true, ...(reason === undefined ? {} : { note: reason }) };
    default:
      return { to: plan.to, ...(reason === undefined ? {} : { note: reason }) };
  }
}

async function requireRow(db: Executor, request: FastifyRequest, id: string): Promise<ComplaintTicketRow> {
  const row = COMPLAINT_NO.test(id) ? await findComplaintTicketRow(db, request.access!, id) : undefined;
  if (!row) throw notFound('TroubleTicket');
  return row;
}

/** Complaints (投诉) as TroubleTickets with ticketType complaint; see docs/tmf.md for the mapping. */
export const complaintTicketMapping: TicketMapping = {
  ticketType: COMPLAINT_TICKET_TYPE,
  owns: (id) => COMPLAINT_NO.test(id),

  async list(db, request, query, window, links) {
    const filter = filterOf(query);
    if (filter === 'nothing') return { items: [], total: 0 };
    const { rows, total } = await listComplaintTicketRows(db, request.access!, filter, window);
    return { items: rows.map((row) => toComplaintTicket(row, links)), total };
  },

  async find(db, request, id, links) {
    if (!COMPLAINT_NO.test(id)) return undefined;
    const row = await findComplaintTicketRow(db, request.access!, id);
    if (!row) return undefined;
    const [events, workOrders] = await Promise.all([listComplaintEvents(db, row.id), listComplaintWorkOrders(db, row.id)]);
    return toComplaintTicket(row, links, { events, workOrders });
  },

  async create(db, request, body, now) {
    refuseAttributes(body, NOT_WRITABLE_ON_CREATE, 'Patron does not keep this attribute on a complaint ticket');
    if (body.status !== undefined && body.status !== 'acknowledged') throw invalid('body.status', 'a new ticket starts acknowledged');
    const disputedBill = disputedBillOf(body.relatedEntity);
    const channel = (body.channel as { id?: string } | undefined)?.id;
    if (channel !== undefined && !isChannel(channel)) throw invalid('body.channel.id', `one of ${COMPLAINT_CHANNELS.join(', ')}`);
    const severity = String(body.severity);
    const parsed = ComplaintCreate.safeParse({
      customerNo: customerNoOf(body),
      // A partner system passing on what customers reported online, unless it names the channel.
      channel: channel ?? 'online',
      category: categoryOf(body, disputedBill),
      severity: complaintSeverityOf(severity),
      description: String(body.description),
    });
    if (!parsed.success) {
      throw new AppError('validation.failed', 'Invalid TroubleTicket', parsed.error.issues.map((issue) => ({ path: `body.${issue.path.join('.')}`, message: issue.message })));
    }
    const id = await createComplaint(db, request, parsed.data, now, (tx, inserted) =>
      updateComplaintTicketAttributes(
        tx,
        inserted,
        { tmfSeverity: severity, tmfPriority: (body.priority as string | undefined) ?? null, externalId: (body.externalId as string | undefined) ?? null, disputedBill },
        now,
      ),
    );
    return (await loadComplaintTicketRow(db, id))!.complaintNo;
  },

  async patch(db, request, id, patch, now) {
    refuseAttributes(patch, READ_ONLY, 'The server maintains this attribute');
    refuseAttributes(patch, NOT_PATCHABLE, 'This attribute of a complaint ticket cannot be changed through TMF');
    if (patch.ticketType !== undefined && patch.ticketType !== COMPLAINT_TICKET_TYPE) throw invalid('body.ticketType', 'a complaint stays a complaint ticket');
    const row = await requireRow(db, request, id);
    const transition = transitionOf(row, patch);
    const { values, fields } = attributesOf(patch);
    await db.transaction(async (tx) => {
      if (transition !== undefined) await transitionComplaintIn(tx, request, row.id, transition, now);
      if (fields.length === 0) return;
      await updateComplaintTicketAttributes(tx, row.id, values, now);
      await audit(tx, request, { action: 'complaint.update', entityType: 'complaint', entityId: row.id, after: { ...values } });
      await publishComplaintTicket(tx, row.id, 'AttributeValueChange', now, fields);
    });
  },

  async remove() {
    throw new AppError(
      'method.not_allowed',
      'A complaint cannot be deleted or withdrawn: it is a regulatory record that ends closed, after its resolution and the customer’s confirmation',
    );
  },
};
