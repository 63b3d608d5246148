import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { chinaMainlandCalendar, CT_PROVISIONING_SLA_RULES, quote } from '@patron/domain';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { runSlaScan } from './work-order-sla.service';
import { addCustomer, move, setClock, signIn } from './work-order.test-support';

describe.each(testDatabaseKinds())('SLA compensation drafts on %s', (kind) => {
  let t: TestApp;
  let orderId: number;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await addCustomer(t, { no: 'COMP-HQ', star: 4 });
  });
  afterAll(() => t.close());

  const scan = (iso: string) => runSlaScan(t.db, setClock(t, iso));
  const compensations = async () =>
    t.db.rows<{ amountFen: number; overdueWorkdays: number; status: string; final: boolean }>(sql`SELECT amount_fen AS "amountFen",
      overdue_workdays AS "overdueWorkdays", status, final FROM compensations WHERE work_order_id = ${orderId}`);

  it('drafts one compensation for a breached expedited circuit and grows it by overdue working day, holidays excluded', async () => {
    setClock(t, '2026-06-01T02:00:00Z'); // Monday 1 June 2026, 10:00 Shanghai
    const am = await signIn(t, 'am_a');
    const created = await am.post('/api/v1/work-orders', {
      customerNo: 'COMP-HQ',
      type: 'install',
      channel: 'account_manager',
      serviceItem: 'digital_circuit_provisioning',
      circuitScope: 'inter_province',
      slaService: 'digital_circuit',
      slaTier: 'expedited',
      standardFee: '10000.00',
      title: '跨省数字电路 加急',
      assignee: 'am_a',
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json();
    orderId = order.id;
    // 10 WD after 1 June: 2–5, 8–12, 15 June → due at the end of Monday 15 June.
    expect(order.sla.deadline).toBe('2026-06-15T16:00:00.000Z');
    expect(order.chargedFee).toBe('13000.00');

    expect(await scan('2026-06-15T15:59:00Z')).toMatchObject({ breached: 0, compensationsCreated: 0 });
    // Tue 16 June 10:00: one overdue working day begun → 5% of the charged 13,000.00.
    expect(await scan('2026-06-16T02:00:00Z')).toMatchObject({ breached: 1, compensationsCreated: 1 });
    expect(await compensations()).toEqual([{ amountFen: 65_000, overdueWorkdays: 1, status: 'drafted', final: false }]);
    // Nothing new within the same working day; the next look is at the start of the next one.
    expect(await scan('2026-06-16T09:00:00Z')).toMatchObject({ examined: 0 });
    const nextDue = await t.db.first<{ at: Date }>(sql`SELECT next_due_at AS at FROM work_order_sla_targets WHERE work_order_id = ${orderId}`);
    expect(nextDue?.at.toISOString()).toBe('2026-06-16T16:01:00.000Z');

    // Thu 18 June: 16, 17, 18 → 3 days.
    expect(await scan('2026-06-18T02:00:00Z')).toMatchObject({ compensationsCreated: 0, compensationsUpdated: 1 });
    expect(await compensations()).toEqual([{ amountFen: 195_000, overdueWorkdays: 3, status: 'drafted', final: false }]);
    // Mon 22 June: 19 June is the Dragon Boat holiday and 20–21 the weekend → only 4 days.
    await scan('2026-06-22T02:00:00Z');
    expect((await compensations())[0]).toMatchObject({ amountFen: 260_000, overdueWorkdays: 4 });

    // Same figure as the domain's quote for the same dates (no pauses).
    const cal = chinaMainlandCalendar();
    const quoted = quote(CT_PROVISIONING_SLA_RULES, cal, {
      service: 'digital_circuit',
      tier: 'expedited',
      standardOneTimeFeeFen: 1_000_000,
      acceptedOn: '2026-06-01',
      completedOn: '2026-06-22',
    });
    expect(quoted.compensationFen).toBe(260_000);

    const list = (await (await signIn(t, 'am_a')).get('/api/v1/compensations')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      orderNo: order.orderNo,
      amount: '2600.00',
      base: '13000.00',
      cap: '13000.00',
      rateBpPerWorkday: 500,
      overdueWorkdays: 4,
      ruleVersion: 'ct-sla-2008.1',
      status: 'drafted',
      allowedTransitions: ['agreed'],
    });
    const drafts = await t.db.rows<{ action: string }>(sql`SELECT action FROM audit_events WHERE entity_type = 'compensation' ORDER BY id`);
    expect(drafts.map((d) => d.action)).toEqual(['compensation.draft', 'compensation.recalculate', 'compensation.recalculate']);
  });

  it('caps the amount at the whole charged fee, freezes it at completion and never duplicates it', async () => {
    // Far past the deadline: 20 overdue days would already waive the whole fee.
    await scan('2026-08-03T02:00:00Z');
    expect(await compensations()).toEqual([{ amountFen: 1_300_000, overdueWorkdays: 34, status: 'drafted', final: false }]);

    setClock(t, '2026-08-04T02:00:00Z');
    const am = await signIn(t, 'am_a');
    for (const to of ['appointed', 'dispatched', 'in_progress', 'completed']) expect((await move(am, orderId, to)).statusCode).toBe(200);
    expect(await compensations()).toEqual([{ amountFen: 1_300_000, overdueWorkdays: 35, status: 'drafted', final: true }]);
    // Circuits get a delivery pack: the delivery (3 WD) and revisit (7 days) clocks start at completion.
    const detail = (await am.get(`/api/v1/work-orders/${orderId}`)).json();
    expect(detail.targets.map((target: { target: string; clockStatus: string }) => `${target.target}:${target.clockStatus}`)).toEqual([
      'resolution:stopped',
      'delivery:running',
      'revisit:running',
    ]);
    expect(detail.targets[1].budget).toEqual({ unit: 'working_days', amount: 3 });
    expect(detail.allowedTransitions).toEqual(['delivered', 'reopened']);
    expect(detail.compensation).toMatchObject({ amount: '13000.00', final: true });

    await scan('2026-08-20T02:00:00Z');
    expect(await compensations()).toHaveLength(1);
    expect((await compensations())[0]).toMatchObject({ overdueWorkdays: 35, final: true });
  });

  it('moves drafted → agreed → settled, settling only by a manager, audited, and scoped by customer', async () => {
    setClock(t, '2026-08-21T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const id = (await am.get('/api/v1/compensations')).json().items[0].id;

    const other = await signIn(t, 'am_b');
    expect((await other.get('/api/v1/compensations')).json().total).toBe(0);
    expect((await other.post(`/api/v1/compensations/${id}/transitions`, { to: 'agreed' })).statusCode).toBe(404);

    const early = await am.post(`/api/v1/compensations/${id}/transitions`, { to: 'settled' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'state.illegal_transition', details: [{ path: 'body.to', message: 'allowed from drafted: agreed' }] });

    const agreed = await am.post(`/api/v1/compensations/${id}/transitions`, { to: 'agreed', note: '客户签字确认' });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({ status: 'agreed', agreedBy: 'am_a', allowedTransitions: ['settled'] });
    expect(agreed.json().notes).toEqual([expect.objectContaining({ status: 'agreed', note: '客户签字确认', actor: 'am_a' })]);

    expect((await am.post(`/api/v1/compensations/${id}/transitions`, { to: 'settled' })).statusCode).toBe(403);
    const lead = await signIn(t, 'lead_a');
    const settled = await lead.post(`/api/v1/compensations/${id}/transitions`, { to: 'settled', note: '财务已结算' });
    expect(settled.json()).toMatchObject({ status: 'settled', settledBy: 'lead_a', allowedTransitions: [] });
    expect((await lead.post(`/api/v1/compensations/${id}/transitions`, { to: 'settled' })).statusCode).toBe(409);
    expect((await lead.get('/api/v1/compensations?status=settled')).json().total).toBe(1);
    expect((await lead.post(`/api/v1/compensations/${id}/transitions`, { to: 'refunded' })).statusCode).toBe(400);

    const actions = await t.db.rows<{ action: string; actorName: string }>(sql`SELECT action, actor_name AS "actorName" FROM audit_events
      WHERE entity_type = 'compensation' AND action IN ('compensation.agree', 'compensation.settle') ORDER BY id`);
    expect(actions).toEqual([
      { action: 'compensation.agree', actorName: 'am_a' },
      { action: 'compensation.settle', actorName: 'lead_a' },
    ]);
  });
});
