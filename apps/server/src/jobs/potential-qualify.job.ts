import { defineJob, qualifyPotentialAccounts } from '@patron/db';
import { lastCompleteMonth } from '../modules/rules/regrade.service';

/** On the 3rd: last month's prospects for each district's list; those already listed keep their status. */
export const potentialQualifyJob = defineJob<Record<string, never>>({
  name: 'potential-qualify',
  cron: '0 5 3 * *',
  retries: 3,
  backoffSeconds: 600,
  parse: () => ({}),
  singletonKey: () => 'potential-qualify',
  async handler(_payload, { db, now, logger }) {
    const month = lastCompleteMonth(now);
    const added = await db.transaction((tx) => qualifyPotentialAccounts(tx, month));
    if (added > 0) logger.info({ month, added }, 'potential key accounts qualified');
  },
});
