import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { addCustomer, move, setClock, signIn } from '../work-orders/work-order.test-support';
import { expectConforms, expectTmfError, tmfClient, type TmfClient } from './tmf.test-support';

const BASE = '/tmf-api/troubleTicket/v4';

describe.each(testDatabaseKinds())('TMF621 trouble tickets on %s', (kind) => {
  let t: TestApp;
  let city1: TmfClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await addCustomer(t, { no: 'TT-5STAR', star: 5 });
    await addCustomer(t, { no: 'TT-CITY2', star: 3, org: 'DEMO-02-01', manager: null });
    setClock(t, '2026-11-23T02:00:00Z');
    city1 = await tmfClient(t, 'crm-city1', 'DEMO-01');
  });
  afterAll(() => t.close());

  it('creates a ticket that is a real work order with an SLA clock', async () => {
    const created = await city1.send('POST', `${BASE}/troubleTicket`, {
      description: '专线中断',
      severity: 'Major',
      priority: 'P1',
      ticketType: 'workOrder',
      externalId: 'CRM-1',
      relatedParty: [{ id: 'TT-5STAR', role: 'customer', '@referredType': 'Customer' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticket = created.json();
    expectConforms('troubleTicket', 'TroubleTicket', ticket);
    expect(created.headers.location).toBe(ticket.href);
    expect(ticket).toMatchObject({ '@type': 'TroubleTicket', status: 'acknowledged', severity: 'Major', priority: 'P1', externalId: 'CRM-1', ticketType: 'workOrder' });

    const am = await signIn(t, 'am_a');
    const list = (await am.get('/api/v1/work-orders?customer=TT-5STAR')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ orderNo: ticket.id, channel: 'tmf', priority: 'urgent', status: 'received' });
    expect(list.items[0].sla).not.toBeNull();
    expect(ticket.expectedResolutionDate).toBe(list.items[0].sla.deadline);

    const moved = await move(am, list.items[0].id, 'appointed', { appointment: { start: '2026-11-23T14:00:00+08:00', end: '2026-11-23T16:00:00+08:00' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = (await city1.get(`${BASE}/troubleTicket/${ticket.id}`)).json();
    expectConforms('troubleTicket', 'TroubleTicket', after);
    expect(after.status).toBe('inProgress');
    expect(after.statusChange.map((change: { status: string }) => change.status)).toEqual(['acknowledged', 'inProgress']);
  });

  it('answers 404 and 400 with TMF error bodies', async () => {
    expectTmfError('troubleTicket', await city1.get(`${BASE}/troubleTicket/WO209901010001`), 404, 'not_found');
    expectTmfError('troubleTicket', await city1.send('POST', `${BASE}/troubleTicket`, { description: 'x' }), 400, 'validation.failed');
  });
});
