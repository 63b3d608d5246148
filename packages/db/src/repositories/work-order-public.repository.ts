import { sql } from 'drizzle-orm';
import type { Executor } from '../database';

export interface LookupThrottlePolicy {
  windowSeconds: number;
  maxFailures: number;
}

/**
 * The latest instant at which one of `keys` is blocked (its failures in the current fixed window
 * reached the limit), or null when none is. The block ends when that key's window ends.
 */
export async function lookupBlockedUntil(db: Executor, keys: readonly string[], now: Date, policy: LookupThrottlePolicy): Promise<Date | null> {
  if (keys.length === 0) return null;
  const row = await db.first<{ until: Date | null }>(sql`
    SELECT max(window_started_at + make_interval(secs => ${policy.windowSeconds})) AS until
    FROM public_lookup_throttle
    WHERE key IN (${sql.join(keys.map((key) => sql`${key}`), sql`, `)})
      AND failures >= ${policy.maxFailures}
      AND window_started_at > ${now.toISOString()}::timestamptz - make_interval(secs => ${policy.windowSeconds})`);
  return row?.until ?? null;
}

/** Counts one failed lookup against every key; a key whose window has ended starts a new one. */
export async function recordLookupFailure(db: Executor, keys: readonly string[], now: Date, policy: LookupThrottlePolicy): Promise<void> {
  if (keys.length === 0) return;
  const at = now.toISOString();
  const expired = sql`public_lookup_throttle.window_started_at <= ${at}::timestamptz - make_interval(secs => ${policy.windowSeconds})`;
  await db.run(sql`
    INSERT INTO public_lookup_throttle (key, failures, window_started_at)
    VALUES ${sql.join(keys.map((key) => sql`(${key}, 1, ${at}::timestamptz)`), sql`, `)}
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN ${expired} THEN 1 ELSE public_lookup_throttle.failures + 1 END,
      window_started_at = CASE WHEN ${expired} THEN EXCLUDED.window_started_at ELSE public_lookup_throttle.window_started_at END`);
}

/** Drops windows that ended before `before`; run daily. */
export function deleteExpiredLookupThrottles(db: Executor, before: Date): Promise<number> {
  return db.run(sql`DELETE FROM public_lookup_throttle WHERE window_started_at < ${before.toISOString()}`);
}
