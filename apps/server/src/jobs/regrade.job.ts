import { defineJob, sql, type Database, type RegradeScope } from '@patron/db';
import { lastCompleteMonth, runRegrade } from '../modules/rules/regrade.service';

/** A month already proposed or applied in this scope is not proposed again (cron slots may repeat after a crash). */
async function proposeOnce(db: Database, now: Date, scope: RegradeScope): Promise<number | undefined> {
  const month = lastCompleteMonth(now);
  const existing = await db.first(sql`SELECT 1 FROM regrade_runs WHERE month = ${`${month}-01`}::date AND scope = ${scope} AND status <> 'discarded'`);
  if (existing) return undefined;
  const outcome = await runRegrade(db, { month, scope, mode: 'propose', actor: { id: null, name: 'system' }, origin: `job:${scope}` });
  return outcome.mode === 'dry_run' ? undefined : outcome.run.id;
}

/** On the 2nd of each month: newly eligible customers, proposed for district review before the 10th (DOMAIN §3.2). */
export const regradeMonthlyJob = defineJob<Record<string, never>>({
  name: 'regrade-monthly',
  cron: '0 2 2 * *',
  retries: 3,
  backoffSeconds: 600,
  parse: () => ({}),
  singletonKey: () => 'regrade',
  async handler(_payload, { db, now, logger }) {
    const runId = await proposeOnce(db, now, 'newly_eligible');
    if (runId !== undefined) logger.info({ runId }, 'monthly re-grade proposed');
  },
});

/** Mid-January: the yearly full re-grade on December's bills, proposed for review (valid from 1 February on apply). */
export const regradeYearlyJob = defineJob<Record<string, never>>({
  name: 'regrade-yearly',
  cron: '0 3 15 1 *',
  retries: 3,
  backoffSeconds: 600,
  parse: () => ({}),
  singletonKey: () => 'regrade',
  async handler(_payload, { db, now, logger }) {
    const runId = await proposeOnce(db, now, 'full');
    if (runId !== undefined) logger.info({ runId }, 'yearly re-grade proposed');
  },
});
