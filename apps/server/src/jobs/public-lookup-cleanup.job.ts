import { defineJob, deleteExpiredLookupThrottles } from '@patron/db';
import { PUBLIC_LOOKUP_POLICY } from '../modules/public/public-status.routes';

/** Failed-lookup windows of the public status page are useless once they have ended. */
export const publicLookupCleanupJob = defineJob<Record<string, never>>({
  name: 'public-lookup-cleanup',
  cron: '29 3 * * *',
  retries: 3,
  backoffSeconds: 60,
  parse: () => ({}),
  async handler(_payload, { db, now, logger }) {
    const removed = await deleteExpiredLookupThrottles(db, new Date(now.getTime() - PUBLIC_LOOKUP_POLICY.windowSeconds * 1000));
    logger.info({ removed }, 'removed ended public lookup windows');
  },
});
