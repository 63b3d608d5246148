import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';

describe.each(testDatabaseKinds())('customer scope over HTTP on %s', (kind) => {
  let t: TestApp;
  const numbersSeenBy = async (username: string) => {
    const response = await t.as(await t.login(username)).get('/api/v1/customers?pageSize=200');
    expect(response.statusCode).toBe(200);
    return (response.json().items as { customerNo: string }[]).map((c) => c.customerNo).sort();
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it.each([
    ['am_a', ['C0000000001', 'C0000000002']],
    ['am_b', ['C0000000004']],
    ['lead_a', ['C0000000001', 'C0000000002', 'C0000000003']],
    ['dm_a', ['C0000000001', 'C0000000002', 'C0000000003']],
    ['cm_1', ['C0000000001', 'C0000000002', 'C0000000003', 'C0000000004']],
    ['pm_demo', ['C0000000001', 'C0000000002', 'C0000000003', 'C0000000004', 'C0000000005']],
    ['agent', []],
  ])('%s sees exactly %j', async (username, expected) => {
    expect(await numbersSeenBy(username)).toEqual(expected);
  });

  it("gives an account manager 404 for another district's customer, and the manager above both a 200", async () => {
    const other = t.ids.customerIds.C0000000004!;
    const amA = await t.login('am_a');
    const denied = await t.as(amA).get(`/api/v1/customers/${other}`);
    expect(denied.statusCode).toBe(404);
    expect(denied.json().error.code).toBe('not_found');
    const city = await t.login('cm_1');
    expect((await t.as(city).get(`/api/v1/customers/${other}`)).statusCode).toBe(200);
  });

  it('masks phone, ID number and address unless the field policy shows them', async () => {
    const amA = await t.login('am_a');
    const customer = (await t.as(amA).get(`/api/v1/customers/${t.ids.customerIds.C0000000002}`)).json();
    expect(customer.phone).toBe('138****1234');
    expect(customer.idNumber).toBe('440106********1234');
    expect(customer.address).toBe('广东省广州市天河区');
  });

  it('finds customers by pinyin-free text, customer number and phone within scope only', async () => {
    const amA = await t.as(await t.login('am_a'));
    expect((await amA.get('/api/v1/customers?q=张伟')).json().total).toBe(1);
    expect((await amA.get('/api/v1/customers?q=C0000000002')).json().total).toBe(1);
    expect((await amA.get('/api/v1/customers?q=王芳')).json().total).toBe(0);
  });

  it('gives analysts aggregates but no rows', async () => {
    const analyst = t.as(await t.login('analyst'));
    expect((await analyst.get('/api/v1/customers')).statusCode).toBe(403);
    const summary = (await analyst.get('/api/v1/dashboard/summary')).json();
    expect(summary.total).toBe(5);
    expect(summary.byGrade).toMatchObject({ diamond: 1, gold: 1, silver: 1, guest: 2, none: 0 });
  });

  it('asks for sign-in first', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/customers' });
    expect(response.statusCode).toBe(401);
  });
});
