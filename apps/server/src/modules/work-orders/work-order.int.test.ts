import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { addCustomer, move, setClock, signIn } from './work-order.test-support';

describe.each(testDatabaseKinds())('work orders over HTTP on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await addCustomer(t, { no: 'WO-5STAR', star: 5 });
    await addCustomer(t, { no: 'WO-2STAR', star: 2 });
    await addCustomer(t, { no: 'WO-UNRATED', star: null });
  });
  afterAll(() => t.close());

  it('runs a fault order of a 5★ customer through the whole closed loop, audited step by step', async () => {
    setClock(t, '2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
    const am = await signIn(t, 'am_a');
    const created = await am.post('/api/v1/work-orders', {
      customerNo: 'WO-5STAR',
      type: 'fault',
      channel: 'hotline',
      serviceItem: 'fixed_line_fault_repair',
      title: '固话无拨号音',
      description: '总机 020-12345678 无拨号音',
      assignee: 'am_a',
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json();
    expect(order.orderNo).toMatch(/^WO20261123\d{4}$/);
    expect(order.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(order).toMatchObject({ status: 'received', star: 5, deliveryPack: false, heldFrom: null });
    expect(order.ruleVersions.catalogue).toBe('ct-ka-service-2008.1');
    expect(order.ruleVersions.calendar).toMatch(/^CN@/);
    expect(order.targets).toHaveLength(1);
    expect(order.targets[0]).toMatchObject({
      target: 'resolution',
      budget: { unit: 'clock_minutes', amount: 480 },
      source: 'catalogue_basic',
      clockStatus: 'running',
      state: 'on_track',
      deadline: '2026-11-23T10:00:00.000Z',
      remaining: { minutes: 480 },
    });
    expect(order.sla).toMatchObject({ target: 'resolution', state: 'on_track', deadline: '2026-11-23T10:00:00.000Z' });
    expect(order.allowedTransitions).toEqual(['appointed', 'on_hold', 'cancelled']);

    const steps: [string, Record<string, unknown>][] = [
      ['appointed', { appointment: { start: '2026-11-23T14:00:00+08:00', end: '2026-11-23T16:00:00+08:00' }, note: '客户约下午' }],
      ['dispatched', { assignee: 'am_a2', dispatchOrgUnit: 'DEMO-01-01-T01' }],
      ['in_progress', {}],
      ['completed', { note: '更换分线盒' }],
      ['delivered', {}],
      ['revisit_pending', {}],
      ['archived', { note: '客户满意' }],
    ];
    let minute = 10;
    for (const [to, extra] of steps) {
      setClock(t, `2026-11-23T0${Math.floor(minute / 60) + 2}:${String(minute % 60).padStart(2, '0')}:00Z`);
      minute += 20;
      const response = await move(am, order.id, to, extra);
      expect(response.statusCode, `${to}: ${response.body}`).toBe(200);
      expect(response.json().status).toBe(to);
      if (to === 'completed') {
        const done = response.json();
        const [resolution, revisit] = done.targets;
        expect(resolution).toMatchObject({ clockStatus: 'stopped', state: 'on_track' });
        // A fault gets its revisit within 3 days of closing (§3.9); no delivery pack for a fault.
        expect(revisit).toMatchObject({ target: 'revisit', budget: { unit: 'clock_minutes', amount: 4320 }, clockStatus: 'running' });
        expect(done.targets).toHaveLength(2);
        expect(done.completedAt).not.toBeNull();
      }
    }
    const final = (await am.get(`/api/v1/work-orders/${order.id}`)).json();
    expect(final.status).toBe('archived');
    expect(final.assignee).toEqual({ username: 'am_a2', displayName: 'am_a2' });
    expect(final.dispatchOrgUnit).toBe('DEMO-01-01-T01');
    expect(final.appointment).toEqual({ start: '2026-11-23T06:00:00.000Z', end: '2026-11-23T08:00:00.000Z' });
    expect(final.allowedTransitions).toEqual([]);
    expect(final.targets.every((target: { clockStatus: string }) => target.clockStatus === 'stopped')).toBe(true);
    const statuses = final.timeline.filter((e: { kind: string }) => e.kind === 'status').map((e: { toStatus: string }) => e.toStatus);
    expect(statuses).toEqual(['received', 'appointed', 'dispatched', 'in_progress', 'completed', 'delivered', 'revisit_pending', 'archived']);
    const clocks = final.timeline.filter((e: { kind: string }) => e.kind === 'clock').map((e: { target: string; clock: string }) => `${e.target}:${e.clock}`);
    expect(clocks).toEqual(['resolution:start', 'resolution:stop', 'revisit:start', 'revisit:stop']);
    expect(final.timeline.find((e: { toStatus: string }) => e.toStatus === 'archived')).toMatchObject({ note: '客户满意', actor: 'am_a' });

    const audits = await t.db.rows<{ action: string; before: { status: string } | null; after: { status?: string } }>(
      sql`SELECT action, before, after FROM audit_events WHERE entity_type = 'work_order' AND entity_id = ${String(order.id)} ORDER BY id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['work_order.create', ...steps.map(() => 'work_order.transition')]);
    expect(audits[4]).toMatchObject({ before: { status: 'in_progress' }, after: { status: 'completed' } });
  });

  it('refuses an illegal transition with 409 naming the allowed states, and changes nothing', async () => {
    setClock(t, '2026-11-23T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const order = (
      await am.post('/api/v1/work-orders', { customerNo: 'WO-2STAR', type: 'query', channel: 'online', title: '账单咨询' })
    ).json();
    expect(order.targets).toEqual([]);
    expect(order.sla).toBeNull();
    const refused = await move(am, order.id, 'completed');
    expect(refused.statusCode).toBe(409);
    const error = refused.json().error;
    expect(error.code).toBe('state.illegal_transition');
    expect(error.message).toContain('appointed, on_hold, cancelled');
    expect(error.details).toEqual([{ path: 'body.to', message: 'allowed from received: appointed, on_hold, cancelled' }]);
    expect((await am.get(`/api/v1/work-orders/${order.id}`)).json().status).toBe('received');

    expect((await move(am, order.id, 'cancelled', { reason: 'customer_withdrew' })).statusCode).toBe(200);
    const terminal = (await move(am, order.id, 'appointed')).json().error;
    expect(terminal.code).toBe('state.illegal_transition');
    expect(terminal.message).toContain('none (terminal state)');
  });

  it('pauses the clock on a customer-caused hold across the National Day holiday and resumes to the held state', async () => {
    setClock(t, '2026-09-28T02:00:00Z'); // Monday 28 Sep 2026, 10:00; 1–7 Oct is the holiday, Sat 10 Oct a make-up day
    const am = await signIn(t, 'am_a');
    const order = (
      await am.post('/api/v1/work-orders', {
        customerNo: 'WO-2STAR',
        type: 'install',
        channel: 'business_hall',
        serviceItem: 'broadband_provisioning',
        title: '宽带开通',
      })
    ).json();
    // 15 WD (2★ gets the basic standard): 29, 30 Sep, 8, 9, 10 (make-up), 12–16, 19–23 Oct → end of Fri 23 Oct.
    expect(order.targets[0]).toMatchObject({ budget: { unit: 'working_days', amount: 15 }, source: 'catalogue_basic' });
    expect(order.sla.deadline).toBe('2026-10-23T16:00:00.000Z');
    expect(order.sla.remaining).toEqual({ workdays: 15 });

    setClock(t, '2026-09-30T02:00:00Z');
    const amNow = await signIn(t, 'am_a');
    const missingReason = await move(amNow, order.id, 'on_hold');
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.json().error.details[0].path).toBe('body.reason');

    const held = await move(amNow, order.id, 'on_hold', { reason: 'customer_absent', note: '客户出差' });
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ status: 'on_hold', heldFrom: 'received', allowedTransitions: ['received', 'cancelled'] });
    expect(held.json().sla).toMatchObject({ clockStatus: 'paused', deadlineProjected: true });

    setClock(t, '2026-10-09T02:00:00Z'); // Friday after the holiday, 10:00
    const amLater = await signIn(t, 'am_a');
    const wrongResume = await move(amLater, order.id, 'appointed');
    expect(wrongResume.statusCode).toBe(409);
    expect(wrongResume.json().error.message).toContain('allowed: received, cancelled');
    const resumed = await move(amLater, order.id, 'received');
    expect(resumed.statusCode).toBe(200);
    const target = resumed.json().targets[0];
    // Paused 30 Sep 10:00 → 9 Oct 10:00: 14 h of 30 Sep + all of 8 Oct + 10 h of 9 Oct = 2 working days;
    // the seven holiday days cost nothing, so the deadline moves by 2 WD, to the end of Tue 27 Oct.
    expect(target).toMatchObject({ clockStatus: 'running', pausedMinutes: 2880, deadline: '2026-10-27T16:00:00.000Z', deadlineProjected: false });
    const pause = resumed.json().timeline.find((e: { clock: string | null }) => e.clock === 'pause');
    expect(pause).toMatchObject({ target: 'resolution', reason: 'customer_absent' });
    expect(resumed.json().timeline.find((e: { toStatus: string | null }) => e.toStatus === 'on_hold')).toMatchObject({
      reason: 'customer_absent',
      note: '客户出差',
    });
  });

  it('derives targets from the catalogue, the star at acceptance and the SLA tier', async () => {
    setClock(t, '2026-11-23T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const restore = async (customerNo: string) =>
      (await am.post('/api/v1/work-orders', { customerNo, type: 'restore', channel: 'hotline', serviceItem: 'fixed_line_restore', title: '复机' })).json();
    expect((await restore('WO-5STAR')).targets[0]).toMatchObject({ budget: { amount: 120 }, source: 'catalogue_star' });
    expect((await restore('WO-2STAR')).targets[0]).toMatchObject({ budget: { amount: 180 }, source: 'catalogue_star' });
    expect((await restore('WO-UNRATED')).targets[0]).toMatchObject({ budget: { amount: 240 }, source: 'catalogue_basic' });

    const circuit = await am.post('/api/v1/work-orders', {
      customerNo: 'WO-5STAR',
      type: 'install',
      channel: 'account_manager',
      serviceItem: 'digital_circuit_provisioning',
      circuitScope: 'intra_province',
      slaService: 'digital_circuit',
      slaTier: 'urgent',
      standardFee: '8000.00',
      title: '数字电路开通',
    });
    expect(circuit.statusCode, circuit.body).toBe(201);
    expect(circuit.json()).toMatchObject({
      slaTier: 'urgent',
      standardFee: '8000.00',
      chargedFee: '12000.00',
      deliveryPack: true,
      ruleVersions: { sla: 'ct-sla-2008.1' },
    });
    expect(circuit.json().targets[0]).toMatchObject({ budget: { unit: 'working_days', amount: 5 }, source: 'sla_tier', ruleVersion: 'ct-sla-2008.1' });

    const contract = await am.post('/api/v1/work-orders', {
      customerNo: 'WO-5STAR',
      type: 'install',
      channel: 'account_manager',
      serviceItem: 'data_circuit_provisioning',
      circuitScope: 'local',
      contractLimitWorkdays: 7,
      title: '合同约定 7 个工作日',
    });
    expect(contract.json().targets[0]).toMatchObject({ budget: { unit: 'working_days', amount: 7 }, source: 'contract' });

    const onDemand = await am.post('/api/v1/work-orders', {
      customerNo: 'WO-5STAR',
      type: 'install',
      channel: 'hotline',
      serviceItem: 'fixed_line_installation',
      title: '按需装机',
      appointment: { start: '2026-11-24T09:00:00+08:00', end: '2026-11-24T11:00:00+08:00' },
    });
    expect(onDemand.json().targets[0]).toMatchObject({ source: 'appointment', deadline: '2026-11-24T03:00:00.000Z' });
  });

  it('answers bad input with 400s that name the field', async () => {
    setClock(t, '2026-11-23T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const base = { customerNo: 'WO-5STAR', type: 'install', channel: 'hotline', title: 'x' };
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [{ serviceItem: 'teleportation' }, 'body.serviceItem', /known: fixed_line_installation/],
      [{ serviceItem: 'Bad Code' }, 'body.serviceItem'],
      [{ serviceItem: 'digital_circuit_provisioning' }, 'body.circuitScope'],
      [{ slaService: 'digital_circuit', slaTier: 'super', standardFee: '100.00' }, 'body.slaTier'],
      [{ slaService: 'digital_circuit', slaTier: 'normal' }, 'body.standardFee'],
      [{ slaService: 'digital_circuit', slaTier: 'normal', standardFee: '-5.00' }, 'body.standardFee'],
      [{ slaService: 'digital_circuit', slaTier: 'normal', standardFee: 'abc' }, 'body.standardFee'],
      [{ slaService: 'digital_circuit', slaTier: 'normal', standardFee: 1200 }, 'body.standardFee'],
      [{ appointment: { start: '2026-02-30T10:00:00+08:00', end: '2026-03-01T10:00:00+08:00' } }, 'body.appointment.start'],
      [{ appointment: { start: '2026-11-24T10:00:00+08:00', end: '2026-11-24T09:00:00+08:00' } }, 'body.appointment.end'],
      [{ contractLimitWorkdays: 3651 }, 'body.contractLimitWorkdays'],
      [{ contractLimitWorkdays: 0 }, 'body.contractLimitWorkdays'],
      [{ serviceItem: 'fixed_line_installation' }, 'body.appointment', /on demand/],
      [{ customerNo: 'NOPE-1' }, 'body.customerNo'],
      [{ customerNo: undefined }, 'body.customerId'],
      [{ type: 'teleport' }, 'body.type'],
      [{ assignee: 'nobody' }, 'body.assignee'],
    ];
    for (const [patch, path, message] of cases) {
      const response = await am.post('/api/v1/work-orders', { ...base, ...patch });
      expect(response.statusCode, `${JSON.stringify(patch)} → ${response.body}`).toBe(400);
      const details: { path: string; message: string }[] = response.json().error.details;
      expect(details.map((d) => d.path), JSON.stringify(patch)).toContain(path);
      if (message) expect(details.find((d) => d.path === path)?.message).toMatch(message);
    }
  });

  it('keeps orders inside the customer scope: another district gets 404, the city manager sees them', async () => {
    setClock(t, '2026-11-23T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const order = (
      await am.post('/api/v1/work-orders', { customerNo: 'WO-5STAR', type: 'fault', channel: 'hotline', serviceItem: 'circuit_fault', title: '电路中断' })
    ).json();
    const other = await signIn(t, 'am_b');
    const denied = await other.get(`/api/v1/work-orders/${order.id}`);
    expect(denied.statusCode).toBe(404);
    expect(denied.json().error.code).toBe('not_found');
    expect((await move(other, order.id, 'appointed')).statusCode).toBe(404);
    expect((await other.get('/api/v1/work-orders?pageSize=200')).json().total).toBe(0);
    expect((await other.get('/api/v1/work-orders/board')).json().total).toBe(0);
    // Creating for a customer out of scope reads as an unknown customer.
    expect((await other.post('/api/v1/work-orders', { customerNo: 'WO-5STAR', type: 'query', channel: 'online', title: 'x' })).statusCode).toBe(400);

    const city = await signIn(t, 'cm_1');
    expect((await city.get(`/api/v1/work-orders/${order.id}`)).statusCode).toBe(200);
    const analyst = await signIn(t, 'analyst');
    expect((await analyst.get('/api/v1/work-orders')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/work-orders' })).statusCode).toBe(401);
  });

  it('lists with filters, the SLA badge and the next deadline first, and counts the board', async () => {
    setClock(t, '2026-11-23T03:00:00Z');
    const am = await signIn(t, 'am_a');
    const list = (await am.get('/api/v1/work-orders?open=true&pageSize=200')).json();
    expect(list.total).toBeGreaterThan(3);
    const deadlines = list.items
      .filter((item: { sla: { clockStatus: string } | null }) => item.sla?.clockStatus === 'running')
      .map((item: { sla: { deadline: string } }) => item.sla.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    const first = list.items[0];
    expect(first.sla.remaining.minutes ?? first.sla.remaining.workdays).toBeDefined();

    const faults = (await am.get('/api/v1/work-orders?type=fault&status=received')).json();
    expect(faults.items.every((item: { type: string; status: string }) => item.type === 'fault' && item.status === 'received')).toBe(true);
    expect(faults.total).toBeGreaterThan(0);
    const circuit = faults.items.find((item: { serviceItem: string }) => item.serviceItem === 'circuit_fault');
    // Accepted 10:00, 6 h budget, now 11:00 Shanghai: 5 h left.
    expect(circuit.sla).toMatchObject({ state: 'on_track', remaining: { minutes: 300 } });

    expect((await am.get('/api/v1/work-orders?assignee=me')).json().items.every((i: { assignee: { username: string } }) => i.assignee.username === 'am_a')).toBe(
      true,
    );
    expect((await am.get('/api/v1/work-orders?customer=WO-UNRATED')).json().total).toBe(1);
    expect((await am.get('/api/v1/work-orders?slaState=breached')).json().total).toBe(0);
    expect((await am.get('/api/v1/work-orders?status=bogus')).statusCode).toBe(400);

    const board = (await am.get('/api/v1/work-orders/board')).json();
    expect(Object.keys(board.byStatus)).toHaveLength(11);
    expect(board.byStatus.archived).toBe(1);
    expect(board.byStatus.cancelled).toBe(1);
    expect(board.total).toBe(Object.values(board.byStatus as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(board.bySlaState.on_track).toBeGreaterThan(0);
  });
});
