import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { addCustomer, move, setClock, signIn } from '../work-orders/work-order.test-support';
import { parseCallbackPolicy } from './tmf-callback-policy';
import { deliverTmfEvents, eventPoster, retryDelaySeconds, type EventPoster } from './tmf-delivery.service';
import { expectConforms, tmfClient, type TmfClient } from './tmf.test-support';

const BASE = '/tmf-api/troubleTicket/v4';

interface Listener {
  url: string;
  received: { eventType: string; event: { troubleTicket: { id: string; status: string } } }[];
  attempts: number;
  close(): Promise<void>;
}

/** A listener on 127.0.0.1 that answers 500 to its first `failures` requests, then 201. */
async function startListener(failures: number): Promise<Listener> {
  const listener: Omit<Listener, 'url' | 'close'> = { received: [], attempts: 0 };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      listener.attempts += 1;
      if (listener.attempts <= failures) {
        response.writeHead(500).end();
        return;
      }
      listener.received.push(JSON.parse(body));
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(listener, {
    url: `http://127.0.0.1:${port}/listener`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

describe.each(testDatabaseKinds())('TMF event delivery on %s', (kind) => {
  let t: TestApp;
  let city1: TmfClient;
  let city2: TmfClient;
  let flaky: Listener;
  let city2Listener: Listener;
  let dead: Listener;
  let post: EventPoster;

  beforeAll(async () => {
    // The listeners run on this machine: loopback is allowed explicitly, as an operator would for one.
    t = await startTestApp(kind, { PATRON_TMF_CALLBACK_ALLOW: '127.0.0.1' });
    post = eventPoster(parseCallbackPolicy(t.app.deps.config.tmfCallbackAllow));
    await addCustomer(t, { no: 'EV-5STAR', star: 5 });
    setClock(t, '2026-11-23T02:00:00Z');
    city1 = await tmfClient(t, 'events-city1', 'DEMO-01');
    city2 = await tmfClient(t, 'events-city2', 'DEMO-02');
    flaky = await startListener(2);
    city2Listener = await startListener(0);
    dead = await startListener(Number.MAX_SAFE_INTEGER);
  });
  afterAll(async () => {
    await Promise.all([flaky.close(), city2Listener.close(), dead.close()]);
    await t.close();
  });

  it('delivers every change in order, at least once, through a listener that fails twice', async () => {
    const hub = await city1.send('POST', `${BASE}/hub`, { callback: flaky.url });
    expect(hub.statusCode, hub.body).toBe(201);
    expectConforms('troubleTicket', 'EventSubscription', hub.json());
    expect((await city1.send('POST', `${BASE}/hub`, { callback: dead.url, query: 'eventType=TroubleTicketCreateEvent' })).statusCode).toBe(201);
    expect((await city2.send('POST', `${BASE}/hub`, { callback: city2Listener.url })).statusCode).toBe(201);

    const created = await city1.send('POST', `${BASE}/troubleTicket`, {
      description: '电路中断',
      severity: 'critical',
      ticketType: 'workOrder',
      relatedParty: [{ id: 'EV-5STAR', role: 'customer', '@referredType': 'Customer' }],
    });
    const ticket = created.json();
    // A change made in the UI (through /api/v1) is an event just the same.
    const am = await signIn(t, 'am_a');
    const order = (await am.get(`/api/v1/work-orders?customer=EV-5STAR`)).json().items[0];
    expect((await move(am, order.id, 'appointed', {})).statusCode).toBe(200);
    const patched = await city1.send('PATCH', `${BASE}/troubleTicket/${ticket.id}`, { name: '电路中断（已派单）' }, 'application/merge-patch+json');
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await city1.send('DELETE', `${BASE}/troubleTicket/${ticket.id}`)).statusCode).toBe(204);

    let now = new Date('2026-11-23T02:01:00Z');
    // Only the first event of the ticket is tried (order per resource); city 2's listener hears nothing of city 1.
    expect(await deliverTmfEvents(t.db, now, post)).toEqual({ delivered: 0, failed: 2 });
    expect(flaky.received).toHaveLength(0);
    now = new Date(now.getTime() + retryDelaySeconds(1) * 1000);
    await deliverTmfEvents(t.db, now, post);
    expect(flaky.received).toHaveLength(0);
    now = new Date(now.getTime() + retryDelaySeconds(2) * 1000);
    await deliverTmfEvents(t.db, now, post);

    expect(flaky.attempts).toBe(7);
    expect(flaky.received.map((event) => event.eventType)).toEqual([
      'TroubleTicketCreateEvent',
      'TroubleTicketStatusChangeEvent',
      'TroubleTicketAttributeValueChangeEvent',
      'TroubleTicketStatusChangeEvent',
      'TroubleTicketDeleteEvent',
    ]);
    for (const event of flaky.received) expectConforms('troubleTicket', event.eventType, event);
    expect(flaky.received.map((event) => event.event.troubleTicket.status)).toEqual(['acknowledged', 'inProgress', 'inProgress', 'cancelled', 'cancelled']);
    expect(flaky.received.every((event) => event.event.troubleTicket.id === ticket.id)).toBe(true);
    expect(city2Listener.received).toHaveLength(0);
    expect(dead.attempts).toBe(3);
  });

  it('marks a listener that keeps failing, for admins to see', async () => {
    let now = new Date('2026-11-23T04:00:00Z');
    for (let pass = 0; pass < 3; pass += 1) {
      now = new Date(now.getTime() + 3600_000);
      await deliverTmfEvents(t.db, now, post);
    }
    const admin = await signIn(t, 'admin');
    const hubs = (await admin.get('/api/v1/tmf-hubs')).json().items as { callback: string; state: string; lastError: string; consecutiveFailures: number }[];
    const failing = hubs.find((hub) => hub.callback === dead.url);
    expect(failing).toMatchObject({ state: 'failing', lastError: 'HTTP 500', consecutiveFailures: 6 });
    expect(hubs.find((hub) => hub.callback === flaky.url)).toMatchObject({ state: 'active', consecutiveFailures: 0 });
    const denied = await (await signIn(t, 'am_a')).get('/api/v1/tmf-hubs');
    expect(denied.statusCode).toBe(403);
  });

  it('removes a registration', async () => {
    const hub = (await city1.send('POST', `${BASE}/hub`, { callback: 'http://127.0.0.1:9/unused' })).json();
    expect((await city2.send('DELETE', `${BASE}/hub/${hub.id}`)).statusCode).toBe(404);
    expect((await city1.send('DELETE', `${BASE}/hub/${hub.id}`)).statusCode).toBe(204);
    expect((await city1.send('DELETE', `${BASE}/hub/${hub.id}`)).statusCode).toBe(404);
  });
});
