import { CronExpressionParser } from 'cron-parser';
import { JobError } from './job-error';

/** Business schedules are written in mainland China time whatever the server's zone is. */
export const DEFAULT_JOB_TIME_ZONE = 'Asia/Shanghai';

/** Throws JobError('invalid_definition') unless `expression` is a valid five-field cron expression. */
export function assertCron(expression: string, timeZone: string = DEFAULT_JOB_TIME_ZONE): void {
  // cron-parser also accepts a leading seconds field; we keep schedules minute-grained on purpose.
  if (expression.trim().split(/\s+/).length !== 5) {
    throw new JobError('invalid_definition', `cron "${expression}" must have five fields`);
  }
  try {
    CronExpressionParser.parse(expression, { tz: timeZone });
  } catch (error) {
    throw new JobError('invalid_definition', `cron "${expression}": ${(error as Error).message}`, { cause: error });
  }
}

/** The latest slot of `expression` at or before `now`. */
export function latestCronSlot(expression: string, now: Date, timeZone: string = DEFAULT_JOB_TIME_ZONE): Date {
  // prev() is strictly before currentDate, so step one millisecond past now to include a slot equal to now.
  const cron = CronExpressionParser.parse(expression, { currentDate: new Date(now.getTime() + 1), tz: timeZone });
  return cron.prev().toDate();
}

/** Delay before the next attempt after `attempts` failed ones: backoff, 2×backoff, 4×backoff… */
export function retryDelaySeconds(backoffSeconds: number, attempts: number): number {
  return backoffSeconds * 2 ** Math.max(0, attempts - 1);
}
