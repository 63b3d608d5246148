import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { addCustomer, move, setClock, signIn } from '../work-orders/work-order.test-support';
import { expectConforms, expectTmfError, tmfClient, type TmfClient } from './tmf.test-support';

const TT = '/tmf-api/troubleTicket/v4';
const AM = '/tmf-api/appointment/v4';

interface OutboxEvent {
  eventType: string;
  payload: Record<string, unknown> & { fieldPath?: string; event: { appointment: { status: string; validFor: { startDateTime: string } } } };
}

describe.each(testDatabaseKinds())('TMF646 appointments and searchTimeSlot on %s', (kind) => {
  let t: TestApp;
  let city1: TmfClient;
  let city2: TmfClient;
  let orderNo: string;

  const appointmentEvents = (id: string) =>
    t.db.rows<OutboxEvent>(sql`SELECT event_type AS "eventType", payload FROM tmf_events WHERE resource_key = ${`appointment/${id}`} ORDER BY id`);
  const orderOf = async (id: string) => {
    const am = await signIn(t, 'am_a');
    const summary = (await am.get(`/api/v1/work-orders?q=${id}`)).json().items[0];
    return (await am.get(`/api/v1/work-orders/${summary.id}`)).json();
  };
  const slotBody = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
    requestedTimeSlot: [{ validFor: { startDateTime: start, endDateTime: end } }],
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp(kind, { PATRON_TMF_CALLBACK_ALLOW: '127.0.0.1' });
    await addCustomer(t, { no: 'AP-A', star: 4 });
    setClock(t, '2026-11-23T02:00:00Z');
    city1 = await tmfClient(t, 'appointments-city1', 'DEMO-01');
    city2 = await tmfClient(t, 'appointments-city2', 'DEMO-02');
    expect((await city1.send('POST', `${AM}/hub`, { callback: 'http://127.0.0.1:9/listener' })).statusCode).toBe(201);
    const created = await city1.send('POST', `${TT}/troubleTicket`, {
      description: '专线中断，需上门',
      severity: 'major',
      ticketType: 'workOrder',
      relatedParty: [{ id: 'AP-A', role: 'customer', '@referredType': 'Customer' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    orderNo = created.json().id;
  });
  afterAll(() => t.close());

  it('offers the appointment windows of the business calendar', async () => {
    const ticketRef = { relatedEntity: [{ id: orderNo, role: 'troubleTicket', '@referredType': 'TroubleTicket' }] };
    const search = await city1.send('POST', `${AM}/searchTimeSlot`, slotBody('2026-11-23T00:00:00+08:00', '2026-11-25T00:00:00+08:00', ticketRef));
    expect(search.statusCode, search.body).toBe(201);
    const result = search.json();
    expectConforms('appointment', 'SearchTimeSlot', result);
    expect(search.headers.location).toBe(result.href);
    // Monday 10:00 now: the day's earlier windows are gone; Tuesday has all four.
    expect(result.availableTimeSlot.map((slot: { validFor: { startDateTime: string } }) => slot.validFor.startDateTime)).toEqual([
      '2026-11-23T02:30:00.000Z',
      '2026-11-23T04:30:00.000Z',
      '2026-11-23T06:30:00.000Z',
      '2026-11-24T00:30:00.000Z',
      '2026-11-24T02:30:00.000Z',
      '2026-11-24T04:30:00.000Z',
      '2026-11-24T06:30:00.000Z',
    ]);
    expect(result).toMatchObject({ status: 'done', searchResult: 'success', relatedEntity: [{ id: orderNo }] });

    const again = await city1.get(`${AM}/searchTimeSlot/${result.id}`);
    expect(again.statusCode).toBe(200);
    expectConforms('appointment', 'SearchTimeSlot', again.json());
    expect(again.json().availableTimeSlot).toEqual(result.availableTimeSlot);
    const weekend = (await city1.send('POST', `${AM}/searchTimeSlot`, slotBody('2026-11-28T00:00:00+08:00', '2026-11-30T00:00:00+08:00'))).json();
    expect(weekend).toMatchObject({ searchResult: 'fail', availableTimeSlot: [] });
    const list = await city1.get(`${AM}/searchTimeSlot`);
    expect(list.json()).toEqual([]);
    expect(list.headers['x-total-count']).toBe('0');

    expectTmfError('appointment', await city1.get(`${AM}/searchTimeSlot/not-a-search`), 404, 'not_found');
    expectTmfError('appointment', await city1.send('POST', `${AM}/searchTimeSlot`, slotBody('2026-11-01T00:00:00Z', '2026-12-15T00:00:00Z')), 400, 'validation.failed');
    expectTmfError('appointment', await city1.send('POST', `${AM}/searchTimeSlot`, {}), 400, 'validation.failed');
    expectTmfError('appointment', await city2.send('POST', `${AM}/searchTimeSlot`, slotBody('2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z', ticketRef)), 400, 'validation.failed');
  });

  it('books, reschedules and cancels the visit of a work order, with events', async () => {
    const booked = await city1.send('POST', `${AM}/appointment`, {
      validFor: { startDateTime: '2026-11-24T10:30:00+08:00', endDateTime: '2026-11-24T12:30:00+08:00' },
      relatedEntity: [{ id: orderNo, role: 'troubleTicket', '@referredType': 'TroubleTicket' }],
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expectConforms('appointment', 'Appointment', booked.json());
    expect(booked.headers.location).toBe(booked.json().href);
    expect(booked.json()).toMatchObject({ id: orderNo, status: 'confirmed', validFor: { startDateTime: '2026-11-24T02:30:00.000Z', endDateTime: '2026-11-24T04:30:00.000Z' } });
    expect(await orderOf(orderNo)).toMatchObject({ status: 'appointed', appointment: { start: '2026-11-24T02:30:00.000Z', end: '2026-11-24T04:30:00.000Z' } });
    const ticket = (await city1.get(`${TT}/troubleTicket/${orderNo}`)).json();
    expect(ticket.relatedEntity).toContainEqual(expect.objectContaining({ role: 'appointment', id: orderNo }));

    expectTmfError(
      'appointment',
      await city1.send('POST', `${AM}/appointment`, { validFor: { startDateTime: '2026-11-25T10:30:00+08:00', endDateTime: '2026-11-25T12:30:00+08:00' }, relatedEntity: [{ id: orderNo, role: 'troubleTicket', '@referredType': 'TroubleTicket' }] }),
      409,
      'conflict',
    );
    expectTmfError('appointment', await city1.send('POST', `${AM}/appointment`, { validFor: { startDateTime: '2026-11-25T10:30:00+08:00', endDateTime: '2026-11-25T12:30:00+08:00' } }), 400, 'validation.failed');

    setClock(t, '2026-11-23T03:00:00Z');
    const moved = await city1.send('PATCH', `${AM}/appointment/${orderNo}`, { validFor: { startDateTime: '2026-11-25T14:30:00+08:00', endDateTime: '2026-11-25T16:30:00+08:00' } }, 'application/merge-patch+json');
    expect(moved.statusCode, moved.body).toBe(200);
    expectConforms('appointment', 'Appointment', moved.json());
    expect((await orderOf(orderNo)).appointment).toEqual({ start: '2026-11-25T06:30:00.000Z', end: '2026-11-25T08:30:00.000Z' });
    expectTmfError('appointment', await city1.send('PATCH', `${AM}/appointment/${orderNo}`, { status: 'cancelled' }), 400, 'validation.failed');
    expectTmfError('appointment', await city1.send('PATCH', `${AM}/appointment/${orderNo}`, { validFor: { startDateTime: '2026-11-25T16:30:00+08:00', endDateTime: '2026-11-25T14:30:00+08:00' } }), 400, 'validation.failed');
    expectTmfError('appointment', await city2.send('PATCH', `${AM}/appointment/${orderNo}`, { validFor: { startDateTime: '2026-11-25T14:30:00+08:00', endDateTime: '2026-11-25T16:30:00+08:00' } }), 404, 'not_found');

    // A change in Patron (dispatch) is a state change of the appointment too.
    const am = await signIn(t, 'am_a');
    expect((await move(am, (await orderOf(orderNo)).id, 'dispatched')).statusCode).toBe(200);

    const cancelled = await city1.send('DELETE', `${AM}/appointment/${orderNo}`);
    expect(cancelled.statusCode, cancelled.body).toBe(204);
    expectTmfError('appointment', await city1.get(`${AM}/appointment/${orderNo}`), 404, 'not_found');
    expect(await orderOf(orderNo)).toMatchObject({ status: 'dispatched', appointment: null });
    const after = (await city1.get(`${TT}/troubleTicket/${orderNo}`)).json();
    expect(after.relatedEntity ?? []).not.toContainEqual(expect.objectContaining({ role: 'appointment' }));

    const events = await appointmentEvents(orderNo);
    expect(events.map((event) => event.eventType)).toEqual(['AppointmentCreateEvent', 'AppointmentAttributeValueChangeEvent', 'AppointmentStateChangeEvent', 'AppointmentDeleteEvent']);
    for (const event of events) expectConforms('appointment', event.eventType, event.payload);
    expect(events[1]!.payload.fieldPath).toBe('validFor');
  });

  it('announces a window set in Patron as a created appointment, and refuses to move a visit under way', async () => {
    const am = await signIn(t, 'am_a');
    const created = await am.post('/api/v1/work-orders', { customerNo: 'AP-A', type: 'fault', channel: 'hotline', title: '宽带故障' });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json();
    await move(am, order.id, 'appointed', { appointment: { start: '2026-11-26T08:30:00+08:00', end: '2026-11-26T10:30:00+08:00' } });
    expect((await appointmentEvents(order.orderNo)).map((event) => event.eventType)).toEqual(['AppointmentCreateEvent']);
    for (const to of ['dispatched', 'in_progress']) expect((await move(am, order.id, to)).statusCode).toBe(200);
    expect((await city1.get(`${AM}/appointment/${order.orderNo}`)).json().status).toBe('completed');
    expectTmfError(
      'appointment',
      await city1.send('PATCH', `${AM}/appointment/${order.orderNo}`, { validFor: { startDateTime: '2026-11-27T08:30:00+08:00', endDateTime: '2026-11-27T10:30:00+08:00' } }),
      409,
      'state.illegal_transition',
    );
  });
});
