import type { Database } from '../database';
import { JobError } from './job-error';
import { assertCron } from './job-schedule';

/** Structured logger; the (fields, message) order lets a pino/Fastify logger be passed as is. */
export interface JobLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface JobContext {
  readonly db: Database;
  /** The runner's clock when this attempt started; handlers use it instead of reading the clock. */
  readonly now: Date;
  /** Already tagged with the job's name and id. */
  readonly logger: JobLogger;
  readonly jobId: number;
  /** 1 on the first attempt. */
  readonly attempt: number;
  /** The cron slot this run is for (a retry runs later than its slot); null for jobs enqueued ad hoc. */
  readonly scheduledFor: Date | null;
}

/**
 * One kind of job. Handlers must be idempotent: a runner that dies mid-handler leaves the job to be
 * claimed again once its lock expires. The runner opens no transaction around a handler; handlers call
 * `ctx.db.transaction` for the parts that must be atomic.
 *
 * `parse`, `singletonKey` and `handler` are declared as methods, not function properties, so that a
 * `JobDefinition<SomePayload>` fits in a registry of `JobDefinition<unknown>` (method parameters are
 * checked bivariantly).
 */
export interface JobDefinition<Payload = unknown> {
  /** kebab-case, unique in the registry, stored in jobs.name. */
  readonly name: string;
  /** Five-field cron expression in the runner's zone (Asia/Shanghai by default). Cron runs get payload `{}`. */
  readonly cron?: string;
  /** Maximum number of attempts, the first one included (1 = never retried). */
  readonly retries: number;
  /** Delay before the 2nd attempt; doubled for each further one. */
  readonly backoffSeconds: number;
  /** Checks and narrows a stored payload (a JSON value); throws when it is invalid. */
  parse(input: unknown): Payload;
  /** Jobs with the same key are not queued twice while one of them is queued or running. */
  singletonKey?(payload: Payload): string;
  handler(payload: Payload, context: JobContext): Promise<void>;
}

export type AnyJobDefinition = JobDefinition<unknown>;

/** Every job the application knows; a runner only claims jobs whose name is in its registry. */
export type JobRegistry = readonly AnyJobDefinition[];

const JOB_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Checks a definition once, at startup, so a typo in a cron or a retry count fails loudly. */
export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  const { name, retries, backoffSeconds, cron } = definition;
  if (!JOB_NAME.test(name)) throw new JobError('invalid_definition', `job name "${name}" must be kebab-case`);
  if (!Number.isInteger(retries) || retries < 1) {
    throw new JobError('invalid_definition', `job "${name}": retries must be an integer >= 1`);
  }
  if (!Number.isFinite(backoffSeconds) || backoffSeconds < 0) {
    throw new JobError('invalid_definition', `job "${name}": backoffSeconds must be >= 0`);
  }
  if (cron !== undefined) {
    assertCron(cron);
    try {
      definition.parse({});
    } catch (error) {
      throw new JobError('invalid_definition', `job "${name}" has a cron but its parse rejects the cron payload {}`, {
        cause: error,
      });
    }
  }
  return definition;
}

/** Indexes a registry by name, checking every definition; throws on a duplicate name. */
export function indexJobs(registry: JobRegistry): ReadonlyMap<string, AnyJobDefinition> {
  const byName = new Map<string, AnyJobDefinition>();
  for (const job of registry) {
    if (byName.has(job.name)) throw new JobError('duplicate_job_name', `job "${job.name}" is registered twice`);
    byName.set(job.name, defineJob(job));
  }
  return byName;
}
