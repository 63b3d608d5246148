import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_RULES, DEFAULT_POINTS_RULES, GROWTH_VALUE_GRADING_RULES } from '@patron/domain';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { signInNewUser } from '../../testing/test-users';
import { seedLoad } from '../customers/customer-test-data';

type Client = ReturnType<TestApp['as']>;

function errorOf(response: { json(): unknown }) {
  return (response.json() as { error: { code: string; details: { path: string; message: string }[] } }).error;
}

const draft = (body: unknown = DEFAULT_GRADING_RULES, extra: Record<string, unknown> = {}) => ({
  kind: 'grading',
  orgUnit: 'DEMO',
  name: '省内定级',
  effectiveFrom: '2026-10-01',
  body,
  reason: '省公司年度调整',
  ...extra,
});

describe.each(testDatabaseKinds())('service rules over HTTP on %s', (kind) => {
  let t: TestApp;
  let pm: Client;
  let cm: Client;
  let dm: Client;
  let am: Client;
  let analyst: Client;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const client = async (username: string) => t.as(await t.login(username));
    pm = await client('pm_demo');
    cm = await client('cm_1');
    dm = await client('dm_a');
    am = await client('am_a');
    analyst = await client('analyst');
    // 张伟 (silver) spends ¥800 a month since 2020: gold under the default rules.
    await t.db.run(sql`UPDATE customers SET activated_on = '2020-01-01'`);
    await t.db.run(sql`INSERT INTO bills (customer_id, month, amount_fen)
      SELECT ${t.ids.customerIds.C0000000002!}, m::date, 80000 FROM generate_series(DATE '2026-05-01', DATE '2026-10-01', interval '1 month') m`);
  });
  afterAll(() => t.close());

  const ruleSetCount = async () => (await t.db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM rule_sets`))!.n;

  it('lists the seeded defaults to rule managers, reviewers and analysts, not to account managers', async () => {
    const list = await pm.get('/api/v1/rule-sets?status=active');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { label: string }) => s.label).sort()).toEqual(['credit@HQ v1', 'grading@HQ v1', 'load_limits@HQ v1', 'points@HQ v1', 'potential@HQ v1', 'star@HQ v1']);
    expect((await dm.get('/api/v1/rule-sets')).statusCode).toBe(200);
    expect((await analyst.get('/api/v1/rule-sets')).statusCode).toBe(200);
    expect((await am.get('/api/v1/rule-sets')).statusCode).toBe(403);
  });

  it.each([
    [{ ...DEFAULT_GRADING_RULES, tiers: [{ grade: 'diamond', minAverageFen: 70_000 }, { grade: 'gold', minAverageFen: 170_000 }] }, 'body.body.tiers[1].minAverageFen', /unordered/],
    [{ ...DEFAULT_GRADING_RULES, tiers: [{ grade: 'diamond', minAverageFen: 170_000 }, { grade: 'gold', minAverageFen: 170_000 }] }, 'body.body.tiers[1].minAverageFen', /duplicate/],
    [{ ...DEFAULT_GRADING_RULES, tiers: [{ grade: 'diamond', minAverageFen: 170_000 }, { grade: 'silver', minAverageFen: 30_000 }] }, 'body.body.tiers[1].grade', /gap/],
    [{ ...DEFAULT_GRADING_RULES, minTenureMonths: -1 }, 'body.body.minTenureMonths', /negative/],
    [{ ...DEFAULT_GRADING_RULES, averageMonths: 'six' }, 'body.body.averageMonths', /./],
    [{ ...GROWTH_VALUE_GRADING_RULES, tiers: [{ grade: 'diamond', minPoints: 2_000 }, { grade: 'gold', minPoints: 4_001 }] }, 'body.body.tiers[1].minPoints', /unordered/],
  ])('refuses bad rule bodies with the field path, writing nothing (%#)', async (body, path, message) => {
    const before = await ruleSetCount();
    const response = await pm.send('POST', '/api/v1/rule-sets', draft(body));
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation.failed');
    expect(error.details).toContainEqual({ path, message: expect.stringMatching(message) });
    expect(await ruleSetCount()).toBe(before);
  });

  it('refuses negative points multipliers, on create and on edit, writing nothing', async () => {
    const body = { ...DEFAULT_POINTS_RULES, multiplierPercent: { ...DEFAULT_POINTS_RULES.multiplierPercent, star2: -150 } };
    const before = await ruleSetCount();
    const response = await pm.send('POST', '/api/v1/rule-sets', { ...draft(body), kind: 'points' });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual([{ path: 'body.body.multiplierPercent.star2', message: expect.stringMatching(/negative/) }]);
    expect(await ruleSetCount()).toBe(before);

    const created = (await pm.send('POST', '/api/v1/rule-sets', { ...draft(DEFAULT_POINTS_RULES), kind: 'points' })).json();
    const edit = await pm.send('PATCH', `/api/v1/rule-sets/${created.id}`, { body, reason: '倍数调整' });
    expect(edit.statusCode).toBe(400);
    expect(errorOf(edit).details).toEqual([{ path: 'body.body.multiplierPercent.star2', message: expect.stringMatching(/negative/) }]);
    expect((await pm.get(`/api/v1/rule-sets/${created.id}`)).json()).toMatchObject({ body: DEFAULT_POINTS_RULES, reason: '省公司年度调整' });
  });

  it('refuses load limits looser than the ones above, and accepts tighter ones', async () => {
    const limits = (body: unknown) => ({ ...draft(body), kind: 'load_limits' });
    const before = await ruleSetCount();
    const looser = await pm.send('POST', '/api/v1/rule-sets', limits({ vip: 50, guest: 301 }));
    expect(looser.statusCode).toBe(400);
    expect(errorOf(looser).details).toEqual([{ path: 'body.body.guest', message: expect.stringMatching(/^looser_than_parent/) }]);
    const zero = await pm.send('POST', '/api/v1/rule-sets', limits({ vip: 0, guest: 300 }));
    expect(errorOf(zero).details).toEqual([{ path: 'body.body.vip', message: expect.stringMatching(/^out_of_range/) }]);
    expect(await ruleSetCount()).toBe(before);
    const tighter = await pm.send('POST', '/api/v1/rule-sets', limits({ vip: 40, guest: 300 }));
    expect(tighter.statusCode).toBe(201);
    const loosened = await pm.send('PATCH', `/api/v1/rule-sets/${tighter.json().id}`, { body: { vip: 51, guest: 300 }, reason: '放宽' });
    expect(errorOf(loosened).details).toEqual([{ path: 'body.body.vip', message: expect.stringMatching(/^looser_than_parent/) }]);
    expect((await pm.get(`/api/v1/rule-sets/${tighter.json().id}`)).json().body).toEqual({ vip: 40, guest: 300 });
    expect((await pm.send('POST', `/api/v1/rule-sets/${tighter.json().id}/simulate`, {})).statusCode).toBe(400);
  });

  it('lets only rule managers create, and only for their own org or below', async () => {
    expect((await dm.send('POST', '/api/v1/rule-sets', draft())).statusCode).toBe(403);
    expect((await am.send('POST', '/api/v1/rule-sets', draft())).statusCode).toBe(403);
    expect((await cm.send('POST', '/api/v1/rule-sets', draft())).statusCode).toBe(403); // DEMO is above DEMO-01
    expect(errorOf(await pm.send('POST', '/api/v1/rule-sets', draft(undefined, { orgUnit: 'DEMO-01-01' }))).details[0]?.path).toBe('body.orgUnit');
  });

  let draftId: number;
  it('creates and edits a draft, audited, then simulates it against the active set', async () => {
    const created = await pm.send('POST', '/api/v1/rule-sets', draft());
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ label: 'grading@DEMO v1', status: 'draft', author: 'pm_demo' });
    draftId = created.json().id;
    const edited = await pm.send('PATCH', `/api/v1/rule-sets/${draftId}`, {
      body: { ...DEFAULT_GRADING_RULES, tiers: DEFAULT_GRADING_RULES.tiers.map((tier) => (tier.grade === 'gold' ? { ...tier, minAverageFen: 90_000 } : tier)) },
      reason: '金卡门槛提高到 900 元',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().body.tiers[1]).toEqual({ grade: 'gold', minAverageFen: 90_000 });
    expect(await t.db.first(sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'rule_set' AND entity_id = ${String(draftId)}`)).toEqual({ n: 2 });

    const simulation = await dm.send('POST', `/api/v1/rule-sets/${draftId}/simulate`, { month: '2026-10' });
    expect(simulation.statusCode).toBe(200);
    // The district manager sees their district only: 张伟 at ¥800 stays silver under a ¥900 gold bar.
    expect(simulation.json()).toMatchObject({ comparedWith: 'grading@HQ v1', month: '2026-10-01' });
    expect(simulation.json().byOrgUnit.map((o: { orgUnitCode: string }) => o.orgUnitCode)).toEqual(['DEMO-01-01']);
    const full = (await pm.send('POST', `/api/v1/rule-sets/${draftId}/simulate`, { month: '2026-10' })).json();
    expect(full.byOrgUnit.map((o: { orgUnitCode: string }) => o.orgUnitCode)).toEqual(['DEMO-01-01', 'DEMO-01-02', 'DEMO-02-01']);
    expect(full.samples.find((s: { customerNo: string }) => s.customerNo === 'C0000000002')).toBeUndefined();
    expect(full.summary).toEqual({ up: 0, down: 0, new: 0, removed: 4, unchanged: 1 });
    expect(await t.db.first(sql`SELECT grade FROM customers WHERE id = ${t.ids.customerIds.C0000000002!}`)).toEqual({ grade: 'silver' });
  });

  let runId: number;
  it('activates the draft, proposes a re-grade, lets the district keep a customer with a reason, and applies the rest', async () => {
    expect((await cm.send('POST', `/api/v1/rule-sets/${draftId}/transitions`, { event: 'activate', reason: 'x' })).statusCode).toBe(403);
    const activated = await pm.send('POST', `/api/v1/rule-sets/${draftId}/transitions`, { event: 'activate', reason: '年度发布' });
    expect(activated.json()).toMatchObject({ status: 'active', activatedBy: 'pm_demo' });
    expect(errorOf(await pm.send('POST', `/api/v1/rule-sets/${draftId}/transitions`, { event: 'activate', reason: 'again' })).code).toBe('rule_set.illegal_transition');
    expect((await pm.send('PATCH', `/api/v1/rule-sets/${draftId}`, { name: 'x', reason: 'y' })).statusCode).toBe(409);

    expect((await dm.send('POST', '/api/v1/regrade-runs', { month: '2026-10' })).statusCode).toBe(403);
    const run = await pm.send('POST', '/api/v1/regrade-runs', { month: '2026-10' });
    expect(run.statusCode).toBe(201);
    expect(run.json()).toMatchObject({ status: 'proposed', summary: { up: 0, down: 0, new: 0, removed: 4, unchanged: 1 } });
    runId = run.json().id;

    const mine = (await dm.get(`/api/v1/regrade-runs/${runId}/items`)).json();
    // 张伟 keeps silver but gains a star level (4★ on ¥800 a month and six years' tenure): stored too.
    expect(mine.items.map((i: { customerNo: string; movement: string }) => `${i.customerNo}:${i.movement}`)).toEqual([
      'C0000000001:removed',
      'C0000000003:removed',
      'C0000000002:unchanged',
    ]);
    expect(mine.items[0]).toMatchObject({ movement: 'removed', fromGrade: 'gold', toGrade: 'none', reason: 'below_lowest_tier', decision: 'apply' });
    const noReason = await dm.send('POST', `/api/v1/regrade-runs/${runId}/items/${t.ids.customerIds.C0000000001!}/decision`, { decision: 'keep' });
    expect(errorOf(noReason).details).toEqual([{ path: 'body.reason', message: expect.any(String) }]);
    expect((await am.send('POST', `/api/v1/regrade-runs/${runId}/items/${t.ids.customerIds.C0000000001!}/decision`, { decision: 'keep', reason: 'x' })).statusCode).toBe(403);
    // 王芳 is in DEMO-01-02: out of the district manager's reach.
    expect((await dm.send('POST', `/api/v1/regrade-runs/${runId}/items/${t.ids.customerIds.C0000000004!}/decision`, { decision: 'keep', reason: 'x' })).statusCode).toBe(404);
    const kept = await dm.send('POST', `/api/v1/regrade-runs/${runId}/items/${t.ids.customerIds.C0000000001!}/decision`, { decision: 'keep', reason: '集团续约谈判中' });
    expect(kept.statusCode).toBe(204);

    // After the proposal: the city holds its managers to 1 VIP, and am_a2 (losing 李娜) has two VIPs.
    await seedLoad(t.db, 'R', 2, 'gold', 'DEMO-01-01', 'am_a2');
    const cityLimits = await cm.send('POST', '/api/v1/rule-sets', { ...draft({ vip: 1, guest: 300 }), kind: 'load_limits', orgUnit: 'DEMO-01', effectiveFrom: '2026-01-01' });
    expect((await cm.send('POST', `/api/v1/rule-sets/${cityLimits.json().id}/transitions`, { event: 'activate', reason: '一市收紧' })).statusCode).toBe(200);

    const applied = await pm.send('POST', `/api/v1/regrade-runs/${runId}/transitions`, { event: 'apply' });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ run: { status: 'applied' }, changedCustomers: 4, smsQueued: 3, reassignmentTasks: 1 });
    // Held to the city's limit, not HQ's 50; am_b (0 VIPs left) needs no task.
    expect(await t.db.rows(sql`SELECT u.username, t.tier, t.load, t.load_limit AS "limit" FROM reassignment_tasks t JOIN users u ON u.id = t.manager_id WHERE t.run_id = ${runId}`)).toEqual([
      { username: 'am_a2', tier: 'vip', load: 2, limit: 1 },
    ]);
    const grades = await t.db.rows<{ no: string; grade: string }>(sql`SELECT customer_no AS no, grade FROM customers WHERE customer_no LIKE 'C%' ORDER BY customer_no`);
    expect(grades.map((g) => `${g.no}:${g.grade}`)).toEqual(['C0000000001:gold', 'C0000000002:silver', 'C0000000003:none', 'C0000000004:none', 'C0000000005:none']);
    expect(errorOf(await pm.send('POST', `/api/v1/regrade-runs/${runId}/transitions`, { event: 'apply' })).code).toBe('regrade.illegal_transition');
  });

  it('lists the reassignment task to the district manager and closes it only once the manager is back within the limit', async () => {
    const open = await dm.get('/api/v1/reassignment-tasks');
    expect(open.json().items).toEqual([
      expect.objectContaining({ username: 'am_a2', tier: 'vip', load: 2, loadLimit: 1, currentLoad: 2, currentLimit: 1, month: '2026-10-01' }),
    ]);
    expect((await am.get('/api/v1/reassignment-tasks')).statusCode).toBe(403);
    const taskId = open.json().items[0].id;
    // The district next door reaches none of DEMO-01-01's customers.
    const dmB = await signInNewUser(t, 'dm_b', 'district_manager', 'DEMO-01-02');
    expect((await dmB.get('/api/v1/reassignment-tasks')).json().items).toEqual([]);
    expect((await dmB.send('POST', `/api/v1/reassignment-tasks/${taskId}/transitions`, { event: 'done' })).statusCode).toBe(404);
    expect(errorOf(await dm.send('POST', `/api/v1/reassignment-tasks/${taskId}/transitions`, { event: 'done' })).code).toBe('assignment.limit_exceeded');
    // One of am_a2's VIPs goes to another manager's book (here straight in the table): 1 of 1.
    await t.db.run(sql`UPDATE customers SET account_manager_id = NULL WHERE customer_no = 'R0001'`);
    expect((await dm.send('POST', `/api/v1/reassignment-tasks/${taskId}/transitions`, { event: 'done' })).statusCode).toBe(204);
    expect((await dm.get('/api/v1/reassignment-tasks')).json().items).toEqual([]);
    expect(errorOf(await dm.send('POST', `/api/v1/reassignment-tasks/${taskId}/transitions`, { event: 'done' })).code).toBe('state.illegal_transition');
    await t.db.run(sql`UPDATE customers SET account_manager_id = (SELECT id FROM users WHERE username = 'am_a2') WHERE customer_no = 'R0001'`);
  });

  it("shows a customer's credit profile and benefits as the apply left them, within the caller's scope", async () => {
    const view = await dm.get(`/api/v1/customers/${t.ids.customerIds.C0000000002!}/entitlements`);
    expect(view.statusCode).toBe(200);
    const body = view.json();
    // An off-cycle full re-grade of October: valid from November to the end of the grade year.
    expect(body).toMatchObject({ grade: 'silver', gradeValidFrom: '2026-11-01', gradeValidTo: '2027-01-31' });
    expect(body.credit).toMatchObject({ evaluatedOn: '2026-10-31', ruleSet: 'credit@HQ v1', score: expect.any(Number), limit: expect.stringMatching(/^\d+\.\d{2}$/) });
    expect(body.benefits.map((b: { benefit: string; revokedAt: string | null }) => `${b.benefit}:${b.revokedAt === null}`).sort()).toEqual(
      ['account_manager', 'delayed_suspension', 'free_sim_replacement', 'vip_club', 'vip_counter', 'vip_hotline'].map((b) => `${b}:true`),
    );
    // 李娜 lost key-account status: no benefits; the kept gold customer holds gold's, lounge visits included.
    expect((await dm.get(`/api/v1/customers/${t.ids.customerIds.C0000000003!}/entitlements`)).json().benefits).toEqual([]);
    const kept = (await dm.get(`/api/v1/customers/${t.ids.customerIds.C0000000001!}/entitlements`)).json();
    expect(kept.benefits.find((b: { benefit: string }) => b.benefit === 'airport_lounge')).toMatchObject({ yearlyQuota: 4, grade: 'gold', revokedAt: null });
    // 王芳 is in another district.
    expect((await dm.get(`/api/v1/customers/${t.ids.customerIds.C0000000004!}/entitlements`)).statusCode).toBe(404);
  });

  it('refuses a rule set taking effect inside an applied month, writing nothing', async () => {
    const before = await ruleSetCount();
    const response = await pm.send('POST', '/api/v1/rule-sets', draft(undefined, { effectiveFrom: '2026-10-15' }));
    expect(response.statusCode).toBe(409);
    expect(errorOf(response)).toMatchObject({ code: 'rule_set.applied_month', details: [{ path: 'body.effectiveFrom', message: 'must be after 2026-10-31' }] });
    expect(await ruleSetCount()).toBe(before);
    expect((await pm.send('POST', '/api/v1/rule-sets', draft(undefined, { effectiveFrom: '2026-11-01' }))).statusCode).toBe(201);
  });

  it('refuses moving a draft into an applied month, or activating one that starts there, changing nothing', async () => {
    const created = (await pm.send('POST', '/api/v1/rule-sets', draft(undefined, { effectiveFrom: '2026-12-01' }))).json();
    const moved = await pm.send('PATCH', `/api/v1/rule-sets/${created.id}`, { effectiveFrom: '2026-10-01', reason: '提前生效' });
    expect(moved.statusCode).toBe(409);
    expect(errorOf(moved)).toMatchObject({ code: 'rule_set.applied_month', details: [{ path: 'body.effectiveFrom', message: 'must be after 2026-10-31' }] });
    expect((await pm.get(`/api/v1/rule-sets/${created.id}`)).json()).toMatchObject({ effectiveFrom: '2026-12-01', reason: '省公司年度调整' });
    // A draft written before the month was applied cannot be activated into it either.
    await t.db.run(sql`UPDATE rule_sets SET effective_from = '2026-09-01' WHERE id = ${created.id}`);
    const activated = await pm.send('POST', `/api/v1/rule-sets/${created.id}/transitions`, { event: 'activate', reason: '发布' });
    expect(activated.statusCode).toBe(409);
    expect((await pm.get(`/api/v1/rule-sets/${created.id}`)).json().status).toBe('draft');
  });
});
