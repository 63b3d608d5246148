import { defineJob } from '@patron/db';
import { runComplaintEscalationScan } from '../modules/complaints/complaint.service';

/**
 * Every minute: escalate open complaints whose level limit ran out (one level per limit passed,
 * timed from each breach) and notify the managers of the level reached; tell the province, once,
 * when level 3's limit or the final answer runs out. At most 500 per pass; the rest is still due at
 * the next minute. A singleton: a pass still running makes the next slot skip.
 */
export const complaintEscalationScanJob = defineJob<Record<string, never>>({
  name: 'complaint-escalation-scan',
  cron: '* * * * *',
  retries: 1,
  backoffSeconds: 0,
  parse: () => ({}),
  singletonKey: () => 'complaint-escalation-scan',
  async handler(_payload, { db, now, logger }) {
    const result = await runComplaintEscalationScan(db, now);
    if (result.escalated > 0 || result.breaches > 0) logger.info({ ...result }, 'complaint escalation scan');
  },
});
