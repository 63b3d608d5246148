import { accruePoints, defineJob, expirePoints, governingRuleSet } from '@patron/db';
import { businessToday } from '../modules/calendar/calendar-http';
import { lastCompleteMonth } from '../modules/rules/regrade.service';

/** On the 3rd: last month's points, once per customer and month (a re-run adds nothing). */
export const pointsAccrualJob = defineJob<Record<string, never>>({
  name: 'points-accrual',
  cron: '0 4 3 * *',
  retries: 3,
  backoffSeconds: 600,
  parse: () => ({}),
  singletonKey: () => 'points-accrual',
  async handler(_payload, { db, now, logger }) {
    const month = lastCompleteMonth(now);
    const result = await db.transaction((tx) => accruePoints(tx, month, 'system'));
    logger.info({ month, ...result }, 'points accrued');
  },
});

/** Daily: write off points past their year-end and queue expiry notices ahead of it. */
export const pointsExpiryJob = defineJob<Record<string, never>>({
  name: 'points-expiry',
  cron: '30 1 * * *',
  retries: 3,
  backoffSeconds: 600,
  parse: () => ({}),
  singletonKey: () => 'points-expiry',
  async handler(_payload, { db, now, logger }) {
    const today = businessToday(now);
    const rules = await governingRuleSet(db, 'points', '/HQ/', today);
    const result = await db.transaction((tx) => expirePoints(tx, today, rules?.body.expiryNoticeDays ?? 30, 'system'));
    if (result.expired + result.notices > 0) logger.info({ today, ...result }, 'points expiry');
  },
});
