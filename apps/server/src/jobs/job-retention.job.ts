import { defineJob, deleteFinishedJobs } from '@patron/db';

const KEEP_DAYS = 30;

/** Completed jobs are only interesting for a while; failed ones stay until an admin retries or clears them. */
export const jobRetentionJob = defineJob<Record<string, never>>({
  name: 'job-retention',
  cron: '43 3 * * *',
  retries: 3,
  backoffSeconds: 60,
  parse: () => ({}),
  async handler(_payload, { db, now, logger }) {
    const removed = await deleteFinishedJobs(db, new Date(now.getTime() - KEEP_DAYS * 86_400_000));
    logger.info({ removed }, 'removed finished jobs');
  },
});
