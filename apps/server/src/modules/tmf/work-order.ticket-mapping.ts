import { WorkOrderCreate } from '@patron/contracts';
import {
  findTroubleTicketRow,
  listTroubleTicketRows,
  listWorkOrderEvents,
  loadTroubleTicketRow,
  updateTroubleTicketAttributes,
  type Executor,
  type TroubleTicketAttributes,
  type TroubleTicketFilter,
  type TroubleTicketRow,
  type WorkOrderPriority,
} from '@patron/db';
import {
  isTroubleTicketStatus,
  planTicketTransition,
  TICKET_STATUS_OF_WORK_ORDER,
  workOrderStatesFor,
  type WorkOrderState,
} from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../audit';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { createWorkOrder, transitionWorkOrder } from '../work-orders/work-order.service';
import { refuseAttributes } from './tmf-http';
import { dateConditions, equalityValues, type TmfListQuery } from './tmf-query';
import { customerNoOf, type TicketMapping } from './trouble-ticket.mapping';
import { AFFECTED_SERVICE, publishWorkOrderTicket, toTroubleTicket, WORK_ORDER_TICKET_TYPE } from './work-order.ticket-resource';

const ORDER_NO = /^WO\d{12,}$/;

/** TMF clients send P1–P4, Critical/High/Medium/Low or our own words; anything else is normal. */
export function workOrderPriorityOf(value: string | undefined): WorkOrderPriority {
  switch (value?.trim().toLowerCase()) {
    case 'p1':
    case 'critical':
    case 'urgent':
      return 'urgent';
    case 'p2':
    case 'high':
    case 'major':
      return 'high';
    case 'p4':
    case 'low':
    case 'minor':
      return 'low';
    default:
      return 'normal';
  }
}

function filterOf(query: TmfListQuery): TroubleTicketFilter | 'nothing' {
  const statuses = equalityValues(query, 'status');
  const states = statuses === undefined ? undefined : workOrderStatesFor(statuses);
  if (states?.length === 0) return 'nothing';
  const filter: TroubleTicketFilter = {
    orderNos: equalityValues(query, 'id'),
    statuses: states,
    severities: equalityValues(query, 'severity'),
    priorities: equalityValues(query, 'priority'),
    externalIds: equalityValues(query, 'externalId'),
    customerNos: equalityValues(query, 'relatedParty.id'),
    names: equalityValues(query, 'name'),
    creationDate: dateConditions(query, 'creationDate'),
    lastUpdate: dateConditions(query, 'lastUpdate'),
  };
  return filter;
}

async function requireRow(db: Executor, request: FastifyRequest, id: string): Promise<TroubleTicketRow> {
  const row = await findTroubleTicketRow(db, request.access!, id);
  if (!row) throw notFound('TroubleTicket');
  return row;
}

/** Attributes Patron keeps for a work-order ticket; the others are refused rather than dropped. */
const UNMAPPED = ['attachment', 'note', 'troubleTicketRelationship', 'requestedResolutionDate', 'resolutionDate', 'expectedResolutionDate'];
const READ_ONLY = ['id', 'href', 'creationDate', 'lastUpdate', 'statusChange', 'statusChangeDate', '@baseType', '@schemaLocation'];

function attributesOf(patch: Record<string, unknown>): { values: TroubleTicketAttributes; fields: string[] } {
  const values: TroubleTicketAttributes = {};
  const fields: string[] = [];
  const text = (name: string) => patch[name] as string | null | undefined;
  if (patch.name !== undefined) {
    const name = text('name')?.trim();
    if (!name) throw invalid('body.name', 'must not be empty');
    values.title = name.slice(0, 200);
    fields.push('name');
  }
  if (patch.description !== undefined) {
    values.description = text('description') ?? null;
    fields.push('description');
  }
  if (patch.severity !== undefined) {
    values.tmfSeverity = text('severity') ?? null;
    fields.push('severity');
  }
  if (patch.priority !== undefined) {
    values.tmfPriority = text('priority') ?? null;
    values.priority = workOrderPriorityOf(text('priority') ?? undefined);
    fields.push('priority');
  }
  if (patch.externalId !== undefined) {
    values.externalId = text('externalId') ?? null;
    fields.push('externalId');
  }
  return { values, fields };
}

/** A fault repair unless the client names the affected service's catalogue item. */
const DEFAULT_SERVICE_ITEM = 'fixed_line_fault_repair';

function serviceItemOf(body: Record<string, unknown>): string {
  const entities = (body.relatedEntity ?? []) as { id: string; role: string }[];
  const other = entities.findIndex((entity) => entity.role !== AFFECTED_SERVICE);
  if (other >= 0) throw invalid(`body.relatedEntity.${other}.role`, `only "${AFFECTED_SERVICE}" (id = service catalogue item) is kept`);
  return entities[0]?.id ?? DEFAULT_SERVICE_ITEM;
}

