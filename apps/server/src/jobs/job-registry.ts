import { JobRunner, type Database, type JobLogger, type JobRegistry } from '@patron/db';
import { databaseMaintenanceJob } from './database-maintenance.job';
import { jobRetentionJob } from './job-retention.job';
import { sessionCleanupJob } from './session-cleanup.job';
import { slaScanJob } from './sla-scan.job';
import { publicLookupCleanupJob } from './public-lookup-cleanup.job';
import { regradeMonthlyJob, regradeYearlyJob } from './regrade.job';
import { pointsAccrualJob, pointsExpiryJob } from './points.job';
import { potentialQualifyJob } from './potential-qualify.job';
import { complaintEscalationScanJob } from './complaint-escalation-scan.job';
import { tmfEventDeliveryJob } from './tmf-event-delivery.job';
import { importFileCleanupJob } from './import-file-cleanup.job';

/** Every job Patron runs. Capabilities add their jobs here. */
export const JOB_REGISTRY: JobRegistry = [
  sessionCleanupJob,
  jobRetentionJob,
  databaseMaintenanceJob,
  slaScanJob,
  publicLookupCleanupJob,
  regradeMonthlyJob,
  regradeYearlyJob,
  pointsAccrualJob,
  pointsExpiryJob,
  potentialQualifyJob,
  complaintEscalationScanJob,
  tmfEventDeliveryJob,
  importFileCleanupJob,
];

export function startJobRunner(db: Database, logger: JobLogger): JobRunner {
  const runner = new JobRunner(db, JOB_REGISTRY, { logger });
  runner.start();
  return runner;
}
