import { findTroubleTicketRow, loadBusinessCalendar } from '@patron/db';
import { appointmentSlots, DAY_MS, MAX_SLOT_SEARCH_DAYS } from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../context';
import { invalid, notFound } from '../../errors';
import { orderNoOf, windowOf } from './appointment.tmf-resource';
import { checkBody, linksOf, refuseAttributes, sendPage } from './tmf-http';
import { parseListQuery, project, rfc3339 } from './tmf-query';

/** What a search asks: the periods to look in and, optionally, the work order the visit is for. */
interface SlotQuestion {
  periods: { start: Date; end: Date }[];
  orderNo?: string;
}

/** How many periods one search may ask about (the id that encodes them stays short). */
const MAX_PERIODS = 4;

/**
 * Searches are answered, not stored: the id encodes the question (each period's ends in base-36
 * epoch seconds, then the order number), so GET /searchTimeSlot/{id} asks it again with the
 * calendar and clock of that moment, and nothing accumulates on the server.
 */
const seconds = (at: Date) => Math.floor(at.getTime() / 1000).toString(36);
const idOf = (question: SlotQuestion) =>
  question.periods.map((period) => `${seconds(period.start)}-${seconds(period.end)}`).join('_') + (question.orderNo === undefined ? '' : `.${question.orderNo}`);

const SEARCH_ID = /^([0-9a-z]+-[0-9a-z]+(?:_[0-9a-z]+-[0-9a-z]+){0,3})(?:\.([A-Za-z0-9-]+))?$/;

function questionOf(id: string): SlotQuestion | undefined {
  const match = SEARCH_ID.exec(id);
  if (!match) return undefined;
  const periods = match[1]!.split('_').map((pair) => {
    const [start, end] = pair.split('-').map((part) => new Date(parseInt(part, 36) * 1000));
    return { start: start!, end: end! };
  });
  if (periods.some((period) => period.end.getTime() <= period.start.getTime())) return undefined;
  return { periods, ...(match[2] === undefined ? {} : { orderNo: match[2] }) };
}

function questionFromBody(body: Record<string, unknown>): SlotQuestion {
  refuseAttributes(body, ['relatedParty', 'relatedPlace'], 'Availability follows the business calendar only; this attribute does not narrow it');
  const requested = (body.requestedTimeSlot ?? []) as { validFor?: unknown }[];
  if (requested.length === 0 || requested.length > MAX_PERIODS) throw invalid('body.requestedTimeSlot', `give 1 to ${MAX_PERIODS} periods (validFor) to search in`);
  const periods = requested.map((slot, index) => {
    const period = windowOf(slot.validFor, `body.requestedTimeSlot.${index}.validFor`);
    if (period.end.getTime() - period.start.getTime() > MAX_SLOT_SEARCH_DAYS * DAY_MS) {
      throw invalid(`body.requestedTimeSlot.${index}.validFor`, `a search covers at most ${MAX_SLOT_SEARCH_DAYS} days`);
    }
    return period;
  });
  return { periods, ...(body.relatedEntity === undefined ? {} : { orderNo: orderNoOf(body) }) };
}

const timeSlot = (start: Date, end: Date) => ({
  '@type': 'TimeSlot',
  validFor: { startDateTime: rfc3339(start), endDateTime: rfc3339(end) },
});

/** TMF646 searchTimeSlot: the free appointment windows of the business calendar in the requested periods. */
export async function searchTimeSlotRoutes(app: App) {
  const { db } = app.deps;

  async function answer(request: FastifyRequest, question: SlotQuestion) {
    const links = linksOf(request);
    if (question.orderNo !== undefined && !(await findTroubleTicketRow(db, request.access!, question.orderNo))) {
      throw invalid('body.relatedEntity', `No work order ${question.orderNo} in your scope`);
    }
    const calendar = await loadBusinessCalendar(db);
    const now = app.deps.now();
    const found = new Map<number, { start: Date; end: Date }>();
    for (const period of question.periods) {
      for (const slot of appointmentSlots(calendar, period.start, period.end, now).slots) found.set(slot.start.getTime(), slot);
    }
    const available = [...found.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
    const id = idOf(question);
    return {
      id,
      href: links.href('appointment', 'searchTimeSlot', id),
      '@type': 'SearchTimeSlot',
      searchDate: now.toISOString(),
      status: 'done',
      searchResult: available.length > 0 ? 'success' : 'fail',
      requestedTimeSlot: question.periods.map((period) => timeSlot(period.start, period.end)),
      availableTimeSlot: available.map((slot) => ({ id: slot.start.toISOString(), ...timeSlot(slot.start, slot.end) })),
      ...(question.orderNo === undefined
        ? {}
        : { relatedEntity: [{ id: question.orderNo, href: links.href('troubleTicket', 'troubleTicket', question.orderNo), role: 'troubleTicket', '@referredType': 'TroubleTicket' }] }),
    };
  }

  app.post('/searchTimeSlot', async (request, reply) => {
    checkBody('appointment', 'SearchTimeSlot_Create', request.body);
    const result = await answer(request, questionFromBody(request.body as Record<string, unknown>));
    return reply.code(201).header('Location', result.href).send(result);
  });

  app.get('/searchTimeSlot/:id', async (request) => {
    const { id } = request.params as { id: string };
    const question = questionOf(id);
    if (!question) throw notFound('SearchTimeSlot');
    return project(await answer(request, question), parseListQuery(request.query as Record<string, string | string[]>).fields);
  });

  // Nothing is stored, so there is nothing to list (POST a search instead).
  app.get('/searchTimeSlot', async (request, reply) => {
    parseListQuery(request.query as Record<string, string | string[]>);
    return sendPage(reply, [], 0);
  });
}
