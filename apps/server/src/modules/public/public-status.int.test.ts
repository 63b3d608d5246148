import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { addCustomer, move, setClock, signIn } from '../work-orders/work-order.test-support';

describe.each(testDatabaseKinds())('public work-order status on %s', (kind) => {
  let t: TestApp;
  let code: string;
  let second: string;

  const lookup = (trackingCode: string, query: string, ip = '203.0.113.7') =>
    t.app.inject({ method: 'GET', url: `/api/v1/public/work-orders/${trackingCode}${query}`, remoteAddress: ip });

  beforeAll(async () => {
    t = await startTestApp(kind);
    await addCustomer(t, { no: 'PUB-1', star: 5, phone: '13912345678' });
    setClock(t, '2026-11-23T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const create = async (title: string) =>
      (
        await am.post('/api/v1/work-orders', {
          customerNo: 'PUB-1',
          type: 'fault',
          channel: 'hotline',
          serviceItem: 'fixed_line_fault_repair',
          title,
          description: '联系人张三 13912345678',
          assignee: 'am_a',
        })
      ).json();
    const order = await create('张三家固话故障');
    code = order.trackingCode;
    second = (await create('另一张单')).trackingCode;
    await move(am, order.id, 'appointed', { note: '张三说下午在家', appointment: { start: '2026-11-23T14:00:00+08:00', end: '2026-11-23T16:00:00+08:00' } });
  });
  afterAll(() => t.close());

  it('shows status, timeline and the expected completion for the right code and phone digits, without personal data', async () => {
    const response = await lookup(code.toLowerCase(), '?phoneLast4=5678');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body).toEqual({
      trackingCode: code,
      type: 'fault',
      typeLabel: { zh: '故障报修', en: 'Fault repair' },
      status: 'appointed',
      statusLabel: { zh: '已预约', en: 'Appointment made' },
      service: { zh: '固话故障修复', en: 'Fixed-line fault repair' },
      acceptedAt: '2026-11-23T02:00:00.000Z',
      appointment: { start: '2026-11-23T06:00:00.000Z', end: '2026-11-23T08:00:00.000Z' },
      expectedCompletion: '2026-11-23T10:00:00.000Z',
      completedAt: null,
      timeline: [
        { status: 'received', statusLabel: { zh: '已受理', en: 'Received' }, at: '2026-11-23T02:00:00.000Z' },
        { status: 'appointed', statusLabel: { zh: '已预约', en: 'Appointment made' }, at: '2026-11-23T02:00:00.000Z' },
      ],
    });
    const text = response.body;
    for (const secret of ['张三', '1391234', '客户PUB-1', 'PUB-1', 'am_a', 'WO2026', '下午在家']) expect(text).not.toContain(secret);
  });

  it('answers a wrong, missing or malformed phone number exactly like an unknown code', async () => {
    const bodies = await Promise.all(
      [
        lookup(code, '?phoneLast4=1234'),
        lookup(code, ''),
        lookup(code, '?phoneLast4=56789'),
        lookup(code, '?phoneLast4=abcd'),
        lookup('ZZZZZZZZZZ', '?phoneLast4=5678'),
        lookup('not-a-code', '?phoneLast4=5678'),
      ].map(async (request) => {
        const response = await request;
        expect(response.statusCode).toBe(404);
        const { requestId: _requestId, ...error } = response.json().error;
        return error;
      }),
    );
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0]).toEqual({ code: 'not_found', message: 'No work order matches this tracking code and phone number', details: [] });
  });

  it('rate-limits repeated failures per IP and per tracking code, then lets the caller in again after the window', async () => {
    setClock(t, '2026-11-23T03:00:00Z');
    // Per IP: ten failures from one address block it, even for a correct lookup.
    for (let i = 0; i < 10; i += 1) expect((await lookup(`AAAAAAAA${i}2`, '?phoneLast4=0000', '198.51.100.1')).statusCode).toBe(404);
    const blocked = await lookup(second, '?phoneLast4=5678', '198.51.100.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBe(900);
    // Another address is unaffected.
    expect((await lookup(second, '?phoneLast4=5678', '198.51.100.2')).statusCode).toBe(200);

    // Per code: ten failures spread over ten addresses block that code for everyone.
    for (let i = 0; i < 10; i += 1) expect((await lookup(second, `?phoneLast4=000${i}`, `192.0.2.${i + 10}`)).statusCode).toBe(404);
    expect((await lookup(second, '?phoneLast4=5678', '192.0.2.200')).statusCode).toBe(429);
    expect((await lookup(code, '?phoneLast4=5678', '192.0.2.200')).statusCode).toBe(200);

    setClock(t, '2026-11-23T03:14:00Z');
    expect((await lookup(second, '?phoneLast4=5678', '192.0.2.201')).statusCode).toBe(429);
    setClock(t, '2026-11-23T03:15:01Z');
    expect((await lookup(second, '?phoneLast4=5678', '192.0.2.201')).statusCode).toBe(200);
    expect((await lookup(second, '?phoneLast4=5678', '198.51.100.1')).statusCode).toBe(200);
  });

  it('needs no sign-in, and shows the completion once done', async () => {
    setClock(t, '2026-11-23T05:00:00Z');
    const am = await signIn(t, 'am_a');
    const id = (await am.get(`/api/v1/work-orders?q=${code}`)).json().items[0].id;
    for (const to of ['dispatched', 'in_progress', 'completed']) expect((await move(am, id, to)).statusCode).toBe(200);
    const body = (await lookup(code, '?phoneLast4=5678', '192.0.2.250')).json();
    expect(body).toMatchObject({ status: 'completed', expectedCompletion: null, completedAt: '2026-11-23T05:00:00.000Z' });
    expect(body.timeline.map((entry: { status: string }) => entry.status)).toEqual(['received', 'appointed', 'dispatched', 'in_progress', 'completed']);
  });
});
