import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { signInNewUser } from '../../testing/test-users';

type Client = ReturnType<TestApp['as']>;

describe.each(testDatabaseKinds())('points over HTTP on %s', (kind) => {
  let t: TestApp;
  let am: Client;
  let amB: Client;
  let dm: Client;
  let customer: number;
  beforeAll(async () => {
    t = await startTestApp(kind);
    am = t.as(await t.login('am_a'));
    amB = t.as(await t.login('am_b'));
    dm = t.as(await t.login('dm_a'));
    customer = t.ids.customerIds.C0000000002!;
    await t.db.run(sql`UPDATE customers SET star = 2 WHERE id = ${customer}`);
    await t.db.run(sql`INSERT INTO bills (customer_id, month, amount_fen) VALUES (${customer}, '2026-10-01', 20000)`);
  });
  afterAll(() => t.close());

  const ledgerSize = async () => (await t.db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM points_ledger`))!.n;

  it('accrues through the monthly job and shows the balance as the sum of the ledger', async () => {
    const { pointsAccrualJob } = await import('../../jobs/points.job');
    const context = { db: t.db, now: new Date('2026-11-03T00:00:00Z'), logger: { info() {}, warn() {}, error() {} }, jobId: 1, attempt: 1, scheduledFor: null };
    await pointsAccrualJob.handler({}, context);
    await pointsAccrualJob.handler({}, context);
    const ledger = (await am.get(`/api/v1/customers/${customer}/points`)).json();
    expect(ledger).toMatchObject({ balance: 300, entries: [{ kind: 'accrual', points: 300, month: '2026-10-01', expiresOn: '2027-12-31', ruleSet: 'points@HQ v1' }] });
    expect((await amB.get(`/api/v1/customers/${customer}/points`)).statusCode).toBe(404);
  });

  it('refuses redeeming more than the balance with a clear error, writing nothing', async () => {
    const before = await ledgerSize();
    const response = await am.send('POST', `/api/v1/customers/${customer}/points/redemptions`, { points: 301, reason: '兑换话费' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'points.insufficient_balance', details: [{ path: 'body.points' }] });
    expect(await ledgerSize()).toBe(before);
    expect((await am.send('POST', `/api/v1/customers/${customer}/points/redemptions`, { points: 300, reason: '兑换话费' })).statusCode).toBe(201);
    expect((await am.get(`/api/v1/customers/${customer}/points`)).json().balance).toBe(0);
  });

  it('counts a manual adjustment only once someone else approves it', async () => {
    const requested = await am.send('POST', `/api/v1/customers/${customer}/points/adjustments`, { points: 1000, reason: '生日积分' });
    expect(requested.json()).toMatchObject({ status: 'pending', points: 1000 });
    expect((await am.get(`/api/v1/customers/${customer}/points`)).json().balance).toBe(0);
    // The reviewers of the customer's district see it waiting; an account manager cannot list them.
    const waiting = await dm.get('/api/v1/points-adjustments');
    expect(waiting.json().items).toEqual([
      expect.objectContaining({ id: requested.json().id, customerNo: 'C0000000002', name: '张伟', orgUnit: 'DEMO-01-01', points: 1000, reason: '生日积分', createdBy: 'am_a' }),
    ]);
    expect((await am.get('/api/v1/points-adjustments')).statusCode).toBe(403);
    // The district next door reaches none of DEMO-01-01's customers.
    const dmB = await signInNewUser(t, 'dm_b', 'district_manager', 'DEMO-01-02');
    expect((await dmB.get('/api/v1/points-adjustments')).json().items).toEqual([]);
    expect((await dmB.send('POST', `/api/v1/points-adjustments/${requested.json().id}/transitions`, { event: 'approve' })).statusCode).toBe(404);
    expect((await am.send('POST', `/api/v1/points-adjustments/${requested.json().id}/transitions`, { event: 'approve' })).statusCode).toBe(403);
    expect((await dm.send('POST', `/api/v1/points-adjustments/${requested.json().id}/transitions`, { event: 'approve' })).statusCode).toBe(204);
    expect((await am.get(`/api/v1/customers/${customer}/points`)).json().balance).toBe(1000);
    expect((await dm.send('POST', `/api/v1/points-adjustments/${requested.json().id}/transitions`, { event: 'approve' })).statusCode).toBe(409);
    expect((await am.get(`/api/v1/customers/${customer}`)).json().pointsBalance).toBe(1000);
    expect((await dm.get('/api/v1/points-adjustments')).json().items).toEqual([]);
  });
});
