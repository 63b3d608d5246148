import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';

describe.each(testDatabaseKinds())('administration over HTTP on %s', (kind) => {
  let t: TestApp;
  let admin: ReturnType<TestApp['as']>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = t.as(await t.login('admin'));
  });
  afterAll(() => t.close());

  it('grows the org tree one level at a time with stable codes', async () => {
    const created = await admin.send('POST', '/api/v1/org-units', { code: 'DEMO-01-02-T02', name: '越秀二组', kind: 'team', parentCode: 'DEMO-01-02' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'DEMO-01-02-T02', parentCode: 'DEMO-01-02', path: '/HQ/DEMO/DEMO-01/DEMO-01-02/DEMO-01-02-T02/' });

    const wrongKind = await admin.send('POST', '/api/v1/org-units', { code: 'DEMO-01-09', name: 'x', kind: 'team', parentCode: 'DEMO-01' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details).toEqual([{ path: 'kind', message: 'Under a city comes a district' }]);

    const duplicate = await admin.send('POST', '/api/v1/org-units', { code: 'DEMO-01-02-T02', name: 'again', kind: 'team', parentCode: 'DEMO-01-02' });
    expect(duplicate.statusCode).toBe(409);

    const renamed = await admin.send('PATCH', '/api/v1/org-units/DEMO-01-02-T02', { name: '越秀第二组' });
    expect(renamed.json().name).toBe('越秀第二组');
  });

  it('rejects a bad body with 400 naming each field', async () => {
    const response = await admin.send('POST', '/api/v1/users', { username: 'X', displayName: '', password: 'short', roles: ['wizard'], orgUnitCode: 'DEMO-01' });
    expect(response.statusCode).toBe(400);
    const paths = (response.json().error.details as { path: string }[]).map((detail) => detail.path).sort();
    expect(paths).toEqual(['body.displayName', 'body.password', 'body.roles.0', 'body.username']);
  });

  it('creates a user who can then sign in with the role given, and records it in the audit log', async () => {
    const created = await admin.send('POST', '/api/v1/users', {
      username: 'new_am',
      displayName: '陈晓明',
      password: 'Welcome#2026',
      roles: ['account_manager'],
      orgUnitCode: 'DEMO-01-02-T01',
      phone: '13912345678',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'new_am', roles: ['account_manager'], orgUnitCode: 'DEMO-01-02-T01' });
    const token = await t.login('new_am', 'Welcome#2026');
    expect((await t.as(token).get('/api/v1/users')).statusCode).toBe(403);

    const audit = (await admin.get(`/api/v1/audit-events?action=user.create&entityId=${created.json().id}`)).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0]).toMatchObject({ actorName: 'admin', entityType: 'user' });
  });

  it('refuses duplicate usernames with 409 and leaves nothing behind', async () => {
    const again = await admin.send('POST', '/api/v1/users', { username: 'am_a', displayName: 'dup', password: 'Welcome#2026', roles: ['analyst'], orgUnitCode: 'DEMO' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual([{ path: 'username', message: 'taken' }]);
  });

  it('edits a role field policy, and the change shows in what its holders see', async () => {
    const patched = await admin.send('PATCH', '/api/v1/roles/account_manager', { unmaskedFields: ['phone'] });
    expect(patched.statusCode).toBe(200);
    const amA = t.as(await t.login('am_a'));
    const customer = (await amA.get(`/api/v1/customers/${t.ids.customerIds.C0000000002}`)).json();
    expect(customer.phone).toBe('13812341234');
    expect(customer.idNumber).toBe('440106********1234');
    await admin.send('PATCH', '/api/v1/roles/account_manager', { unmaskedFields: [] });
  });

  it('keeps administration to admins', async () => {
    const manager = t.as(await t.login('cm_1'));
    for (const url of ['/api/v1/users', '/api/v1/roles', '/api/v1/api-tokens', '/api/v1/jobs']) {
      const response = await manager.get(url);
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code).toBe('auth.forbidden');
    }
    const create = await manager.send('POST', '/api/v1/org-units', { code: 'ZZ', name: 'z', kind: 'province', parentCode: 'HQ' });
    expect(create.statusCode).toBe(403);
  });

  it('remembers the language per user', async () => {
    const am = t.as(await t.login('am_b'));
    expect((await am.send('PATCH', '/api/v1/auth/me', { locale: 'en' })).json().user.locale).toBe('en');
    expect((await am.get('/api/v1/auth/me')).json().user.locale).toBe('en');
  });
});

describe.each(testDatabaseKinds())('audit log scope on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it("shows a province manager what people in the province did, and not the head office's admin", async () => {
    await t.login('am_a');
    await t.login('admin');
    const manager = t.as(await t.login('pm_demo'));
    const actors = new Set(((await manager.get('/api/v1/audit-events?pageSize=200')).json().items as { actorName: string }[]).map((e) => e.actorName));
    expect(actors).toContain('am_a');
    expect(actors).toContain('pm_demo');
    expect(actors).not.toContain('admin');
  });
});
