import { defineJob } from '@patron/db';
import { deleteExpiredImportFiles } from '@patron/db/import/index';

/** Uploads kept for commit and rejects are removed once they expire (a day after the upload or commit). */
export const importFileCleanupJob = defineJob<Record<string, never>>({
  name: 'import-file-cleanup',
  cron: '41 * * * *',
  retries: 3,
  backoffSeconds: 60,
  parse: () => ({}),
  async handler(_payload, { db, now, logger }) {
    const runs = await deleteExpiredImportFiles(db, now);
    logger.info({ runs }, 'removed expired import files');
  },
});