export const workOrderTicketMapping: TicketMapping = {
  ticketType: WORK_ORDER_TICKET_TYPE,
  owns: (id) => ORDER_NO.test(id),

  async list(db, request, query, window, links) {
    const filter = filterOf(query);
    if (filter === 'nothing') return { items: [], total: 0 };
    const { rows, total } = await listTroubleTicketRows(db, request.access!, filter, window);
    return { items: rows.map((row) => toTroubleTicket(row, links)), total };
  },

  async find(db, request, id, links) {
    if (!ORDER_NO.test(id)) return undefined;
    const row = await findTroubleTicketRow(db, request.access!, id);
    return row ? toTroubleTicket(row, links, await listWorkOrderEvents(db, row.id)) : undefined;
  },

  async create(db, request, body, now) {
    refuseAttributes(body, UNMAPPED, 'Patron does not keep this attribute on a work-order ticket');
    if (body.status !== undefined && body.status !== 'acknowledged') throw invalid('body.status', 'a new ticket starts acknowledged');
    const description = String(body.description).trim();
    const parsed = WorkOrderCreate.safeParse({
      customerNo: customerNoOf(body),
      type: 'fault',
      channel: 'tmf',
      serviceItem: serviceItemOf(body),
      priority: workOrderPriorityOf(body.priority as string | undefined),
      title: (typeof body.name === 'string' && body.name.trim() !== '' ? body.name : description).trim().slice(0, 200),
      description,
    });
    if (!parsed.success) {
      throw new AppError('validation.failed', 'Invalid TroubleTicket', parsed.error.issues.map((issue) => ({ path: `body.${issue.path.join('.')}`, message: issue.message })));
    }
    return db.transaction(async (tx) => {
      const id = await createWorkOrder(tx, request, parsed.data, now, async (inserted) => {
        await updateTroubleTicketAttributes(
          tx,
          inserted,
          {
            tmfSeverity: String(body.severity),
            tmfPriority: (body.priority as string | undefined) ?? null,
            externalId: (body.externalId as string | undefined) ?? null,
          },
          now,
        );
      });
      return (await loadTroubleTicketRow(tx, id))!.orderNo;
    });
  },

  async patch(db, request, id, patch, now) {
    refuseAttributes(patch, READ_ONLY, 'The server maintains this attribute');
    refuseAttributes(patch, [...UNMAPPED, 'relatedEntity', 'relatedParty', 'channel'], 'This attribute of a work-order ticket cannot be changed through TMF');
    if (patch.ticketType !== undefined && patch.ticketType !== WORK_ORDER_TICKET_TYPE) throw invalid('body.ticketType', 'a work order stays a workOrder ticket');
    const row = await requireRow(db, request, id);
    const { values, fields } = attributesOf(patch);
    const reason = (patch.statusChangeReason as string | undefined) ?? undefined;
    let to: WorkOrderState | undefined;
    if (patch.status !== undefined && patch.status !== TICKET_STATUS_OF_WORK_ORDER[row.status as WorkOrderState]) {
      const requested = String(patch.status);
      if (!isTroubleTicketStatus(requested)) throw invalid('body.status', 'not a TroubleTicketStatusType');
      const plan = planTicketTransition(row.status as WorkOrderState, requested, {
        ...(row.heldFrom === null ? {} : { heldFrom: row.heldFrom as WorkOrderState }),
        deliveryRequired: row.deliveryPack,
      });
      if (!plan.ok) {
        throw new AppError('state.illegal_transition', `Cannot go from ${TICKET_STATUS_OF_WORK_ORDER[row.status as WorkOrderState]} to ${requested}`, [
          { path: 'body.status', message: `allowed next: ${plan.allowed.length === 0 ? 'none (final status)' : plan.allowed.join(', ')}` },
        ]);
      }
      if (plan.to === 'on_hold' && reason === undefined) throw invalid('body.statusChangeReason', 'pending pauses the SLA clock: give the customer-caused reason code (e.g. customer_absent)');
      to = plan.to;
    }
    await db.transaction(async (tx) => {
      if (to !== undefined) await transitionWorkOrder(tx, request, row.id, { to, ...(reason === undefined ? {} : { reason }) }, now);
      if (fields.length === 0) return;
      await updateTroubleTicketAttributes(tx, row.id, values, now);
      await audit(tx, request, { action: 'work_order.update', entityType: 'work_order', entityId: row.id, after: { ...values } });
      await publishWorkOrderTicket(tx, request, row.id, 'AttributeValueChange', now, fields);
    });
  },

  async remove(db, request, id, now) {
    const row = await requireRow(db, request, id);
    const plan = planTicketTransition(row.status as WorkOrderState, 'cancelled', { deliveryRequired: row.deliveryPack });
    if (!plan.ok) throw conflict(`A ${TICKET_STATUS_OF_WORK_ORDER[row.status as WorkOrderState]} ticket cannot be deleted (cancelled)`);
    await db.transaction(async (tx) => {
      await transitionWorkOrder(tx, request, row.id, { to: 'cancelled', note: 'deleted through TMF621' }, now);
      await publishWorkOrderTicket(tx, request, row.id, 'Delete', now);
    });
  },
};
