import { TICKET_SORT_ATTRIBUTES, type TicketSortKey } from '@patron/db';
import type { App } from '../../context';
import { invalid, notFound } from '../../errors';
import { checkBody, linksOf, sendPage } from './tmf-http';
import { equalityValues, parseListQuery, project, sortOf } from './tmf-query';
import type { TicketMapping, TroubleTicketJson } from './trouble-ticket.mapping';
import { workOrderTicketMapping } from './work-order.ticket-mapping';
import { complaintTicketMapping } from './complaint.ticket-mapping';

/** Every kind of record served as a TroubleTicket, told apart by ticketType. */
export const TICKET_MAPPINGS: readonly TicketMapping[] = [workOrderTicketMapping, complaintTicketMapping];

/** Orders tickets of several mappings the way each mapping's SQL did: by the keys, then by id. */
function comparatorOf(sort: readonly TicketSortKey[]) {
  const keys = sort.length > 0 ? sort : [{ attribute: 'creationDate' as const, descending: true }];
  const last = keys[keys.length - 1]!.descending;
  return (a: TroubleTicketJson, b: TroubleTicketJson) => {
    for (const key of [...keys, { attribute: 'id' as const, descending: last }]) {
      const order = String(a[key.attribute] ?? '').localeCompare(String(b[key.attribute] ?? ''));
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  };
}

function mappingOf(id: string): TicketMapping {
  const mapping = TICKET_MAPPINGS.find((candidate) => candidate.owns(id));
  if (!mapping) throw notFound('TroubleTicket');
  return mapping;
}

/** TMF621 TroubleTicket v4 over work orders (and whatever else TICKET_MAPPINGS serves). */
export async function troubleTicketRoutes(app: App) {
  const { db } = app.deps;

  app.get('/troubleTicket', async (request, reply) => {
    const query = parseListQuery(request.query as Record<string, string | string[]>);
    const types = equalityValues(query, 'ticketType');
    const mappings = TICKET_MAPPINGS.filter((mapping) => types === undefined || types.includes(mapping.ticketType));
    const links = linksOf(request);
    // One source pages itself; several are each read up to the page's end, merged, then cut.
    const single = mappings.length === 1;
    const sort = sortOf(query, TICKET_SORT_ATTRIBUTES);
    const window = single ? { offset: query.offset, limit: query.limit, sort } : { offset: 0, limit: query.offset + query.limit, sort };
    const results = await Promise.all(mappings.map((mapping) => mapping.list(db, request, query, window, links)));
    const merged = single
      ? (results[0]?.items ?? [])
      : results.flatMap((result) => result.items).sort(comparatorOf(sort)).slice(query.offset, query.offset + query.limit);
    const total = results.reduce((sum, result) => sum + result.total, 0);
    return sendPage(reply, merged.map((ticket) => project(ticket, query.fields)), total);
  });

  app.get('/troubleTicket/:id', async (request) => {
    const { id } = request.params as { id: string };
    const query = parseListQuery(request.query as Record<string, string | string[]>);
    const ticket = await mappingOf(id).find(db, request, id, linksOf(request));
    if (!ticket) throw notFound('TroubleTicket');
    return project(ticket, query.fields);
  });

  app.post('/troubleTicket', async (request, reply) => {
    checkBody('troubleTicket', 'TroubleTicket_Create', request.body);
    const body = request.body as Record<string, unknown>;
    const mapping = TICKET_MAPPINGS.find((candidate) => candidate.ticketType === body.ticketType);
    if (!mapping) throw invalid('body.ticketType', `one of: ${TICKET_MAPPINGS.map((candidate) => candidate.ticketType).join(', ')}`);
    const id = await mapping.create(db, request, body, app.deps.now());
    const ticket = (await mapping.find(db, request, id, linksOf(request)))!;
    return reply.code(201).header('Location', ticket.href).send(ticket);
  });

  app.patch('/troubleTicket/:id', async (request) => {
    const { id } = request.params as { id: string };
    checkBody('troubleTicket', 'TroubleTicket_Update', request.body);
    const mapping = mappingOf(id);
    await mapping.patch(db, request, id, request.body as Record<string, unknown>, app.deps.now());
    return (await mapping.find(db, request, id, linksOf(request)))!;
  });

  app.delete('/troubleTicket/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    await mappingOf(id).remove(db, request, id, app.deps.now());
    return reply.code(204).send();
  });
}
