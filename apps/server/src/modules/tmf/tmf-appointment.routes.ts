import { findTroubleTicketRow, listTroubleTicketRows, TICKET_SORT_ATTRIBUTES, type Executor, type TroubleTicketRow } from '@patron/db';
import type { WorkOrderState } from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../context';
import { conflict, invalid, notFound } from '../../errors';
import { transitionWorkOrder } from '../work-orders/work-order.service';
import { setWorkOrderAppointment } from '../work-orders/work-order-appointment.service';
import { APPOINTMENT_STATUS, orderNoOf, toAppointment, windowOf } from './appointment.tmf-resource';
import { checkBody, linksOf, refuseAttributes, sendPage } from './tmf-http';
import { dateConditions, equalityValues, parseListQuery, project, sortOf } from './tmf-query';

const statesOf = (statuses: readonly string[]) =>
  (Object.entries(APPOINTMENT_STATUS) as [WorkOrderState, string][]).filter(([, status]) => statuses.includes(status)).map(([state]) => state);

/** Attributes of an Appointment Patron does not keep on a work order's window: refused, not dropped. */
const NOT_KEPT = ['attachment', 'calendarEvent', 'contactMedium', 'note', 'relatedPlace', 'relatedParty', 'externalId', 'category', 'description'];

async function requireAppointment(db: Executor, request: FastifyRequest, id: string): Promise<TroubleTicketRow> {
  const row = await findTroubleTicketRow(db, request.access!, id);
  if (!row || row.appointmentStart === null) throw notFound('Appointment');
  return row;
}

/**
 * TMF646 Appointment over work-order appointment windows: booking one appoints the order (received →
 * appointed with the window), PATCH validFor reschedules it, DELETE cancels the visit (the window goes,
 * the order stays). The status follows the order; see docs/tmf.md.
 */
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
    return project(toAppointment(await requireAppointment(db, request, id), linksOf(request)), query.fields);
  });

  app.post('/appointment', async (request, reply) => {
    checkBody('appointment', 'Appointment_Create', request.body);
    const body = request.body as Record<string, unknown>;
    refuseAttributes(body, NOT_KEPT, 'Patron keeps the window of a work order’s visit and nothing else on an appointment');
    const window = windowOf(body.validFor);
    const orderNo = orderNoOf(body);
    const row = await findTroubleTicketRow(db, request.access!, orderNo);
    if (!row) throw invalid('body.relatedEntity', `No work order ${orderNo} in your scope`);
    if (row.appointmentStart !== null) throw conflict(`Work order ${orderNo} has an appointment: PATCH its validFor to reschedule`);
    if (row.status !== 'received') throw conflict(`Work order ${orderNo} is ${row.status}: an appointment is booked when it is received`);
    await transitionWorkOrder(db, request, row.id, { to: 'appointed', appointment: window, note: 'appointment booked through TMF646' }, app.deps.now());
    const created = toAppointment((await findTroubleTicketRow(db, request.access!, orderNo))!, linksOf(request));
    return reply.code(201).header('Location', created.href).send(created);
  });

  app.patch('/appointment/:id', async (request) => {
    checkBody('appointment', 'Appointment_Update', request.body, { patch: true });
    const { id } = request.params as { id: string };
    const body = request.body as Record<string, unknown>;
    refuseAttributes(body, [...NOT_KEPT, 'relatedEntity', 'lastUpdate', 'id', 'href'], 'Only validFor (the window) of an appointment changes through TMF');
    if (body.status !== undefined) throw invalid('body.status', 'the status follows the work order; DELETE the appointment to cancel the visit');
    const row = await requireAppointment(db, request, id);
    if (body.validFor !== undefined) {
      const window = windowOf(body.validFor);
      await db.transaction((tx) => setWorkOrderAppointment(tx, request, row.id, window, app.deps.now()));
    }
    return toAppointment((await findTroubleTicketRow(db, request.access!, id))!, linksOf(request));
  });

  app.delete('/appointment/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const row = await requireAppointment(db, request, id);
    await db.transaction((tx) => setWorkOrderAppointment(tx, request, row.id, null, app.deps.now()));
    return reply.code(204).send();
  });

}

