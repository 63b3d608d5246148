import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { addCustomer, move, notificationsOf, setClock, signIn, type Api } from '../work-orders/work-order.test-support';
import { runComplaintEscalationScan } from './complaint.service';

const log = (api: Api, body: Record<string, unknown>) =>
  api.post('/api/v1/complaints', { channel: 'hotline', category: 'network_quality', severity: 'medium', description: '宽带经常掉线', ...body });
const step = (api: Api, id: number, to: string, extra: Record<string, unknown> = {}) => api.post(`/api/v1/complaints/${id}/transitions`, { to, ...extra });

describe.each(testDatabaseKinds())('complaints on %s', (kind) => {
  let t: TestApp;
  let customerA = 0;

  beforeAll(async () => {
    t = await startTestApp(kind);
    customerA = await addCustomer(t, { no: 'CP-A', star: 3 });
    await addCustomer(t, { no: 'CP-B', star: 3, org: 'DEMO-01-02', manager: 'am_b' });
  });
  afterAll(() => t.close());

  it('logs a complaint with the contract fields; a closing without resolution or root cause names what is missing', async () => {
    setClock(t, '2026-11-23T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const created = await log(am, { customerNo: 'CP-A' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'received', level: 1, repeat: false, hot: false, levelDeadline: '2026-11-24T02:00:00.000Z', finalDeadline: '2026-12-08T02:00:00.000Z' });
    const closing = await step(am, created.json().id, 'closed');
    expect([409, 422]).toContain(closing.statusCode);
    const paths = closing.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['body.resolution', 'body.rootCause', 'body.rootCauseDetail', 'body.customerConfirmation']);
  });

  it('flags repeats within 30 days and hot words, which start at level 2 and notify the district', async () => {
    setClock(t, '2026-11-24T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const repeat = await log(am, { customerNo: 'CP-A' });
    expect(repeat.json()).toMatchObject({ repeat: true, hot: false });
    const otherCategory = await log(am, { customerNo: 'CP-A', category: 'billing' });
    expect(otherCategory.json()).toMatchObject({ repeat: false });
    const hot = await log(am, { customerNo: 'CP-A', category: 'billing', description: '再不解决我就找记者和律师' });
    expect(hot.json()).toMatchObject({ hot: true, level: 2, repeat: true, hotKeywords: ['记者', '律师'] });
    expect((await notificationsOf(t, 'dm_a')).some((n) => n.entityId === String(hot.json().id))).toBe(true);
    const bad = await log(am, { customerNo: 'CP-A', channel: 'pigeon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.channel');
  });

  it('escalates automatically at each level limit, notifies the next level, and stops at level 3', async () => {
    setClock(t, '2026-11-25T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const created = (await log(am, { customerNo: 'CP-A', category: 'service_attitude' })).json();
    await step(am, created.id, 'assigned');
    await step(am, created.id, 'processing');
    const dm = await signIn(t, 'dm_a');
    const levelAt = async (iso: string) => {
      await runComplaintEscalationScan(t.db, new Date(iso));
      return (await dm.get(`/api/v1/complaints/${created.id}`)).json().level;
    };
    expect(await levelAt('2026-11-26T01:59:00Z')).toBe(1);
    expect(await levelAt('2026-11-26T02:00:00Z')).toBe(2);
    const detail = (await dm.get(`/api/v1/complaints/${created.id}`)).json();
    expect(detail).toMatchObject({ status: 'escalated', level: 2, levelDeadline: '2026-11-28T02:00:00.000Z' });
    expect(detail.events.at(-1)).toMatchObject({ automatic: true, onTime: false, fromLevel: 1, toLevel: 2 });
    expect((await notificationsOf(t, 'dm_a')).filter((n) => n.entityId === String(created.id))).toHaveLength(1);
    // Saturday 28 Nov: level 3 (province), 5 working days from the breach: 30 Nov, 1–4 Dec.
    await runComplaintEscalationScan(t.db, new Date('2026-11-28T03:00:00Z'));
    const pm = await signIn(t, 'pm_demo');
    expect((await pm.get(`/api/v1/complaints/${created.id}`)).json()).toMatchObject({ level: 3, levelDeadline: '2026-12-04T16:00:00.000Z' });
    expect((await notificationsOf(t, 'pm_demo')).some((n) => n.entityId === String(created.id))).toBe(true);
    const past = await step(pm, created.id, 'escalated');
    expect(past.statusCode).toBe(409);
    expect(past.json().error.code).toBe('complaint.top_level_reached');
  });

  it('tells the province once when level 3’s limit runs out, and once when the final answer is late', async () => {
    setClock(t, '2026-11-25T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const id = (await log(am, { customerNo: 'CP-A', category: 'provisioning' })).json().id;
    const breachNotices = async (kind: string) => (await notificationsOf(t, 'pm_demo')).filter((n) => n.entityId === String(id) && n.kind === kind);
    // L1 → 26 Nov, L2 → 28 Nov (Saturday), L3: 5 working days from the breach → Fri 4 Dec 24:00; final answer 10 Dec 10:00.
    await runComplaintEscalationScan(t.db, new Date('2026-11-28T03:00:00Z'));
    await runComplaintEscalationScan(t.db, new Date('2026-12-04T15:59:00Z'));
    expect(await breachNotices('complaint.top_level_breached')).toHaveLength(0);
    expect((await runComplaintEscalationScan(t.db, new Date('2026-12-04T16:00:00Z'))).breaches).toBeGreaterThanOrEqual(1);
    await runComplaintEscalationScan(t.db, new Date('2026-12-07T02:00:00Z'));
    expect(await breachNotices('complaint.top_level_breached')).toEqual([expect.objectContaining({ title: expect.stringContaining('第 3 级') })]);
    expect(await breachNotices('complaint.final_breached')).toHaveLength(0);
    await runComplaintEscalationScan(t.db, new Date('2026-12-10T02:00:00Z'));
    await runComplaintEscalationScan(t.db, new Date('2026-12-11T02:00:00Z'));
    expect(await breachNotices('complaint.final_breached')).toHaveLength(1);
    expect((await notificationsOf(t, 'dm_a')).filter((n) => n.entityId === String(id) && n.kind.endsWith('_breached'))).toEqual([]);
    const audits = await t.db.rows<{ action: string }>(sql`SELECT action FROM audit_events WHERE entity_type = 'complaint' AND entity_id = ${String(id)} ORDER BY id`);
    expect(audits.map((a) => a.action).filter((a) => a === 'complaint.breach_noticed')).toHaveLength(2);
  });

  it('a level-3 limit capped by the final answer across National Day sends the final notice only', async () => {
    // Received Mon 28 Sep: L1 → 29 Sep, L2 → 1 Oct; L3's 5 working days (8, 9, make-up Sat 10, 12, 13 Oct → 13 Oct 24:00)
    // are cut to the final answer, 13 Oct 10:00.
    setClock(t, '2026-09-28T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const id = (await log(am, { customerNo: 'CP-A', category: 'information_security' })).json().id;
    await runComplaintEscalationScan(t.db, new Date('2026-10-12T02:00:00Z'));
    const pm = await signIn(t, 'pm_demo');
    expect((await pm.get(`/api/v1/complaints/${id}`)).json()).toMatchObject({ level: 3, levelDeadline: '2026-10-13T02:00:00.000Z', finalDeadline: '2026-10-13T02:00:00.000Z' });
    expect((await notificationsOf(t, 'pm_demo')).filter((n) => n.entityId === String(id) && n.kind.endsWith('_breached'))).toEqual([]);
    await runComplaintEscalationScan(t.db, new Date('2026-10-13T02:00:00Z'));
    const notices = (await notificationsOf(t, 'pm_demo')).filter((n) => n.entityId === String(id) && n.kind.endsWith('_breached'));
    expect(notices.map((n) => n.kind)).toEqual(['complaint.final_breached']);
  });

  it('resolves with a root cause, owes a revisit; an unsatisfied revisit reopens and tells the AM; a satisfied one closes', async () => {
    setClock(t, '2026-11-30T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const id = (await log(am, { customerNo: 'CP-A', category: 'marketing' })).json().id;
    await step(am, id, 'assigned');
    await step(am, id, 'processing');
    const noText = await step(am, id, 'resolved');
    expect(noText.statusCode).toBe(422);
    const resolved = await step(am, id, 'resolved', { resolution: '取消误开通的套餐并退费', rootCause: 'system', rootCauseDetail: '营销开通未经二次确认' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', firstContactResolved: true });

    const agent = await signIn(t, 'agent');
    const queue = (await agent.get(`/api/v1/revisits?complaintId=${id}`)).json();
    expect(queue.items).toEqual([expect.objectContaining({ trigger: 'complaint', status: 'pending', dueAt: '2026-12-03T02:00:00.000Z', owner: null })]);
    const revisitId = queue.items[0].id;
    const missed = await agent.post(`/api/v1/revisits/${revisitId}/calls`, { reached: false });
    expect(missed.json()).toMatchObject({ status: 'pending', attempts: 1, owner: 'agent' });
    const unhappy = await agent.post(`/api/v1/revisits/${revisitId}/calls`, { reached: true, outcome: 'unsatisfied', satisfaction: 2, problems: '费用未退' });
    expect(unhappy.json()).toMatchObject({ status: 'done', outcome: 'unsatisfied' });
    const reopened = (await am.get(`/api/v1/complaints/${id}`)).json();
    expect(reopened).toMatchObject({ status: 'processing', reopenCount: 1, firstContactResolved: null });
    expect((await notificationsOf(t, 'am_a')).some((n) => n.entityId === String(id))).toBe(true);

    await step(am, id, 'resolved', { resolution: '已退费并致歉' });
    const second = (await agent.get(`/api/v1/revisits?complaintId=${id}&status=pending`)).json().items[0];
    await agent.post(`/api/v1/revisits/${second.id}/calls`, { reached: true, outcome: 'satisfied', satisfaction: 5 });
    expect((await am.get(`/api/v1/complaints/${id}`)).json()).toMatchObject({ status: 'closed', customerConfirmed: true, firstContactResolved: false });
    const again = await agent.post(`/api/v1/revisits/${second.id}/calls`, { reached: true, outcome: 'satisfied' });
    expect(again.statusCode).toBe(409);
  });

  it('creates revisits for completed provisioning (7 days) and faults (3 days), and reopens an order on an unsatisfied call', async () => {
    setClock(t, '2026-11-23T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const orders: Record<string, number> = {};
    for (const type of ['install', 'fault', 'query']) {
      const order = await am.post('/api/v1/work-orders', { customerNo: 'CP-A', type, channel: 'account_manager', title: `工单 ${type}`, assignee: 'am_a' });
      expect(order.statusCode, order.body).toBe(201);
      orders[type] = order.json().id;
      for (const to of ['appointed', 'dispatched', 'in_progress', 'completed']) expect((await move(am, orders[type]!, to)).statusCode).toBe(200);
    }
    const agent = await signIn(t, 'agent');
    const due = async (type: string) => (await agent.get(`/api/v1/revisits?workOrderId=${orders[type]}`)).json().items;
    expect(await due('install')).toEqual([expect.objectContaining({ trigger: 'provisioning', dueAt: '2026-11-30T02:00:00.000Z' })]);
    expect(await due('fault')).toEqual([expect.objectContaining({ trigger: 'fault', dueAt: '2026-11-26T02:00:00.000Z' })]);
    expect(await due('query')).toEqual([]);
    const revisit = (await due('fault'))[0];
    await agent.post(`/api/v1/revisits/${revisit.id}/calls`, { reached: true, outcome: 'unsatisfied', problems: '仍有杂音' });
    expect((await am.get(`/api/v1/work-orders/${orders.fault}`)).json().status).toBe('reopened');
  });

  it('keeps complaints in scope: an AM sees own customers, a district manager the district, another district nothing', async () => {
    setClock(t, '2026-12-01T02:00:00Z');
    const amB = await signIn(t, 'am_b');
    const b = (await log(amB, { customerNo: 'CP-B' })).json();
    expect((await log(amB, { customerNo: 'CP-A' })).statusCode).toBe(400);
    const am = await signIn(t, 'am_a');
    expect((await am.get(`/api/v1/complaints/${b.id}`)).statusCode).toBe(404);
    const list = (await am.get('/api/v1/complaints?pageSize=200')).json();
    expect(list.items.every((c: { customerNo: string }) => c.customerNo === 'CP-A')).toBe(true);
    const dm = await signIn(t, 'dm_a');
    expect((await dm.get(`/api/v1/complaints/${b.id}`)).statusCode).toBe(404);
    const cm = await signIn(t, 'cm_1');
    expect((await cm.get(`/api/v1/complaints/${b.id}`)).statusCode).toBe(200);
  });

  it('links appeals with their own limits and approves compensation by level', async () => {
    setClock(t, '2026-09-25T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const id = (await log(am, { customerNo: 'CP-A', category: 'other' })).json().id;
    const appeal = await am.post(`/api/v1/complaints/${id}/appeals`, { reference: 'GD-SS-2026-001', authority: '省通信管理局申诉受理中心' });
    expect(appeal.statusCode, appeal.body).toBe(201);
    expect(appeal.json().appeals[0]).toMatchObject({
      acceptanceDue: '2026-10-09T16:00:00.000Z',
      handlingDue: '2026-10-25T02:00:00.000Z',
      status: 'received',
      allowedTransitions: ['accepted', 'rejected'],
    });
    const appealId = appeal.json().appeals[0].id;
    expect((await am.post(`/api/v1/complaints/${id}/appeals/${appealId}/transitions`, { to: 'answered' })).json().error).toMatchObject({
      code: 'state.illegal_transition',
      details: [{ path: 'body.to' }],
    });
    const accepted = (await am.post(`/api/v1/complaints/${id}/appeals/${appealId}/transitions`, { to: 'accepted' })).json().appeals[0];
    expect(accepted).toMatchObject({ status: 'accepted', acceptedAt: '2026-09-25T02:00:00.000Z', allowedTransitions: ['answered'] });
    const big = (await am.post(`/api/v1/complaints/${id}/compensations`, { kind: 'credit', amount: '150.00' })).json();
    const offer = big.compensations[0];
    expect(offer).toMatchObject({ requiredLevel: 2, status: 'proposed', amount: '150.00' });
    const overLimit = await am.post(`/api/v1/complaints/${id}/compensations/${offer.id}/transitions`, { to: 'approved' });
    expect(overLimit.statusCode).toBe(403);
    expect(overLimit.json().error).toMatchObject({ code: 'complaint.approval_over_limit', details: [{ path: 'body.to' }] });
    const dm = await signIn(t, 'dm_a');
    expect((await dm.post(`/api/v1/complaints/${id}/compensations/${offer.id}/transitions`, { to: 'approved' })).json().compensations[0].status).toBe('approved');
    expect((await am.post(`/api/v1/complaints/${id}/compensations`, { kind: 'gift', amount: '5000.00' })).statusCode).toBe(422);
    const audits = await t.db.rows<{ action: string }>(sql`SELECT action FROM audit_events WHERE entity_type = 'complaint' AND entity_id = ${String(id)} ORDER BY id`);
    expect(audits.map((a) => a.action)).toEqual([
      'complaint.create',
      'complaint.appeal_linked',
      'complaint.appeal_accepted',
      'complaint.compensation_offered',
      'complaint.compensation_approved',
    ]);
  });

  it('an account manager of another district can neither read nor change a complaint, its revisit or the customer’s points', async () => {
    setClock(t, '2026-12-02T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const id = (await log(am, { customerNo: 'CP-A', category: 'billing' })).json().id;
    await step(am, id, 'assigned');
    await step(am, id, 'processing');
    await step(am, id, 'resolved', { resolution: '已退费' });
    const revisitId = (await am.get(`/api/v1/revisits?complaintId=${id}`)).json().items[0].id;

    const other = await signIn(t, 'am_b');
    const attempts = [
      await other.get(`/api/v1/complaints/${id}`),
      await step(other, id, 'processing'),
      await other.post(`/api/v1/complaints/${id}/appeals`, { reference: 'X-1', authority: '省管局' }),
      await other.post(`/api/v1/complaints/${id}/compensations`, { kind: 'gift', amount: '10.00' }),
      await other.post(`/api/v1/revisits/${revisitId}/calls`, { reached: true, outcome: 'unsatisfied' }),
      await other.get(`/api/v1/customers/${customerA}/points`),
      await other.post(`/api/v1/customers/${customerA}/points/redemptions`, { points: 1, reason: '越权兑换' }),
      await other.post(`/api/v1/customers/${customerA}/points/adjustments`, { points: 10, reason: '越权调整' }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    expect((await other.get(`/api/v1/revisits?complaintId=${id}`)).json().items).toEqual([]);
    expect((await am.get(`/api/v1/complaints/${id}`)).json()).toMatchObject({ status: 'resolved', appeals: [], compensations: [] });
  });

  it('routes each revisit to one channel by rule; only that channel calls it, and unsatisfied still reopens and tells the AM', async () => {
    setClock(t, '2026-12-03T02:00:00Z');
    const cm = await signIn(t, 'cm_1');
    expect((await cm.get('/api/v1/revisit-routing')).json()).toMatchObject({ rules: [], defaultChannel: 'outbound_queue' });
    const token = await t.login('cm_1');
    const save = (body: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: '/api/v1/revisit-routing', headers: { authorization: `Bearer ${token}` }, payload: body });
    const empty = await save({ version: 'bad', rules: [{ triggers: [], grades: [], channel: 'revisit_desk' }], defaultChannel: 'outbound_queue' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ code: 'revisit.invalid_routing', details: [{ path: 'rules.0' }] });
    const routing = { version: 'desk-for-gold-complaints', rules: [{ triggers: ['complaint'], grades: ['gold', 'diamond'], channel: 'revisit_desk' }], defaultChannel: 'outbound_queue' };
    expect((await save(routing)).statusCode).toBe(200);
    expect((await save(routing)).statusCode).toBe(409);

    const am = await signIn(t, 'am_a');
    const id = (await log(am, { customerNo: 'CP-A', category: 'fault_repair' })).json().id;
    await step(am, id, 'assigned');
    await step(am, id, 'processing');
    await step(am, id, 'resolved', { resolution: '更换光猫', rootCause: 'people', rootCauseDetail: '装维未测速' });
    const fault = (await am.post('/api/v1/work-orders', { customerNo: 'CP-A', type: 'fault', channel: 'account_manager', title: '断网', assignee: 'am_a' })).json().id;
    for (const to of ['appointed', 'dispatched', 'in_progress', 'completed']) await move(am, fault, to);

    const agent = await signIn(t, 'agent');
    const [deskTask] = (await agent.get(`/api/v1/revisits?complaintId=${id}`)).json().items;
    const [queueTask] = (await agent.get(`/api/v1/revisits?workOrderId=${fault}`)).json().items;
    expect(deskTask).toMatchObject({ channel: 'revisit_desk', owner: null });
    expect(queueTask).toMatchObject({ channel: 'outbound_queue' });
    const agentQueue = (await agent.get('/api/v1/revisits?channel=outbound_queue&mine=true&pageSize=200')).json().items;
    expect(agentQueue.map((r: { id: number }) => r.id)).toContain(queueTask.id);
    expect(agentQueue.map((r: { id: number }) => r.id)).not.toContain(deskTask.id);

    const wrong = await agent.post(`/api/v1/revisits/${deskTask.id}/calls`, { reached: false });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('revisit.wrong_channel');
    expect((await am.post(`/api/v1/revisits/${deskTask.id}/calls`, { reached: false })).json().error.code).toBe('revisit.wrong_channel');
    expect((await am.get('/api/v1/revisits?channel=revisit_desk&mine=true&pageSize=200')).json().items).toEqual([]);
    const lead = await signIn(t, 'lead_a');
    expect((await lead.post(`/api/v1/revisits/${queueTask.id}/calls`, { reached: false })).json().error.code).toBe('revisit.wrong_channel');
    const called = await lead.post(`/api/v1/revisits/${deskTask.id}/calls`, { reached: true, outcome: 'unsatisfied', satisfaction: 1, problems: '光猫仍掉线' });
    expect(called.json()).toMatchObject({ status: 'done', owner: 'lead_a', channel: 'revisit_desk' });
    expect((await am.get(`/api/v1/complaints/${id}`)).json()).toMatchObject({ status: 'processing', reopenCount: 1 });
    expect((await notificationsOf(t, 'am_a')).filter((n) => n.entityId === String(id) && n.kind === 'revisit.unsatisfied')).toHaveLength(1);
    const back = { version: 'all-outbound', rules: [], defaultChannel: 'outbound_queue' };
    expect((await save(back)).statusCode).toBe(200);
  });

  it('rejects rules that lengthen the 15-day answer', async () => {
    const cm = await signIn(t, 'cm_1');
    const rules = (await cm.get('/api/v1/complaint-rules')).json();
    const bad = await t.as(await t.login('cm_1')).send('PATCH', '/api/v1/complaint-rules', {});
    expect(bad.statusCode).toBe(404);
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/complaint-rules', headers: { authorization: `Bearer ${await t.login('cm_1')}` }, payload: { ...rules, version: 'long', finalLimitDays: 20 } });
    expect(put.statusCode).toBe(400);
    expect(put.json().error).toMatchObject({ code: 'complaint.invalid_rules', details: [{ path: 'finalLimitDays' }] });
  });
});

describe.each(testDatabaseKinds())('complaint measures on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await addCustomer(t, { no: 'CM-A', star: 3 });
  });
  afterAll(() => t.close());

  it('counts the month: repeats, hot, escalations, first-contact resolution, on-time per level, root causes, revisits', async () => {
    setClock(t, '2026-11-02T02:00:00Z');
    const am = await signIn(t, 'am_a');
    const first = (await log(am, { customerNo: 'CM-A' })).json().id;
    await log(am, { customerNo: 'CM-A', description: '我要找媒体' });
    await step(am, first, 'assigned');
    await step(am, first, 'processing');
    await step(am, first, 'resolved', { resolution: '已修复', rootCause: 'value', rootCauseDetail: '带宽不足' });
    await runComplaintEscalationScan(t.db, new Date('2026-11-05T02:00:00Z'));
    const measures = (await am.get('/api/v1/complaint-measures?month=2026-11')).json();
    expect(measures).toMatchObject({
      total: 2,
      repeat: 1,
      hot: 1,
      escalated: 1,
      resolved: 1,
      firstContactResolved: 1,
      byRootCause: [{ rootCause: 'value', count: 1 }],
      onTimeByLevel: [{ level: 1, exits: 1, onTime: 1 }, { level: 2, exits: 1, onTime: 0 }],
      revisits: { due: 1, done: 0 },
    });
    expect((await am.get('/api/v1/complaint-measures?month=2026-13')).statusCode).toBe(400);
  });
});
