import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { auditOf, historyOf, seedCustomer, seedLoad } from './customer-test-data';

describe.each(testDatabaseKinds())('customer assignment and load limits over HTTP on %s', (kind) => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await t.login(username));
    return t.as(tokens.get(username)!);
  };
  const assign = async (username: string, body: unknown) => (await as(username)).send('POST', '/api/v1/customers/assign', body);
  const leadOf = async (id: number) =>
    (await t.db.first<{ username: string | null }>(sql`
      SELECT u.username FROM customers c LEFT JOIN users u ON u.id = c.account_manager_id WHERE c.id = ${id}`))!.username;
  const newVips: number[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    // am_a2 is at the default VIP limit (50); three unassigned VIPs wait in district A.
    await seedLoad(t.db, 'L', 50, 'gold', 'DEMO-01-01', 'am_a2');
    for (const n of [1, 2, 3]) {
      newVips.push(await seedCustomer(t.db, { customerNo: `C400000000${n}`, name: `新客户${n}`, grade: 'silver', orgUnit: 'DEMO-01-01' }));
    }
  });
  afterAll(() => t.close());

  it('lists the unassigned customers to assign', async () => {
    const response = await (await as('dm_a')).get('/api/v1/customers?manager=none');
    expect(response.json().items.map((c: { customerNo: string }) => c.customerNo)).toEqual(['C4000000001', 'C4000000002', 'C4000000003']);
  });

  it('assigns one customer, with history and audit', async () => {
    const response = await assign('dm_a', { customerIds: [newVips[0]], accountManager: 'am_a' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      accountManager: 'am_a',
      assigned: 1,
      unchanged: 0,
      overridden: false,
      customers: [{ id: newVips[0], customerNo: 'C4000000001', previousManager: null }],
    });
    expect(await leadOf(newVips[0]!)).toBe('am_a');
    expect(await historyOf(t.db, newVips[0]!)).toEqual([
      expect.objectContaining({ action: 'assign', actorName: 'dm_a', before: { accountManager: null }, after: { accountManager: 'am_a' } }),
    ]);
    expect((await auditOf(t.db, 'customer.assign')).map((e) => e.entityId)).toEqual([String(newVips[0])]);
    // Assigning again to the same manager changes nothing.
    expect((await assign('dm_a', { customerIds: [newVips[0]], accountManager: 'am_a' })).json()).toMatchObject({ assigned: 0, unchanged: 1 });
  });

  it('refuses an assignment past the load limit with 409 naming manager, tier, load and limit, and writes nothing', async () => {
    const response = await assign('dm_a', { customerIds: [newVips[1], newVips[2]], accountManager: 'am_a2' });
    expect(response.statusCode).toBe(409);
    const error = response.json().error;
    expect(error.code).toBe('assignment.limit_exceeded');
    expect(error.message).toContain('am_a2 vip load 50 + 2 > limit 50');
    expect(error.details).toEqual([
      { path: 'accountManager', message: 'am_a2 vip load 50 + 2 > limit 50', manager: 'am_a2', tier: 'vip', currentLoad: 50, adding: 2, limit: 50 },
    ]);
    expect(await leadOf(newVips[1]!)).toBeNull();
    expect(await leadOf(newVips[2]!)).toBeNull();
    expect(await historyOf(t.db, newVips[1]!)).toEqual([]);
  });

  it('overrides the limit with a reason for holders of customer.assign.override, audited', async () => {
    const lead = await assign('lead_a', { customerIds: [newVips[1]], accountManager: 'am_a2', override: { reason: '临时代管' } });
    expect(lead.statusCode).toBe(403);
    const short = await assign('dm_a', { customerIds: [newVips[1]], accountManager: 'am_a2', override: { reason: 'x' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe('body.override.reason');

    const response = await assign('dm_a', { customerIds: [newVips[1], newVips[2]], accountManager: 'am_a2', override: { reason: '客户经理离职交接' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ assigned: 2, overridden: true });
    expect(await leadOf(newVips[2]!)).toBe('am_a2');
    const [override] = await auditOf(t.db, 'customer.assign.override');
    expect(override).toMatchObject({
      entityId: 'am_a2',
      actorName: 'dm_a',
      reason: '客户经理离职交接',
      after: { customerIds: [newVips[1], newVips[2]], excesses: [{ tier: 'vip', currentLoad: 50, adding: 2, limit: 50 }] },
    });
    expect((await historyOf(t.db, newVips[1]!))[0]).toMatchObject({ action: 'assign', reason: '客户经理离职交接' });
  });

  it('is all or nothing: one customer out of scope makes it a 404 and nobody moves', async () => {
    const other = t.ids.customerIds.C0000000004!;
    const mine = t.ids.customerIds.C0000000002!;
    const response = await assign('dm_a', { customerIds: [mine, other], accountManager: 'am_a2' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.details).toEqual([{ path: 'customerIds.1', message: `customer ${other} not found` }]);
    expect(await leadOf(mine)).toBe('am_a');
  });

  it('takes only account managers inside the caller subtree, and needs customer.assign', async () => {
    const id = t.ids.customerIds.C0000000003!;
    for (const accountManager of ['am_b', 'nobody', 'lead_a']) {
      const response = await assign('dm_a', { customerIds: [id], accountManager });
      expect(response.statusCode, accountManager).toBe(400);
      expect(response.json().error.details).toEqual([expect.objectContaining({ path: 'accountManager' })]);
    }
    expect((await assign('am_a', { customerIds: [id], accountManager: 'am_a' })).statusCode).toBe(403);
    expect((await assign('dm_a', { customerIds: [], accountManager: 'am_a' })).statusCode).toBe(400);
    // A team lead reassigns within the team.
    const lead = await assign('lead_a', { customerIds: [id], accountManager: 'am_a' });
    expect(lead.statusCode, lead.body).toBe(200);
  });

  it('reports each manager load against the limits within the caller scope', async () => {
    const response = await (await as('dm_a')).get('/api/v1/managers/load');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.limits).toEqual({ vip: 50, guest: 300 });
    expect(body.items).toEqual([
      // am_a: C0000000001 gold, C0000000002 silver, C4000000001 silver; guest C0000000003.
      { username: 'am_a', displayName: 'am_a', orgUnit: 'DEMO-01-01-T01', orgUnitName: '天河一组', vip: 3, guest: 1, vipLimit: 50, guestLimit: 300 },
      { username: 'am_a2', displayName: 'am_a2', orgUnit: 'DEMO-01-01-T01', orgUnitName: '天河一组', vip: 52, guest: 0, vipLimit: 50, guestLimit: 300 },
    ]);
    const city = (await (await as('cm_1')).get('/api/v1/managers/load?orgUnit=DEMO-01-02')).json();
    expect(city.items.map((m: { username: string }) => m.username)).toEqual(['am_b']);
    expect((await (await as('dm_a')).get('/api/v1/managers/load?orgUnit=DEMO-01-02')).json().items).toEqual([]);
    expect((await (await as('dm_a')).get('/api/v1/managers/load?orgUnit=NOWHERE')).statusCode).toBe(400);
    expect((await (await as('am_a')).get('/api/v1/managers/load')).statusCode).toBe(403);
  });

  it('takes the limits from the load-limit rule sets: HQ publishes, a city may tighten but not loosen them', async () => {
    const loadLimitSet = (orgUnit: string, body: unknown) => ({ kind: 'load_limits', orgUnit, name: '客户经理负荷上限', effectiveFrom: '2026-01-01', body, reason: '市公司收紧' });
    const setCount = async () => (await t.db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM rule_sets WHERE kind = 'load_limits'`))!.n;
    const city = await as('cm_1');
    // HQ's published set (seeded from the old setting) raises the VIP limit: am_a2 (52 VIPs) may take one more.
    await t.db.run(sql`UPDATE rule_sets SET body = '{"vip": 60, "guest": 300}' WHERE kind = 'load_limits' AND status = 'active'`);
    const more = await seedCustomer(t.db, { customerNo: 'C4000000009', name: '再一位', grade: 'gold', orgUnit: 'DEMO-01-01' });
    expect((await assign('dm_a', { customerIds: [more], accountManager: 'am_a2' })).statusCode).toBe(200);
    expect((await (await as('dm_a')).get('/api/v1/managers/load')).json().limits).toEqual({ vip: 60, guest: 300 });

    const before = await setCount();
    const looser = await city.send('POST', '/api/v1/rule-sets', loadLimitSet('DEMO-01', { vip: 61, guest: 300 }));
    expect(looser.statusCode).toBe(400);
    expect(looser.json().error.details).toEqual([{ path: 'body.body.vip', message: expect.stringMatching(/^looser_than_parent/) }]);
    expect(await setCount()).toBe(before);

    const tighter = await city.send('POST', '/api/v1/rule-sets', loadLimitSet('DEMO-01', { vip: 53, guest: 250 }));
    expect(tighter.statusCode, tighter.body).toBe(201);
    expect((await city.send('POST', `/api/v1/rule-sets/${tighter.json().id}/transitions`, { event: 'activate', reason: '市公司收紧' })).statusCode).toBe(200);
    const load = (await (await as('dm_a')).get('/api/v1/managers/load')).json();
    expect(load.limits).toEqual({ vip: 53, guest: 250 });
    expect(load.items.find((m: { username: string }) => m.username === 'am_a2')).toMatchObject({ vip: 53, vipLimit: 53, guestLimit: 250 });
    // The other city keeps HQ's limits.
    expect((await (await as('pm_demo')).get('/api/v1/managers/load?orgUnit=DEMO-02')).json().limits).toEqual({ vip: 60, guest: 300 });
  });

  it('applies the limits when a customer is created with a lead', async () => {
    const response = await (await as('dm_a')).send('POST', '/api/v1/customers', {
      customerNo: 'C4000000010',
      kind: 'individual',
      name: '超限',
      grade: 'diamond',
      orgUnit: 'DEMO-01-01',
      accountManager: 'am_a2',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details[0]).toMatchObject({ manager: 'am_a2', tier: 'vip', currentLoad: 53, limit: 53 });
  });
});
