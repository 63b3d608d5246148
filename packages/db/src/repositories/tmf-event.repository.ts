import { sql } from 'drizzle-orm';
import type { Executor } from '../database';

export const TMF_APIS = ['troubleTicket', 'customerManagement', 'party', 'appointment'] as const;
export type TmfApi = (typeof TMF_APIS)[number];

export interface TmfHubRecord {
  id: number;
  api: TmfApi;
  callback: string;
  query: string | null;
  eventTypes: string[] | null;
  owner: string;
  orgPath: string;
  state: 'active' | 'failing' | 'removed';
  consecutiveFailures: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  createdAt: Date;
  pendingDeliveries: number;
}

const hubColumns = sql`h.id, h.api, h.callback, h.query, h.event_types AS "eventTypes", u.username AS owner, h.org_path AS "orgPath",
  h.state, h.consecutive_failures AS "consecutiveFailures", h.last_error AS "lastError", h.last_attempt_at AS "lastAttemptAt",
  h.last_success_at AS "lastSuccessAt", h.created_at AS "createdAt",
  (SELECT count(*)::int FROM tmf_deliveries d WHERE d.hub_id = h.id AND d.state = 'pending') AS "pendingDeliveries"`;

export interface NewTmfHub {
  api: TmfApi;
  callback: string;
  query: string | null;
  eventTypes: readonly string[] | null;
  ownerId: number;
  orgPath: string;
  /** scheme + host + /tmf-api as the client called us. */
  apiRoot: string;
  createdAt: Date;
}

