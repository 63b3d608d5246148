import { findTroubleTicketRow, listTroubleTicketRows, TICKET_SORT_ATTRIBUTES, type TroubleTicketRow } from '@patron/db';
import type { WorkOrderState } from '@patron/domain';
import type { App } from '../../context';
import { AppError, notFound } from '../../errors';
import { linksOf, sendPage, type TmfLinks } from './tmf-http';
import { compact, dateConditions, equalityValues, parseListQuery, project, rfc3339, sortOf } from './tmf-query';

/** TMF646 status of a work order's appointment window, by the order's state. */
const APPOINTMENT_STATUS: Readonly<Record<WorkOrderState, 'initialized' | 'confirmed' | 'cancelled' | 'completed'>> = {
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

/** A work order's appointment window (预约) as a TMF646 Appointment; it shares the order's id. */
function toAppointment(row: TroubleTicketRow, links: TmfLinks) {
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

const statesOf = (statuses: readonly string[]) =>
  (Object.entries(APPOINTMENT_STATUS) as [WorkOrderState, string][]).filter(([, status]) => statuses.includes(status)).map(([state]) => state);

/** TMF646 Appointment, read-only: windows are set by work-order transitions (appointed, on_hold…). */
export async function appointmentRoutes(app: App) {
  const { db } = app.deps;

  app.get('/appointment', async (request, reply) => {
    const query = parseListQuery(request.query as Record<string, string | string[]>);
    const statuses = equalityValues(query, 'status');
    const states = statuses === undefined ? undefined : statesOf(statuses);
    if (states?.length === 0) return sendPage(reply, [], 0);
    const { rows, total } = await listTroubleTicketRows(
      db,
      request.access!,
      {
        withAppointment: true,
        orderNos: equalityValues(query, 'id') ?? equalityValues(query, 'relatedEntity.id'),
        statuses: states,
        customerNos: equalityValues(query, 'relatedParty.id'),
        creationDate: dateConditions(query, 'creationDate'),
        lastUpdate: dateConditions(query, 'lastUpdate'),
      },
      { offset: query.offset, limit: query.limit, sort: sortOf(query, TICKET_SORT_ATTRIBUTES) },
    );
    const links = linksOf(request);
    return sendPage(reply, rows.map((row) => project(toAppointment(row, links), query.fields)), total);
  });

  app.get('/appointment/:id', async (request) => {
    const { id } = request.params as { id: string };
    const query = parseListQuery(request.query as Record<string, string | string[]>);
    const row = await findTroubleTicketRow(db, request.access!, id);
    if (!row || row.appointmentStart === null) throw notFound('Appointment');
    return project(toAppointment(row, linksOf(request)), query.fields);
  });

  for (const method of ['post', 'patch', 'delete'] as const) {
    app[method](method === 'post' ? '/appointment' : '/appointment/:id', async () => {
      throw new AppError('method.not_allowed', 'Appointments are set by work-order transitions (POST /api/v1/work-orders/{id}/transitions); TMF clients read them');
    });
  }
}
