import type { LightMyRequestResponse } from 'fastify';
import { sql } from '@patron/db';
import type { TestApp } from '../../testing/test-app';

/** Helpers shared by the work-order and public-status HTTP tests. */
export interface Api {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Signs in at the test clock's current time (sessions expire when the clock jumps ahead). */
export async function signIn(t: TestApp, username: string): Promise<Api> {
  const api = t.as(await t.login(username));
  return { get: (url) => api.get(url), post: (url, body) => api.send('POST', url, body) };
}

/** A customer of our own, so fixture expectations elsewhere stay untouched. */
export async function addCustomer(
  t: TestApp,
  values: { no: string; star: number | null; org?: string; manager?: string | null; phone?: string | null; kind?: 'individual' | 'group' },
): Promise<number> {
  const manager = values.manager === undefined ? 'am_a' : values.manager;
  const row = await t.db.first<{ id: number }>(sql`
    INSERT INTO customers (customer_no, kind, name, grade, star, phone, org_unit_id, account_manager_id)
    SELECT ${values.no}, ${values.kind ?? 'group'}, ${'客户' + values.no}, 'gold', ${values.star}, ${values.phone === undefined ? '13900005678' : values.phone},
      o.id, ${manager === null ? null : t.ids.userIds[manager]!}
    FROM org_units o WHERE o.code = ${values.org ?? 'DEMO-01-01'} RETURNING id`);
  return row!.id;
}

export function setClock(t: TestApp, iso: string): Date {
  t.clock.now = new Date(iso);
  return t.clock.now;
}

export function move(api: Api, id: number, to: string, extra: Record<string, unknown> = {}) {
  return api.post(`/api/v1/work-orders/${id}/transitions`, { to, ...extra });
}

export async function notificationsOf(t: TestApp, username: string): Promise<{ kind: string; entityId: string | null; title: string }[]> {
  return t.db.rows(sql`SELECT n.kind, n.entity_id AS "entityId", n.title FROM notifications n JOIN users u ON u.id = n.user_id
    WHERE u.username = ${username} ORDER BY n.id`);
}
