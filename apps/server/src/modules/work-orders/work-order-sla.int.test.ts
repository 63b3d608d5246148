import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleJobLogger, sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { slaScanJob } from '../../jobs/sla-scan.job';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { runSlaScan } from './work-order-sla.service';
import { addCustomer, move, notificationsOf, setClock, signIn } from './work-order.test-support';

const quietLogger = { ...consoleJobLogger, info: () => undefined };

describe.each(testDatabaseKinds())('SLA scanner on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await addCustomer(t, { no: 'SLA-5STAR', star: 5 });
    await addCustomer(t, { no: 'SLA-NOAM', star: 3, manager: null, org: 'DEMO-01-02' });
  });
  afterAll(() => t.close());

  const scan = (iso: string) => runSlaScan(t.db, setClock(t, iso));

  it('raises 50%, 80% and breach once each, notifies the assignee and escalates the breach to the team lead', async () => {
    setClock(t, '2026-11-23T02:00:00Z'); // Monday 10:00 Shanghai; 8 h clock budget → due 18:00
    const am = await signIn(t, 'am_a');
    const order = (
      await am.post('/api/v1/work-orders', {
        customerNo: 'SLA-5STAR',
        type: 'fault',
        channel: 'hotline',
        serviceItem: 'fixed_line_fault_repair',
        title: '故障',
        assignee: 'am_a',
      })
    ).json();
    const id = String(order.id);
    const mine = async (username: string) => (await notificationsOf(t, username)).filter((n) => n.entityId === id).map((n) => n.kind);

    expect(await scan('2026-11-23T03:00:00Z')).toMatchObject({ examined: 0, notifications: 0 });

    const at50 = await scan('2026-11-23T06:01:00Z');
    expect(at50).toMatchObject({ examined: 1, warning_50: 1, warning_80: 0, breached: 0, notifications: 1 });
    expect(await mine('am_a')).toEqual(['sla.warning_50']);
    // Idempotent: the same instant again finds nothing due and raises nothing.
    expect(await scan('2026-11-23T06:01:00Z')).toMatchObject({ examined: 0, notifications: 0 });
    expect(await mine('am_a')).toEqual(['sla.warning_50']);

    expect(await scan('2026-11-23T08:30:00Z')).toMatchObject({ examined: 1, warning_80: 1, notifications: 1 });
    expect(await scan('2026-11-23T08:45:00Z')).toMatchObject({ examined: 0 });

    // The job handler is the same pass.
    setClock(t, '2026-11-23T10:00:01Z');
    await slaScanJob.handler({}, { db: t.db, now: t.clock.now, logger: quietLogger, jobId: 0, attempt: 1, scheduledFor: null });
    expect(await mine('am_a')).toEqual(['sla.warning_50', 'sla.warning_80', 'sla.breached']);
    expect(await mine('lead_a')).toEqual(['sla.escalated']);
    expect(await mine('dm_a')).toEqual([]);
    expect(await scan('2026-11-23T12:00:00Z')).toMatchObject({ examined: 0, notifications: 0 });
    expect(await mine('am_a')).toHaveLength(3);

    const detail = (await (await signIn(t, 'am_a')).get(`/api/v1/work-orders/${id}`)).json();
    expect(detail.targets[0]).toMatchObject({ state: 'breached', overdueMinutes: 120 });
    expect(detail.targets[0].warned50At).toBe('2026-11-23T06:01:00.000Z');
    expect(detail.targets[0].warned80At).toBe('2026-11-23T08:30:00.000Z');
    expect(detail.targets[0].breachedAt).toBe('2026-11-23T10:00:01.000Z');
    expect(detail.compensation).toBeNull();
    const breachedList = (await (await signIn(t, 'am_a')).get('/api/v1/work-orders?slaState=breached')).json();
    expect(breachedList.items.map((item: { id: number }) => item.id)).toContain(order.id);
    expect(breachedList.items[0].sla.remaining).toEqual({ minutes: -120 });

    const audit = await t.db.first<{ actorName: string; after: { escalatedTo: number[] } }>(sql`SELECT actor_name AS "actorName", after FROM audit_events
      WHERE action = 'work_order.sla_breached' AND entity_id = ${id}`);
    expect(audit).toMatchObject({ actorName: 'system', after: { escalatedTo: [t.ids.userIds.lead_a] } });

    // The notifications API shows the caller's own.
    const lead = await signIn(t, 'lead_a');
    const inbox = (await lead.get('/api/v1/notifications?unread=true')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'sla.escalated', entityType: 'work_order', entityId: id, params: { orderNo: order.orderNo } });
    expect(inbox.items[0].title).toContain(order.orderNo);
    expect((await lead.post(`/api/v1/notifications/${inbox.items[0].id}/read`)).statusCode).toBe(204);
    expect((await lead.get('/api/v1/notifications?unread=true')).json().unread).toBe(0);
    expect((await (await signIn(t, 'am_b')).post(`/api/v1/notifications/${inbox.items[0].id}/read`)).statusCode).toBe(404);
  });

  it('raises only the most severe level when the scanner first sees a target late, and stops watching it', async () => {
    setClock(t, '2026-11-24T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const order = (
      await am.post('/api/v1/work-orders', { customerNo: 'SLA-5STAR', type: 'fault', channel: 'hotline', serviceItem: 'circuit_fault', title: '电路' })
    ).json();
    // No assignee: the customer's account manager is told.
    const result = await scan('2026-11-25T02:00:00Z');
    expect(result).toMatchObject({ examined: 1, breached: 1, warning_50: 0, warning_80: 0 });
    const kinds = (await notificationsOf(t, 'am_a')).filter((n) => n.entityId === String(order.id)).map((n) => n.kind);
    expect(kinds).toEqual(['sla.breached']);
    const row = await t.db.first<{ nextDueAt: Date | null; warned50At: Date | null }>(sql`SELECT next_due_at AS "nextDueAt",
      warned_50_at AS "warned50At" FROM work_order_sla_targets WHERE work_order_id = ${order.id}`);
    expect(row?.nextDueAt).toBeNull();
    expect(row?.warned50At).not.toBeNull();
  });

  it('escalates from the customer org when nobody is assigned and the customer has no manager', async () => {
    setClock(t, '2026-11-24T02:00:00Z');
    const city = await signIn(t, 'cm_1');
    const order = (
      await city.post('/api/v1/work-orders', { customerNo: 'SLA-NOAM', type: 'fault', channel: 'hotline', serviceItem: 'circuit_fault', title: '无人负责' })
    ).json();
    expect(await scan('2026-11-24T09:00:00Z')).toMatchObject({ breached: 1 });
    const escalated = await t.db.rows<{ username: string; kind: string }>(sql`SELECT u.username, n.kind FROM notifications n
      JOIN users u ON u.id = n.user_id WHERE n.entity_id = ${String(order.id)} ORDER BY u.username`);
    // DEMO-01-02 has no team lead or district manager: the nearest manager above is the city's.
    expect(escalated).toEqual([{ username: 'cm_1', kind: 'sla.escalated' }]);
  });

  it('lets two scanners run at once without raising anything twice', async () => {
    setClock(t, '2026-11-27T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const created = await am.post('/api/v1/work-orders', {
        customerNo: 'SLA-5STAR',
        type: 'fault',
        channel: 'hotline',
        serviceItem: 'circuit_fault',
        title: `并发 ${i}`,
        assignee: 'am_a2',
      });
      ids.push(String(created.json().id));
    }
    const now = setClock(t, '2026-11-27T05:30:00Z'); // 3.5 h of 6 h: past 50%
    const [a, b] = await Promise.all([runSlaScan(t.db, now, { batchSize: 2 }), runSlaScan(t.db, now, { batchSize: 2 })]);
    expect(a.warning_50 + b.warning_50).toBe(6);
    const kinds = (await notificationsOf(t, 'am_a2')).filter((n) => ids.includes(n.entityId ?? ''));
    expect(kinds).toHaveLength(6);
  });

  it('completing a late order raises the breach on the spot (no scanner needed) and stops the clock', async () => {
    setClock(t, '2026-11-26T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const order = (
      await am.post('/api/v1/work-orders', {
        customerNo: 'SLA-5STAR',
        type: 'fault',
        channel: 'hotline',
        serviceItem: 'fixed_line_fault_repair',
        title: '晚了',
        assignee: 'am_a',
      })
    ).json();
    for (const to of ['appointed', 'dispatched', 'in_progress']) expect((await move(am, order.id, to)).statusCode).toBe(200);
    setClock(t, '2026-11-26T11:00:00Z');
    const late = await signIn(t, 'am_a');
    const done = (await move(late, order.id, 'completed')).json();
    expect(done.targets[0]).toMatchObject({ clockStatus: 'stopped', state: 'breached', overdueMinutes: 60 });
    const kinds = (await notificationsOf(t, 'am_a')).filter((n) => n.entityId === String(order.id)).map((n) => n.kind);
    expect(kinds).toEqual(['sla.breached']);
    expect(await scan('2026-11-26T11:30:00Z')).toMatchObject({ breached: 0 });
  });
});