export async function insertTmfHub(tx: Executor, hub: NewTmfHub): Promise<number> {
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO tmf_hubs (api, callback, query, event_types, owner_id, org_path, api_root, created_at)
    VALUES (${hub.api}, ${hub.callback}, ${hub.query}, ${hub.eventTypes === null ? null : sql`ARRAY[${sql.join(hub.eventTypes.map((t) => sql`${t}`), sql`, `)}]::text[]`},
      ${hub.ownerId}, ${hub.orgPath}, ${hub.apiRoot}, ${hub.createdAt.toISOString()})
    RETURNING id`);
  return row!.id;
}

/** A client removes only its own registrations; what is still queued for the hub is dropped. */
export async function removeTmfHub(tx: Executor, api: TmfApi, id: number, ownerId: number, at: Date): Promise<boolean> {
  const removed = await tx.run(sql`UPDATE tmf_hubs SET state = 'removed', removed_at = ${at.toISOString()}
    WHERE id = ${id} AND api = ${api} AND owner_id = ${ownerId} AND state <> 'removed'`);
  if (removed === 0) return false;
  await tx.run(sql`UPDATE tmf_deliveries SET state = 'dropped' WHERE hub_id = ${id} AND state = 'pending'`);
  return true;
}

/** Every live registration, failing ones first: what admins watch. */
export function listTmfHubs(db: Executor): Promise<TmfHubRecord[]> {
  return db.rows<TmfHubRecord>(sql`SELECT ${hubColumns} FROM tmf_hubs h JOIN users u ON u.id = h.owner_id
    WHERE h.state <> 'removed' ORDER BY h.state = 'failing' DESC, h.id`);
}

/** Cheap check before rendering an event: most changes happen with nobody listening. */
export async function hasTmfListeners(db: Executor, api: TmfApi): Promise<boolean> {
  return (await db.first(sql`SELECT 1 FROM tmf_hubs WHERE api = ${api} AND state <> 'removed' LIMIT 1`)) !== undefined;
}

/**
 * The API root the newest listener of `api` registered through, or undefined when nobody listens:
 * hrefs in events raised by background work (no client request at hand) are built on it. Hubs
 * registered before the root was recorded (migration 0070) fall back to a local root.
 */
export async function tmfListenerRoot(db: Executor, api: TmfApi): Promise<string | undefined> {
  const row = await db.first<{ root: string | null }>(sql`SELECT api_root AS root FROM tmf_hubs WHERE api = ${api} AND state <> 'removed'
    ORDER BY api_root IS NULL, id DESC LIMIT 1`);
  return row === undefined ? undefined : (row.root ?? 'http://localhost/tmf-api');
}

/** True when an event about `resourceKey` (`appointment/WO…`) was ever published to `api`'s listeners. */
export async function tmfResourceAnnounced(db: Executor, api: TmfApi, resourceKey: string): Promise<boolean> {
  return (await db.first(sql`SELECT 1 FROM tmf_events WHERE resource_key = ${resourceKey} AND api = ${api} LIMIT 1`)) !== undefined;
}

export interface NewTmfEvent {
  api: TmfApi;
  resourceKey: string;
  eventType: string;
  payload: unknown;
  /** Org path of the customer the resource belongs to: hubs outside it do not hear of it. */
  orgPath: string;
  occurredAt: Date;
}

/** Writes the event and one delivery per matching hub, in the caller's transaction. */
export async function enqueueTmfEvent(tx: Executor, event: NewTmfEvent): Promise<void> {
  const at = event.occurredAt.toISOString();
  await tx.run(sql`
    WITH e AS (
      INSERT INTO tmf_events (api, resource_key, event_type, payload, occurred_at)
      VALUES (${event.api}, ${event.resourceKey}, ${event.eventType}, ${JSON.stringify(event.payload)}::jsonb, ${at})
      RETURNING id
    )
    INSERT INTO tmf_deliveries (event_id, hub_id, resource_key, next_attempt_at)
    SELECT e.id, h.id, ${event.resourceKey}, ${at} FROM e, tmf_hubs h
    WHERE h.api = ${event.api} AND h.state <> 'removed' AND ${event.orgPath} LIKE h.org_path || '%'
      AND (h.event_types IS NULL OR ${event.eventType} = ANY (h.event_types))`);
}

export interface DueDelivery {
  id: number;
  hubId: number;
  callback: string;
  attempts: number;
  eventType: string;
  payload: unknown;
}

/**
 * Deliveries due now, each the oldest pending one of its hub and resource: a resource's later event
 * waits until the earlier one got through, so listeners see them in order.
 */
export function dueTmfDeliveries(db: Executor, now: Date, limit: number): Promise<DueDelivery[]> {
  return db.rows<DueDelivery>(sql`
    SELECT d.id, d.hub_id AS "hubId", h.callback, d.attempts, e.event_type AS "eventType", e.payload
    FROM tmf_deliveries d JOIN tmf_hubs h ON h.id = d.hub_id JOIN tmf_events e ON e.id = d.event_id
    WHERE d.state = 'pending' AND d.next_attempt_at <= ${now.toISOString()}
      AND NOT EXISTS (SELECT 1 FROM tmf_deliveries p WHERE p.hub_id = d.hub_id AND p.resource_key = d.resource_key
        AND p.state = 'pending' AND p.id < d.id)
    ORDER BY d.id LIMIT ${limit}`);
}

export async function markTmfDelivered(tx: Executor, delivery: DueDelivery, at: Date): Promise<void> {
  await tx.run(sql`UPDATE tmf_deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = ${at.toISOString()}, last_error = NULL
    WHERE id = ${delivery.id}`);
  await tx.run(sql`UPDATE tmf_hubs SET state = CASE WHEN state = 'removed' THEN state ELSE 'active' END, consecutive_failures = 0,
    last_attempt_at = ${at.toISOString()}, last_success_at = ${at.toISOString()} WHERE id = ${delivery.hubId}`);
}

export async function markTmfDeliveryFailed(
  tx: Executor,
  delivery: DueDelivery,
  failure: { error: string; at: Date; retryAt: Date; failingAfter: number },
): Promise<void> {
  await tx.run(sql`UPDATE tmf_deliveries SET attempts = attempts + 1, last_error = ${failure.error}, next_attempt_at = ${failure.retryAt.toISOString()}
    WHERE id = ${delivery.id}`);
  await tx.run(sql`UPDATE tmf_hubs SET consecutive_failures = consecutive_failures + 1, last_error = ${failure.error},
    last_attempt_at = ${failure.at.toISOString()},
    state = CASE WHEN state <> 'removed' AND consecutive_failures + 1 >= ${failure.failingAfter} THEN 'failing' ELSE state END
    WHERE id = ${delivery.hubId}`);
}
