import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';

describe.each(testDatabaseKinds())('auth over HTTP on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('signs in with a token, a user summary and an httpOnly SameSite cookie', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'am_a', password: 'Fixture#2026' } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.token).toMatch(/^pss_/);
    expect(body.user).toMatchObject({ username: 'am_a', roles: ['account_manager'], orgUnitCode: 'DEMO-01-01-T01' });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/patron_session=pss_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const viaCookie = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { patron_session: body.token } });
    expect(viaCookie.json().user.username).toBe('am_a');
  });

  it('answers wrong credentials with 401 and the standard error body', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'am_b', password: 'nope-nope' } });
    expect(response.statusCode).toBe(401);
    const { error } = response.json();
    expect(error).toMatchObject({ code: 'auth.invalid_credentials', details: [] });
    expect(error.requestId).toBe(response.headers['x-request-id']);
  });

  it('locks a name after five failures, even for the right password, until the lock passes', async () => {
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cm_1', password } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await attempt('wrong-password')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await attempt('Fixture#2026');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    expect((await attempt('Fixture#2026')).statusCode).toBe(200);
  });

  it('revokes the token on logout', async () => {
    const token = await t.login('dm_a');
    expect((await t.as(token).get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await t.as(token).send('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await t.as(token).get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('auth.required');
  });

  it('expires sessions', async () => {
    const token = await t.login('lead_a');
    t.clock.now = new Date(t.clock.now.getTime() + 13 * 3600_000);
    expect((await t.as(token).get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('lets admins create API tokens shown once, usable as Bearer, and revocable', async () => {
    const admin = await t.login('admin');
    const created = await t.as(admin).send('POST', '/api/v1/api-tokens', { name: 'crm-bridge', role: 'integration', orgUnitCode: 'DEMO-01' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^pat_/);

    const listed = (await t.as(admin).get('/api/v1/api-tokens')).json();
    expect(JSON.stringify(listed)).not.toContain(token);

    const customers = await t.as(token).get('/api/v1/customers');
    expect(customers.statusCode).toBe(200);
    // Bound to DEMO-01: the DEMO-02 customer is out of reach.
    expect(customers.json().items.map((c: { customerNo: string }) => c.customerNo)).not.toContain('C0000000005');
    expect(customers.json().total).toBe(4);

    expect((await t.as(admin).send('DELETE', `/api/v1/api-tokens/${id}`)).statusCode).toBe(204);
    expect((await t.as(token).get('/api/v1/customers')).statusCode).toBe(401);
  });

  it('audits sign-ins, failures and token creation', async () => {
    const admin = await t.login('admin');
    const events = (await t.as(admin).get('/api/v1/audit-events?pageSize=200')).json().items as { action: string }[];
    const actions = new Set(events.map((event) => event.action));
    for (const action of ['auth.login', 'auth.login_failed', 'auth.logout', 'api_token.create', 'api_token.revoke']) {
      expect(actions).toContain(action);
    }
  });
});
