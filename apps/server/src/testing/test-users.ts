import { expect } from 'vitest';
import type { TestApp } from './test-app';

/** Creates a user through the admin API (beyond the fixture's) and signs them in. */
export async function signInNewUser(t: TestApp, username: string, role: string, orgUnitCode: string): Promise<ReturnType<TestApp['as']>> {
  const admin = t.as(await t.login('admin'));
  const password = 'Welcome#2026';
  const created = await admin.send('POST', '/api/v1/users', { username, displayName: username, password, roles: [role], orgUnitCode });
  expect(created.statusCode, created.body).toBe(201);
  return t.as(await t.login(username, password));
}
