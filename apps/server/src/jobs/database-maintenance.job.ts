import { defineJob } from '@patron/db';

/**
 * PGlite runs without autovacuum, so the embedded database never refreshes planner statistics or
 * reclaims dead rows on its own; PostgreSQL's autovacuum does both, so there this job does nothing.
 */
export const databaseMaintenanceJob = defineJob<Record<string, never>>({
  name: 'database-maintenance',
  cron: '27 2 * * *',
  retries: 2,
  backoffSeconds: 300,
  parse: () => ({}),
  async handler(_payload, { db, logger }) {
    if (db.kind !== 'pglite') return;
    await db.exec('VACUUM ANALYZE');
    logger.info({}, 'vacuumed and analyzed the embedded database');
  },
});
