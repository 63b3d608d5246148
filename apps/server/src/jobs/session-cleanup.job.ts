import { defineJob, sql } from '@patron/db';

/** Expired or revoked sessions are useless after a day; API tokens stay listed for admins. */
export const sessionCleanupJob = defineJob<Record<string, never>>({
  name: 'session-cleanup',
  cron: '17 3 * * *',
  retries: 3,
  backoffSeconds: 60,
  parse: () => ({}),
  async handler(_payload, { db, now, logger }) {
    const removed = await db.run(sql`DELETE FROM auth_tokens WHERE kind = 'session'
      AND (expires_at < ${now.toISOString()}::timestamptz - interval '1 day' OR revoked_at < ${now.toISOString()}::timestamptz - interval '1 day')`);
    logger.info({ removed }, 'removed stale sessions');
  },
});
