import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { auditOf } from './customer-test-data';

describe.each(testDatabaseKinds())('saved customer filters over HTTP on %s', (kind) => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await t.login(username));
    return t.as(tokens.get(username)!);
  };
  const save = async (username: string, body: unknown) => (await as(username)).send('POST', '/api/v1/saved-filters', body);
  const visible = async (username: string) =>
    ((await (await as(username)).get('/api/v1/saved-filters')).json().items as { name: string }[]).map((f) => f.name);
  const numbers = async (username: string, query: string) => {
    const response = await (await as(username)).get(`/api/v1/customers?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as { customerNo: string }[]).map((c) => c.customerNo);
  };

  let privateId: number;
  let districtId: number;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('saves a private filter in its parsed form and applies it to the list', async () => {
    const response = await save('am_a', { name: '我的金卡', filters: { grade: 'gold,silver', sort: 'grade' } });
    expect(response.statusCode, response.body).toBe(201);
    const saved = response.json();
    expect(saved).toMatchObject({ name: '我的金卡', shared: false, owner: 'am_a', mine: true, filters: { grade: ['gold', 'silver'], sort: 'grade' } });
    privateId = saved.id;
    expect(await numbers('am_a', `savedFilter=${privateId}`)).toEqual(['C0000000001', 'C0000000002']);
    // Filters written beside the saved one win.
    expect(await numbers('am_a', `savedFilter=${privateId}&grade=silver`)).toEqual(['C0000000002']);
    expect((await auditOf(t.db, 'saved_filter.create')).map((e) => e.entityId)).toContain(String(privateId));
  });

  it('shares a filter within the owner org subtree only, and rows stay cut to each user scope', async () => {
    const response = await save('dm_a', { name: '区贵宾', filters: { grade: ['guest'] }, shared: true });
    expect(response.statusCode, response.body).toBe(201);
    districtId = response.json().id;
    expect(await visible('am_a')).toEqual(['我的金卡', '区贵宾']);
    expect(await visible('am_a2')).toEqual(['区贵宾']);
    expect(await visible('am_b')).toEqual([]);
    expect(await visible('cm_1')).toEqual([]);
    expect(await numbers('dm_a', `savedFilter=${districtId}`)).toEqual(['C0000000003']);
    expect(await numbers('am_a', `savedFilter=${districtId}`)).toEqual([]);
    expect(await numbers('am_a2', `savedFilter=${districtId}`)).toEqual(['C0000000003']);
  });

  it('does not let others use or remove a filter they cannot see, nor remove a shared one', async () => {
    const hidden = await (await as('am_a2')).get(`/api/v1/customers?savedFilter=${privateId}`);
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.details[0].path).toBe('savedFilter');
    expect((await (await as('am_a2')).send('DELETE', `/api/v1/saved-filters/${privateId}`)).statusCode).toBe(404);
    expect((await (await as('am_a')).send('DELETE', `/api/v1/saved-filters/${districtId}`)).statusCode).toBe(403);
  });

  it('refuses duplicate names, unknown references and unknown filter keys', async () => {
    expect((await save('am_a', { name: '我的金卡', filters: {} })).statusCode).toBe(409);
    const org = await save('am_a', { name: '坏组织', filters: { orgUnit: 'NOWHERE' } });
    expect(org.statusCode).toBe(400);
    expect(org.json().error.details[0].path).toBe('filters.orgUnit');
    const manager = await save('am_a', { name: '坏经理', filters: { manager: 'nobody' } });
    expect(manager.json().error.details[0].path).toBe('filters.manager');
    const key = await save('am_a', { name: '坏键', filters: { colour: 'red' } });
    expect(key.statusCode).toBe(400);
    expect((await save('am_a', { name: '', filters: {} })).statusCode).toBe(400);
    expect((await save('analyst', { name: '报表', filters: {} })).statusCode).toBe(403);
  });

  it('deletes the owner filter', async () => {
    expect((await (await as('am_a')).send('DELETE', `/api/v1/saved-filters/${privateId}`)).statusCode).toBe(204);
    expect(await visible('am_a')).toEqual(['区贵宾']);
  });
});
