import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { dueTmfDeliveries, markTmfDelivered, markTmfDeliveryFailed, type Database, type DueDelivery } from '@patron/db';
import { guardedLookup, literalRefusal, type CallbackPolicy } from './tmf-callback-policy';

export const TMF_DELIVERY_POLICY = {
  /** Deliveries per round; a pass makes rounds until nothing is due or `rounds` is used up. */
  batch: 100,
  rounds: 20,
  timeoutMs: 10_000,
  firstRetrySeconds: 30,
  maxRetrySeconds: 3600,
  /** Consecutive failures after which a hub shows as failing to admins (deliveries go on). */
  failingAfter: 5,
} as const;

/** 30 s, 60 s, 120 s … capped at one hour: a listener that is down for a day is tried hourly. */
export function retryDelaySeconds(failedAttempts: number): number {
  return Math.min(TMF_DELIVERY_POLICY.firstRetrySeconds * 2 ** Math.max(0, failedAttempts - 1), TMF_DELIVERY_POLICY.maxRetrySeconds);
}

/** POSTs one event; resolves to an error text, or null when the listener answered 2xx. */
export type EventPoster = (callback: string, payload: unknown) => Promise<string | null>;

/**
 * POSTs events to callbacks the policy allows, connecting only to addresses checked at connection
 * time (guardedLookup), so a name that now resolves to a private address is refused (DNS rebinding).
 * Redirects are not followed: a 3xx counts as a failure.
 */
export function eventPoster(policy: CallbackPolicy): EventPoster {
  const lookup = guardedLookup(policy);
  return (callback, payload) =>
    new Promise((resolve) => {
      const url = new URL(callback);
      const refusal = literalRefusal(policy, url);
      if (refusal !== null) return resolve(`refused: ${refusal}`);
      const body = JSON.stringify(payload);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: TMF_DELIVERY_POLICY.timeoutMs, lookup },
        (response) => {
          response.resume();
          const status = response.statusCode ?? 0;
          resolve(status >= 200 && status < 300 ? null : `HTTP ${status}`);
        },
      );
      request.on('timeout', () => request.destroy(Object.assign(new Error(`no answer within ${TMF_DELIVERY_POLICY.timeoutMs} ms`), { name: 'TimeoutError' })));
      request.on('error', (error) => resolve(`${error.name}: ${error.message}`));
      request.end(body);
    });
}

async function deliverOne(db: Database, delivery: DueDelivery, now: Date, post: EventPoster): Promise<boolean> {
  const error = await post(delivery.callback, delivery.payload);
  await db.transaction(async (tx) => {
    if (error === null) await markTmfDelivered(tx, delivery, now);
    else {
      const retryAt = new Date(now.getTime() + retryDelaySeconds(delivery.attempts + 1) * 1000);
      await markTmfDeliveryFailed(tx, delivery, { error: error.slice(0, 500), at: now, retryAt, failingAfter: TMF_DELIVERY_POLICY.failingAfter });
    }
  });
  return error === null;
}

/**
 * One delivery pass over the outbox. Each round takes, per hub and resource, only the oldest pending
 * event, so a resource's events reach a listener in order; a failure holds the later ones back until
 * it gets through (at least once, in order). The job runs it every minute, as a singleton.
 */
export async function deliverTmfEvents(db: Database, now: Date, post: EventPoster): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  for (let round = 0; round < TMF_DELIVERY_POLICY.rounds; round += 1) {
    const due = await dueTmfDeliveries(db, now, TMF_DELIVERY_POLICY.batch);
    if (due.length === 0) break;
    for (const delivery of due) {
      if (await deliverOne(db, delivery, now, post)) delivered += 1;
      else failed += 1;
    }
  }
  return { delivered, failed };
}
