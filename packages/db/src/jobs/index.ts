export { JobError, jobErrorCodes, type JobErrorCode } from './job-error';
export { DEFAULT_JOB_TIME_ZONE, assertCron, latestCronSlot, retryDelaySeconds } from './job-schedule';
export {
  defineJob,
  indexJobs,
  type AnyJobDefinition,
  type JobContext,
  type JobDefinition,
  type JobLogger,
  type JobRegistry,
} from './job-definition';
export {
  deleteFinishedJobs,
  enqueue,
  getJob,
  jobStates,
  listJobs,
  retryJob,
  type EnqueueOptions,
  type EnqueueResult,
  type JobPage,
  type JobRecord,
  type JobState,
  type ListJobsQuery,
} from './job.repository';
export {
  JobRunner,
  consoleJobLogger,
  jobOutcomes,
  type JobOutcome,
  type JobRunnerOptions,
  type TickResult,
} from './job-runner';
