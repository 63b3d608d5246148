import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { addCustomer, setClock, signIn } from './work-order.test-support';

/**
 * The line number on a work order or a complaint follows the phone field policy, per role, as on the
 * customer's 360 view.
 */
describe.each(testDatabaseKinds())('work-order line numbers on %s', (kind) => {
  let t: TestApp;
  let customerId: number;
  let lineId: number;
  let orderId: number;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setClock(t, '2026-11-23T02:00:00Z');
    customerId = await addCustomer(t, { no: 'WO-LINE', star: 4 });
    const line = await t.db.first<{ id: number }>(
      sql`INSERT INTO lines (line_no, customer_id, type) VALUES ('13912345678', ${customerId}, 'mobile') RETURNING id`,
    );
    lineId = line!.id;
    const am = await signIn(t, 'am_a');
    const created = await am.post('/api/v1/work-orders', { customerNo: 'WO-LINE', lineId, type: 'fault', channel: 'hotline', serviceItem: 'fixed_line_fault_repair', title: '手机无信号' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ lineId, lineNo: '139****5678' });
    orderId = created.json().id;
  });
  afterAll(() => t.close());

  const detail = async (username: string) => (await signIn(t, username)).get(`/api/v1/work-orders/${orderId}`);

  it.each([
    ['am_a', 'account manager'],
    ['lead_a', 'team lead'],
    ['dm_a', 'district manager'],
  ])('masks it for %s (%s), whose policy shows phones masked', async (username) => {
    const response = await detail(username);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ lineId, lineNo: '139****5678' });
    expect(response.body).not.toContain('13912345678');
  });

  it('shows it in full to a role whose field policy shows phones', async () => {
    await t.db.run(sql`UPDATE roles SET unmasked_fields = '{phone}' WHERE code = 'city_manager'`);
    try {
      expect((await detail('cm_1')).json()).toMatchObject({ lineNo: '13912345678' });
    } finally {
      await t.db.run(sql`UPDATE roles SET unmasked_fields = '{}' WHERE code = 'city_manager'`);
    }
  });

  it('reveals it through the audited unmask of the customer’s phone, to roles that may unmask', async () => {
    const am = await signIn(t, 'am_a');
    const revealed = await am.post(`/api/v1/customers/${customerId}/unmask`, { fields: ['phone'], reason: '核对故障号码' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json().lines).toMatchObject({ [String(lineId)]: '13912345678' });
    const audit = await t.db.first(sql`SELECT actor_name, reason FROM audit_events WHERE action = 'customer.unmask' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ actor_name: 'am_a', reason: '核对故障号码' });

    const agent = await signIn(t, 'agent');
    expect((await agent.post(`/api/v1/customers/${customerId}/unmask`, { fields: ['phone'], reason: '核对故障号码' })).statusCode).toBe(403);
  });

  it('masks the line number of a complaint the same way, in its list and its detail', async () => {
    const am = await signIn(t, 'am_a');
    const created = await am.post('/api/v1/complaints', { customerNo: 'WO-LINE', lineId, channel: 'hotline', category: 'network_quality', severity: 'medium', description: '信号差' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ lineId, lineNo: '139****5678' });
    const dm = await signIn(t, 'dm_a');
    const list = await dm.get('/api/v1/complaints?customer=WO-LINE');
    expect(list.json().items).toEqual([expect.objectContaining({ lineNo: '139****5678' })]);
    const detail = await dm.get(`/api/v1/complaints/${created.json().id}`);
    expect(detail.json()).toMatchObject({ lineNo: '139****5678' });
    expect(list.body + detail.body).not.toContain('13912345678');
  });
});
