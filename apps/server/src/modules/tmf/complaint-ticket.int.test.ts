import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { runComplaintEscalationScan } from '../complaints/complaint.service';
import { addCustomer, setClock, signIn } from '../work-orders/work-order.test-support';
import { expectConforms, expectTmfError, tmfClient, type TmfClient } from './tmf.test-support';

const BASE = '/tmf-api/troubleTicket/v4';

interface OutboxEvent {
  eventType: string;
  payload: { fieldPath?: string; event: { troubleTicket: { id: string; href: string; status: string } } };
}

describe.each(testDatabaseKinds())('complaints as TMF621 trouble tickets on %s', (kind) => {
  let t: TestApp;
  let city1: TmfClient;
  let city2: TmfClient;
  let ticketId: string;

  const eventsOf = (id: string) =>
    t.db.rows<OutboxEvent>(sql`SELECT event_type AS "eventType", payload FROM tmf_events WHERE resource_key = ${`troubleTicket/${id}`} ORDER BY id`);
  const complaintOf = async (id: string) => {
    const am = await signIn(t, 'am_a');
    const summary = (await am.get(`/api/v1/complaints?q=${id}`)).json().items[0];
    return (await am.get(`/api/v1/complaints/${summary.id}`)).json();
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { PATRON_TMF_CALLBACK_ALLOW: '127.0.0.1' });
    await addCustomer(t, { no: 'TC-A', star: 4 });
    setClock(t, '2026-11-23T02:00:00Z');
    city1 = await tmfClient(t, 'complaints-city1', 'DEMO-01');
    city2 = await tmfClient(t, 'complaints-city2', 'DEMO-02');
    // A listener, so that changes are written to the outbox (delivery itself is tested in tmf-events).
    const hub = await city1.send('POST', `${BASE}/hub`, { callback: 'http://127.0.0.1:9/listener' });
    expect(hub.statusCode, hub.body).toBe(201);
  });
  afterAll(() => t.close());

  it('creates a complaint through TMF that is a real complaint with its clocks, visible through /api/v1', async () => {
    const created = await city1.send('POST', `${BASE}/troubleTicket`, {
      name: 'billing',
      description: '十月账单多收了两条专线的月租',
      severity: 'Major',
      priority: 'P2',
      ticketType: 'complaint',
      externalId: 'CRM-C-1',
      channel: { id: 'hotline' },
      relatedParty: [{ id: 'TC-A', role: 'customer', '@referredType': 'Customer' }],
      relatedEntity: [{ id: 'BILL-202610-0042', role: 'disputedBill', '@referredType': 'CustomerBill' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticket = created.json();
    ticketId = ticket.id;
    expectConforms('troubleTicket', 'TroubleTicket', ticket);
    expect(created.headers.location).toBe(ticket.href);
    expect(ticket).toMatchObject({
      id: expect.stringMatching(/^CP\d{12}$/),
      ticketType: 'complaint',
      name: 'billing',
      status: 'acknowledged',
      severity: 'Major',
      priority: 'P2',
      externalId: 'CRM-C-1',
      channel: { id: 'hotline' },
      creationDate: '2026-11-23T02:00:00.000Z',
      relatedEntity: [{ id: 'BILL-202610-0042', role: 'disputedBill', '@referredType': 'CustomerBill' }],
    });

    const complaint = await complaintOf(ticket.id);
    expect(complaint).toMatchObject({ complaintNo: ticket.id, channel: 'hotline', category: 'billing', severity: 'high', status: 'received', level: 1 });
    // The level-1 limit (24 h) is the ticket's expected resolution.
    expect(ticket.expectedResolutionDate).toBe(complaint.levelDeadline);
    expect((await eventsOf(ticket.id)).map((event) => event.eventType)).toEqual(['TroubleTicketCreateEvent']);
  });

  it('shows a change made in Patron through TMF, and sends it as an event', async () => {
    const am = await signIn(t, 'am_a');
    const complaint = await complaintOf(ticketId);
    setClock(t, '2026-11-23T03:00:00Z');
    expect((await am.post(`/api/v1/complaints/${complaint.id}/transitions`, { to: 'assigned' })).statusCode).toBe(200);
    expect((await am.post(`/api/v1/complaints/${complaint.id}/transitions`, { to: 'processing' })).statusCode).toBe(200);

    const ticket = (await city1.get(`${BASE}/troubleTicket/${ticketId}`)).json();
    expectConforms('troubleTicket', 'TroubleTicket', ticket);
    expect(ticket).toMatchObject({ status: 'inProgress', statusChangeDate: '2026-11-23T03:00:00.000Z', relatedParty: [{ id: 'TC-A' }, { id: 'am_a', role: 'assignee' }] });
    expect(ticket.statusChange.map((change: { status: string }) => change.status)).toEqual(['acknowledged', 'inProgress']);

    const events = await eventsOf(ticketId);
    // assigned → processing is no TMF status change: it reads as a change of attributes.
    expect(events.map((event) => event.eventType)).toEqual(['TroubleTicketCreateEvent', 'TroubleTicketStatusChangeEvent', 'TroubleTicketAttributeValueChangeEvent']);
    for (const event of events) expectConforms('troubleTicket', event.eventType, event.payload);
    expect(events[1]!.payload.event.troubleTicket).toMatchObject({ id: ticketId, status: 'inProgress', href: `http://localhost:80/tmf-api/troubleTicket/v4/troubleTicket/${ticketId}` });
  });

  it('patches attributes and steps the complaint machine; refuses what a complaint does not allow', async () => {
    setClock(t, '2026-11-23T04:00:00Z');
    const patched = await city1.send('PATCH', `${BASE}/troubleTicket/${ticketId}`, { severity: 'Critical', externalId: 'CRM-C-1b' }, 'application/merge-patch+json');
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ severity: 'Critical', externalId: 'CRM-C-1b', status: 'inProgress' });
    expect((await complaintOf(ticketId)).severity).toBe('critical');
    const attributeEvent = (await eventsOf(ticketId)).at(-1)!;
    expect(attributeEvent).toMatchObject({ eventType: 'TroubleTicketAttributeValueChangeEvent', payload: { fieldPath: 'severity,externalId' } });

    expectTmfError('troubleTicket', await city1.send('PATCH', `${BASE}/troubleTicket/${ticketId}`, { status: 'resolved' }), 400, 'validation.failed');
    expectTmfError('troubleTicket', await city1.send('PATCH', `${BASE}/troubleTicket/${ticketId}`, { status: 'cancelled' }), 409, 'state.illegal_transition');
    expectTmfError('troubleTicket', await city1.send('PATCH', `${BASE}/troubleTicket/${ticketId}`, { description: '改写客户原话' }), 400, 'validation.failed');
    expectTmfError('troubleTicket', await city1.send('DELETE', `${BASE}/troubleTicket/${ticketId}`), 405, 'method.not_allowed');

    const resolved = await city1.send('PATCH', `${BASE}/troubleTicket/${ticketId}`, { status: 'resolved', statusChangeReason: '已退还多收月租 1,200.00 元' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expectConforms('troubleTicket', 'TroubleTicket', resolved.json());
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolutionDate: '2026-11-23T04:00:00.000Z' });
    expect(resolved.json().expectedResolutionDate).toBeUndefined();
    expect(await complaintOf(ticketId)).toMatchObject({ status: 'resolved', resolution: '已退还多收月租 1,200.00 元' });

    // Closing is the customer accepting; the handler still owes the root cause, so it is refused with what is missing.
    const closing = await city1.send('PATCH', `${BASE}/troubleTicket/${ticketId}`, { status: 'closed' });
    expectTmfError('troubleTicket', closing, 422, 'complaint.close_incomplete');
    expect(closing.json().message).toContain('body.rootCause');
    expect((await complaintOf(ticketId)).status).toBe('resolved');

    const reopened = await city1.send('PATCH', `${BASE}/troubleTicket/${ticketId}`, { status: 'inProgress', statusChangeReason: '客户不认可' });
    expect(reopened.json()).toMatchObject({ status: 'inProgress' });
    expect(await complaintOf(ticketId)).toMatchObject({ status: 'processing', reopenCount: 1 });
  });

  it('lists complaints and work orders together, filtered and sorted, inside the client scope', async () => {
    setClock(t, '2026-11-23T05:00:00Z');
    const order = await city1.send('POST', `${BASE}/troubleTicket`, {
      description: '专线中断',
      severity: 'minor',
      ticketType: 'workOrder',
      relatedParty: [{ id: 'TC-A', role: 'customer', '@referredType': 'Customer' }],
    });
    expect(order.statusCode, order.body).toBe(201);
    const ids = async (query: string) => {
      const response = await city1.get(`${BASE}/troubleTicket?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return { ids: (response.json() as { id: string }[]).map((item) => item.id), total: response.headers['x-total-count'] };
    };
    expect(await ids('ticketType=complaint')).toEqual({ ids: [ticketId], total: '1' });
    expect(await ids('relatedParty.id=TC-A')).toEqual({ ids: [order.json().id, ticketId], total: '2' });
    expect(await ids('relatedParty.id=TC-A&sort=creationDate')).toEqual({ ids: [ticketId, order.json().id], total: '2' });
    expect(await ids('relatedParty.id=TC-A&sort=-creationDate&offset=1&limit=1')).toEqual({ ids: [ticketId], total: '2' });
    expect(await ids('name=billing&status=inProgress')).toEqual({ ids: [ticketId], total: '1' });
    expect(await ids('ticketType=complaint&status=acknowledged')).toEqual({ ids: [], total: '0' });
    expectTmfError('troubleTicket', await city1.get(`${BASE}/troubleTicket?sort=severity`), 400, 'validation.failed');
    expect(await ids('ticketType=complaint&externalId=CRM-C-1b&fields=name')).toEqual({ ids: [ticketId], total: '1' });

    expectTmfError('troubleTicket', await city2.get(`${BASE}/troubleTicket/${ticketId}`), 404, 'not_found');
    expect((await city2.get(`${BASE}/troubleTicket?ticketType=complaint`)).json()).toEqual([]);
    const bad = await city1.send('POST', `${BASE}/troubleTicket`, {
      name: 'Wrong bill',
      description: 'x',
      severity: 'minor',
      ticketType: 'complaint',
      relatedParty: [{ id: 'TC-A', role: 'customer', '@referredType': 'Customer' }],
    });
    expectTmfError('troubleTicket', bad, 400, 'validation.failed');
    expect(bad.json().message).toContain('body.name');
  });

  it('sends escalations by the scan as attribute changes, with hrefs on the listener’s root', async () => {
    await runComplaintEscalationScan(t.db, new Date('2026-11-25T06:00:00Z'));
    const last = (await eventsOf(ticketId)).at(-1)!;
    expect(last).toMatchObject({ eventType: 'TroubleTicketAttributeValueChangeEvent', payload: { fieldPath: 'expectedResolutionDate,relatedParty' } });
    expect(last.payload.event.troubleTicket.href).toBe(`http://localhost:80/tmf-api/troubleTicket/v4/troubleTicket/${ticketId}`);
    expect((await complaintOf(ticketId)).level).toBe(2);
  });
});
