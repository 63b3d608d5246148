import { dueTmfDeliveries, markTmfDelivered, markTmfDeliveryFailed, type Database, type DueDelivery } from '@patron/db';

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

export const postEvent: EventPoster = async (callback, payload) => {
  try {
    const response = await fetch(callback, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TMF_DELIVERY_POLICY.timeoutMs),
      redirect: 'manual',
    });
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
};

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
export async function deliverTmfEvents(db: Database, now: Date, post: EventPoster = postEvent): Promise<{ delivered: number; failed: number }> {
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
