import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';

type Client = ReturnType<TestApp['as']>;

describe.each(testDatabaseKinds())('potential key accounts over HTTP on %s', (kind) => {
  let t: TestApp;
  let pm: Client;
  let dm: Client;
  let am: Client;
  let am2: Client;
  let prospect: number;
  beforeAll(async () => {
    t = await startTestApp(kind);
    pm = t.as(await t.login('pm_demo'));
    dm = t.as(await t.login('dm_a'));
    am = t.as(await t.login('am_a'));
    am2 = t.as(await t.login('am_a2'));
    prospect = t.ids.customerIds.C0000000002!;
    // Not a key account, ¥120 a month over three months: exactly 80 % of the ¥150 贵宾 bar.
    await t.db.run(sql`UPDATE customers SET grade = 'none' WHERE id = ${prospect}`);
    await t.db.run(sql`INSERT INTO bills (customer_id, month, amount_fen)
      SELECT ${prospect}, m::date, 12000 FROM generate_series(DATE '2026-08-01', DATE '2026-10-01', interval '1 month') m`);
  });
  afterAll(() => t.close());

  it('qualifies by rule, lists per district and per account manager, and promotes after confirmation and approval', async () => {
    expect((await am.send('POST', '/api/v1/potential-accounts/qualify', { month: '2026-10' })).statusCode).toBe(403);
    expect((await pm.send('POST', '/api/v1/potential-accounts/qualify', { month: '2026-10' })).json()).toEqual({ added: 1 });
    expect((await pm.send('POST', '/api/v1/potential-accounts/qualify', { month: '2026-10' })).json()).toEqual({ added: 0 });
    expect((await dm.get('/api/v1/potential-accounts')).json().items).toEqual([expect.objectContaining({ customerNo: 'C0000000002', reason: 'spend', status: 'qualified' })]);
    expect((await am2.get('/api/v1/potential-accounts')).json().items).toEqual([]);
    expect((await am.get('/api/v1/potential-accounts')).json().items.map((p: { customerNo: string }) => p.customerNo)).toEqual(['C0000000002']);

    expect((await dm.send('POST', `/api/v1/potential-accounts/${prospect}/transitions`, { event: 'approve' })).json().error.code).toBe('potential.illegal_transition');
    expect((await am2.send('POST', `/api/v1/potential-accounts/${prospect}/transitions`, { event: 'confirm' })).statusCode).toBe(404);
    expect((await am.send('POST', `/api/v1/potential-accounts/${prospect}/transitions`, { event: 'confirm', note: '客户有意向' })).statusCode).toBe(204);
    expect((await am.send('POST', `/api/v1/potential-accounts/${prospect}/transitions`, { event: 'approve' })).statusCode).toBe(403);
    expect((await dm.send('POST', `/api/v1/potential-accounts/${prospect}/transitions`, { event: 'approve' })).statusCode).toBe(204);
    expect((await am.get(`/api/v1/customers/${prospect}`)).json()).toMatchObject({ grade: 'guest', archive: 'in_network' });
  });
});
