import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { DEFAULT_CREDIT_RULES } from '@patron/domain';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { auditOf, historyOf } from './customer-test-data';

type Client = ReturnType<TestApp['as']>;

describe.each(testDatabaseKinds())('credit control over HTTP on %s', (kind) => {
  let t: TestApp;
  let am: Client;
  let amB: Client;
  let dm: Client;
  let pm: Client;
  let customer: number;
  beforeAll(async () => {
    t = await startTestApp(kind);
    am = t.as(await t.login('am_a'));
    amB = t.as(await t.login('am_b'));
    dm = t.as(await t.login('dm_a'));
    pm = t.as(await t.login('pm_demo'));
    customer = t.ids.customerIds.C0000000002!;
  });
  afterAll(() => t.close());

  const credit = async () =>
    t.db.first<{ fen: number | null; until: string | null; exempt: boolean }>(sql`
      SELECT temp_credit_fen AS fen, temp_credit_until::text AS until, non_credit_control AS exempt FROM customers WHERE id = ${customer}`);

  it('grants temporary credit from today (2026-11-23) for up to 7 days, with history and audit', async () => {
    const response = await am.send('PUT', `/api/v1/customers/${customer}/temporary-credit`, { amount: '500', days: 7, reason: '出差漫游应急' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ tempCredit: '500.00', tempCreditUntil: '2026-11-29' });
    const history = (await historyOf(t.db, customer)).filter((entry) => entry.action === 'temporary_credit');
    expect(history).toEqual([
      expect.objectContaining({ before: { tempCredit: null, tempCreditUntil: null }, after: { tempCredit: '500.00', tempCreditUntil: '2026-11-29' }, reason: '出差漫游应急', actorName: 'am_a' }),
    ]);
    expect(await auditOf(t.db, 'customer.temporary_credit')).toHaveLength(1);
  });

  it('refuses an eighth day with a 422 naming body.days, and a zero amount with a 400, changing nothing', async () => {
    const tooLong = await am.send('PUT', `/api/v1/customers/${customer}/temporary-credit`, { amount: '800', days: 8, reason: '应急' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().error).toMatchObject({ code: 'credit.temporary_too_long', details: [{ path: 'body.days' }] });
    const zero = await am.send('PUT', `/api/v1/customers/${customer}/temporary-credit`, { amount: '0', days: 3, reason: '应急' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.details[0].path).toBe('body.amount');
    expect(await credit()).toEqual({ fen: 50_000, until: '2026-11-29', exempt: false });
  });

  it('holds the grant to the tighter limit of a province credit rule set', async () => {
    const created = await pm.send('POST', '/api/v1/rule-sets', {
      kind: 'credit',
      orgUnit: 'DEMO',
      name: '省内信控',
      effectiveFrom: '2026-11-01',
      body: { ...DEFAULT_CREDIT_RULES, maxTemporaryCreditDays: 3 },
      reason: '临时额度最长 3 天',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await pm.send('POST', `/api/v1/rule-sets/${created.json().id}/transitions`, { event: 'activate', reason: '发布' })).statusCode).toBe(200);
    const four = await am.send('PUT', `/api/v1/customers/${customer}/temporary-credit`, { amount: '300', days: 4, reason: '应急' });
    expect(four.json().error).toMatchObject({ code: 'credit.temporary_too_long', details: [{ path: 'body.days', message: 'at most 3 days under the credit rules in force' }] });
    const three = await am.send('PUT', `/api/v1/customers/${customer}/temporary-credit`, { amount: '300', days: 3, reason: '应急' });
    expect(three.json()).toMatchObject({ tempCredit: '300.00', tempCreditUntil: '2026-11-25' });
  });

  it('ends temporary credit early; another district cannot reach the customer', async () => {
    expect((await amB.send('PUT', `/api/v1/customers/${customer}/temporary-credit`, { amount: '100', days: 1, reason: 'x' })).statusCode).toBe(404);
    expect((await amB.send('DELETE', `/api/v1/customers/${customer}/temporary-credit`)).statusCode).toBe(404);
    const ended = await am.send('DELETE', `/api/v1/customers/${customer}/temporary-credit`);
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ tempCredit: null, tempCreditUntil: null });
  });

  it('lets only a manager exempt a customer from credit control, with the reason kept', async () => {
    expect((await am.send('PUT', `/api/v1/customers/${customer}/credit-control`, { nonCreditControl: true, reason: '银行托收' })).statusCode).toBe(403);
    expect((await dm.send('PUT', `/api/v1/customers/${customer}/credit-control`, { nonCreditControl: true })).statusCode).toBe(400);
    const exempt = await dm.send('PUT', `/api/v1/customers/${customer}/credit-control`, { nonCreditControl: true, reason: '银行托收' });
    expect(exempt.statusCode).toBe(200);
    expect(exempt.json()).toMatchObject({ nonCreditControl: true });
    const history = (await historyOf(t.db, customer)).filter((entry) => entry.action === 'credit_control');
    expect(history).toEqual([expect.objectContaining({ before: { nonCreditControl: false }, after: { nonCreditControl: true }, reason: '银行托收', actorName: 'dm_a' })]);
  });

  it('refuses credit-control fields in a profile patch, so the rules above cannot be bypassed', async () => {
    for (const field of [{ tempCredit: '900' }, { tempCreditUntil: '2027-01-31' }, { nonCreditControl: false }]) {
      const response = await am.send('PATCH', `/api/v1/customers/${customer}`, field);
      expect(response.statusCode, JSON.stringify(field)).toBe(400);
    }
    expect(await credit()).toEqual({ fen: null, until: null, exempt: true });
  });
});
