import { defineJob } from '@patron/db';
import { runSlaScan } from '../modules/work-orders/work-order-sla.service';

/**
 * Every minute: raise SLA warnings (50%, 80%) and breaches once each, notify and escalate, and keep
 * compensation drafts of breached SLA-tier orders current. Bounded per pass (20,000 targets in
 * batches of 1,000); what is left is still due at the next minute. A singleton: a pass still running
 * makes the next slot skip.
 */
export const slaScanJob = defineJob<Record<string, never>>({
  name: 'sla-scan',
  cron: '* * * * *',
  retries: 1,
  backoffSeconds: 0,
  parse: () => ({}),
  singletonKey: () => 'sla-scan',
  async handler(_payload, { db, now, logger }) {
    const result = await runSlaScan(db, now);
    if (result.examined > 0) logger.info({ ...result }, 'sla scan');
    if (result.truncated) logger.warn({ examined: result.examined }, 'sla scan stopped at its per-pass bound; the rest waits for the next pass');
  },
});
