import type { LightMyRequestResponse } from 'fastify';
import type { Database, DatabaseKind } from '@patron/db';
import { openTestDatabase } from '@patron/db/testing';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { App } from '../context';
import { FIXTURE_PASSWORD, seedFixture } from './fixture';

export interface TestApp {
  app: App;
  db: Database;
  ids: Awaited<ReturnType<typeof seedFixture>>;
  /** The test clock; move it to expire sessions or release locks. */
  clock: { now: Date };
  /** Signs in over HTTP and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** An authorized request helper. */
  as(token: string): {
    get(url: string): Promise<LightMyRequestResponse>;
    send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  };
  close(): Promise<void>;
}

/** `env` adds configuration variables (e.g. PATRON_TMF_CALLBACK_ALLOW) to the test defaults. */
export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const db = await openTestDatabase(kind);
  const ids = await seedFixture(db);
  const clock = { now: new Date('2026-11-23T02:00:00Z') };
  const config = loadConfig({ PATRON_DATA_DIR: '/nonexistent', PATRON_JOBS: '0', ...env });
  const app = await buildApp({ db, config, now: () => clock.now, version: 'test' });
  await app.ready();
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    app,
    db,
    ids,
    clock,
    async login(username, password = FIXTURE_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
      return response.json<{ token: string }>().token;
    },
    as(token) {
      return {
        get: (url) => app.inject({ method: 'GET', url, headers: auth(token) }),
        send: (method, url, body) => app.inject({ method, url, headers: auth(token), ...(body === undefined ? {} : { payload: body as object }) }),
      };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
