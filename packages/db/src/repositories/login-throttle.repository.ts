import { sql } from 'drizzle-orm';
import type { Executor } from '../database';

export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
}

export async function readThrottle(db: Executor, username: string): Promise<ThrottleState> {
  const row = await db.first<ThrottleState>(
    sql`SELECT failures, locked_until AS "lockedUntil" FROM login_throttle WHERE username = ${username}`,
  );
  return row ?? { failures: 0, lockedUntil: null };
}

/**
 * Counts a failure inside a sliding window; reaching the limit locks the name until `now + lockSeconds`.
 * Returns the state after the failure.
 */
export async function recordLoginFailure(
  db: Executor,
  username: string,
  now: Date,
  policy: { windowSeconds: number; maxFailures: number; lockSeconds: number },
): Promise<ThrottleState> {
  const at = now.toISOString();
  const row = await db.first<ThrottleState>(sql`
    INSERT INTO login_throttle (username, failures, first_failed_at) VALUES (${username}, 1, ${at})
    ON CONFLICT (username) DO UPDATE SET
      failures = CASE WHEN login_throttle.first_failed_at < ${at}::timestamptz - make_interval(secs => ${policy.windowSeconds})
        THEN 1 ELSE login_throttle.failures + 1 END,
      first_failed_at = CASE WHEN login_throttle.first_failed_at < ${at}::timestamptz - make_interval(secs => ${policy.windowSeconds})
        THEN ${at}::timestamptz ELSE login_throttle.first_failed_at END
    RETURNING failures, locked_until AS "lockedUntil"`);
  const state = row as ThrottleState;
  if (state.failures >= policy.maxFailures) {
    const lockedUntil = new Date(now.getTime() + policy.lockSeconds * 1000);
    await db.run(sql`UPDATE login_throttle SET locked_until = ${lockedUntil.toISOString()}, failures = 0,
      first_failed_at = NULL WHERE username = ${username}`);
    return { failures: state.failures, lockedUntil };
  }
  return state;
}

export async function clearThrottle(db: Executor, username: string): Promise<void> {
  await db.run(sql`DELETE FROM login_throttle WHERE username = ${username}`);
}
