import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotifications, type NewNotification } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { addCustomer, setClock, signIn } from '../work-orders/work-order.test-support';

describe.each(testDatabaseKinds())('notifications on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await addCustomer(t, { no: 'NT-A', star: 3 });
  });
  afterAll(() => t.close());

  /** Work-order SLA notices for one user, as the scanner writes them. */
  const seed = (username: string, orderNos: readonly string[], at: string) =>
    insertNotifications(
      t.db,
      orderNos.map(
        (orderNo, i): NewNotification => ({
          userId: t.ids.userIds[username]!,
          kind: 'sla.warning_80',
          title: `工单 ${orderNo} 处理已用去 80% 时限`,
          body: null,
          params: { workOrderId: 900 + i, orderNo, target: 'resolution', level: 'warning_80', deadline: at },
          entityType: 'work_order',
          entityId: String(900 + i),
        }),
      ),
      new Date(at),
    );

  it('delivers a hot complaint’s level-2 notice to the district manager only, with its kind, params and subject', async () => {
    setClock(t, '2026-11-24T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const complaint = (
      await am.post('/api/v1/complaints', { customerNo: 'NT-A', channel: 'hotline', category: 'billing', severity: 'medium', description: '再不解决我就找记者' })
    ).json();
    expect(complaint).toMatchObject({ hot: true, level: 2 });

    const dm = await signIn(t, 'dm_a');
    expect((await dm.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
    const inbox = (await dm.get('/api/v1/notifications')).json();
    expect(inbox).toMatchObject({ total: 1, unread: 1, page: 1, pageSize: 20 });
    expect(inbox.items[0]).toMatchObject({
      kind: 'complaint.escalated',
      params: { complaintNo: complaint.complaintNo, level: 2, automatic: false },
      entityType: 'complaint',
      entityId: String(complaint.id),
      readAt: null,
    });
    expect(inbox.items[0].title).toContain(complaint.complaintNo);

    // Somebody else's notification is not there for them: not listed, not counted, not markable.
    const other = await signIn(t, 'am_b');
    expect((await other.get('/api/v1/notifications')).json()).toMatchObject({ total: 0, unread: 0, items: [] });
    expect((await other.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
    const foreign = await other.post(`/api/v1/notifications/${inbox.items[0].id}/read`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    expect((await dm.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });

    const read = await dm.post(`/api/v1/notifications/${inbox.items[0].id}/read`);
    expect(read.statusCode).toBe(204);
    const after = (await dm.get('/api/v1/notifications')).json();
    expect(after.unread).toBe(0);
    expect(after.items[0].readAt).toBe('2026-11-24T02:00:00.000Z');
    // Reading again keeps the first read time.
    setClock(t, '2026-11-24T03:00:00Z');
    expect((await dm.post(`/api/v1/notifications/${inbox.items[0].id}/read`)).statusCode).toBe(204);
    expect((await dm.get('/api/v1/notifications')).json().items[0].readAt).toBe('2026-11-24T02:00:00.000Z');
    expect((await dm.post('/api/v1/notifications/99999999/read')).statusCode).toBe(404);
  });

  it('pages newest first, filters the unread, and marks all read up to what the user saw', async () => {
    setClock(t, '2026-11-25T02:00:00Z');
    await seed('lead_a', ['WO1', 'WO2', 'WO3', 'WO4', 'WO5'], '2026-11-25T01:00:00Z');
    await seed('am_b', ['WO-B'], '2026-11-25T01:00:00Z');
    const lead = await signIn(t, 'lead_a');

    const first = (await lead.get('/api/v1/notifications?pageSize=2')).json();
    expect(first).toMatchObject({ total: 5, unread: 5, page: 1, pageSize: 2 });
    expect(first.items.map((n: { params: { orderNo: string } }) => n.params.orderNo)).toEqual(['WO5', 'WO4']);
    const third = (await lead.get('/api/v1/notifications?pageSize=2&page=3')).json();
    expect(third.items.map((n: { params: { orderNo: string } }) => n.params.orderNo)).toEqual(['WO1']);

    await lead.post(`/api/v1/notifications/${first.items[1].id}/read`);
    const unread = (await lead.get('/api/v1/notifications?unread=true')).json();
    expect(unread).toMatchObject({ total: 4, unread: 4 });
    expect(unread.items.map((n: { params: { orderNo: string } }) => n.params.orderNo)).toEqual(['WO5', 'WO3', 'WO2', 'WO1']);
    expect((await lead.get('/api/v1/notifications?unread=false')).json().total).toBe(5);
    // One category at a time: the district manager has a complaint notice (first test) and an SLA one.
    await seed('dm_a', ['WO-D'], '2026-11-25T01:00:00Z');
    const dm = await signIn(t, 'dm_a');
    const kindsIn = async (category: string) =>
      (await dm.get(`/api/v1/notifications?category=${category}`)).json().items.map((n: { kind: string }) => n.kind);
    expect(await kindsIn('complaint')).toEqual(['complaint.escalated']);
    expect(await kindsIn('sla')).toEqual(['sla.warning_80']);
    expect(await kindsIn('revisit')).toEqual([]);
    expect((await lead.get('/api/v1/notifications?category=sla&unread=true')).json()).toMatchObject({ total: 4, unread: 4 });

    // Mark all read up to WO3, as if WO5 arrived after the list was shown: it stays unread.
    const upToId = unread.items[1].id;
    const marked = await lead.post('/api/v1/notifications/read-all', { upToId });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ marked: 3, unread: 1 });
    expect((await lead.get('/api/v1/notifications?unread=true')).json().items.map((n: { params: { orderNo: string } }) => n.params.orderNo)).toEqual(['WO5']);

    // Without a bound (and without a body) everything left is marked.
    expect((await lead.post('/api/v1/notifications/read-all')).json()).toEqual({ marked: 1, unread: 0 });
    expect((await lead.post('/api/v1/notifications/read-all', {})).json()).toEqual({ marked: 0, unread: 0 });
    // Another user's inbox is untouched.
    expect((await (await signIn(t, 'am_b')).get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('answers bad input with 400 and the field, and nobody signed out gets anything', async () => {
    const lead = await signIn(t, 'lead_a');
    const badPage = await lead.get('/api/v1/notifications?pageSize=0');
    expect(badPage.statusCode).toBe(400);
    expect(badPage.json().error.details[0].path).toBe('query.pageSize');
    const badFilter = await lead.get('/api/v1/notifications?unread=maybe');
    expect(badFilter.json().error.details[0].path).toBe('query.unread');
    expect((await lead.get('/api/v1/notifications?category=billing')).json().error.details[0].path).toBe('query.category');
    const badBound = await lead.post('/api/v1/notifications/read-all', { upToId: 'all' });
    expect(badBound.statusCode).toBe(400);
    expect(badBound.json().error.details[0].path).toBe('body.upToId');
    expect((await lead.post('/api/v1/notifications/abc/read')).json().error.details[0].path).toBe('params.id');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count' })).statusCode).toBe(401);
  });
});
