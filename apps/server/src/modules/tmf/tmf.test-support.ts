import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TmfApi } from '@patron/db';
import type { TestApp } from '../../testing/test-app';
import { createApiToken } from '../api-tokens/api-token.service';
import { validateTmf } from './tmf-schemas';

export interface TmfClient {
  get(url: string): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, body?: unknown, contentType?: string): Promise<LightMyRequestResponse>;
}

/** An integration client (API token, role integration) bound to one org unit, as operators create them. */
export async function tmfClient(t: TestApp, name: string, orgUnitCode: string): Promise<TmfClient> {
  const { token } = await t.db.transaction((tx) =>
    createApiToken(tx, { name, role: 'integration', orgUnitCode, expiresInDays: 30, createdBy: null, now: t.clock.now }),
  );
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: (url) => t.app.inject({ method: 'GET', url, headers }),
    send: (method, url, body, contentType = 'application/json') =>
      t.app.inject({
        method,
        url,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': contentType }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
  };
}

/** Fails with the validator's findings when a body does not conform to the official v4 definition. */
export function expectConforms(api: TmfApi, definition: string, body: unknown): void {
  expect(validateTmf(api, definition, body), `${definition}: ${JSON.stringify(body).slice(0, 400)}`).toEqual([]);
}

/** A TMF error reply: the status, the Error body that conforms to the spec, and our code. */
export function expectTmfError(api: TmfApi, response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json();
  expectConforms(api, 'Error', body);
  expect(body).toMatchObject({ code, status: String(status) });
}
