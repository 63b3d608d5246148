import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../database';
import { indexJobs, type AnyJobDefinition, type JobLogger, type JobRegistry } from './job-definition';
import {
  claimNextJob,
  failExpiredJobs,
  finishAttempt,
  insertCronSlot,
  messageOf,
  type ClaimedJob,
} from './job.repository';
import { DEFAULT_JOB_TIME_ZONE, latestCronSlot, retryDelaySeconds } from './job-schedule';

export interface JobRunnerOptions {
  /** Written to jobs.locked_by; unique per runner. Defaults to host:pid:random. */
  id?: string;
  /** Pause between ticks once the queue is drained. Default 1000. */
  pollIntervalMs?: number;
  /** Visibility timeout: a job running longer than this may be claimed by another runner. Default 300. */
  lockSeconds?: number;
  /**
   * A cron slot is scheduled if it is no older than the runner's start minus this grace, so a slot that
   * fell during a short restart still runs, while one that passed hours before boot does not. Default 300.
   */
  cronGraceSeconds?: number;
  /** Zone in which cron expressions are read. Default Asia/Shanghai. */
  timeZone?: string;
  logger?: JobLogger;
  /** The runner's clock; handlers get its reading as ctx.now. */
  clock?: () => Date;
}

export const jobOutcomes = ['completed', 'retried', 'failed', 'lost'] as const;
/** `lost`: the runner's lock expired mid-handler and another runner claimed the job meanwhile. */
export type JobOutcome = (typeof jobOutcomes)[number];

export interface TickResult extends Record<JobOutcome, number> {
  /** Cron slots this tick inserted (0 when another runner got there first). */
  scheduled: number;
}

export const consoleJobLogger: JobLogger = {
  info: (fields, message) => console.info(message, fields),
  warn: (fields, message) => console.warn(message, fields),
  error: (fields, message) => console.error(message, fields),
};

const MAX_ERROR_LENGTH = 4000;

/**
 * Polls the jobs table, runs due jobs one at a time, and inserts cron slots as they come due. Any
 * number of runners may share one database; see docs/adr/0002-job-runner.md.
 */
export class JobRunner {
  readonly id: string;
  private readonly jobs: ReadonlyMap<string, AnyJobDefinition>;
  private readonly names: string[];
  private readonly pollIntervalMs: number;
  private readonly lockMs: number;
  private readonly cronGraceMs: number;
  private readonly timeZone: string;
  private readonly logger: JobLogger;
  private readonly clock: () => Date;
  private startedAt: Date | undefined;
  /** Last slot inserted per cron job, so a runner does not re-insert the same slot on every tick. */
  private readonly lastSlot = new Map<string, number>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private stopping = false;

  constructor(
    private readonly db: Database,
    registry: JobRegistry,
    options: JobRunnerOptions = {},
  ) {
    this.jobs = indexJobs(registry);
    this.names = [...this.jobs.keys()];
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.lockMs = (options.lockSeconds ?? 300) * 1000;
    this.cronGraceMs = (options.cronGraceSeconds ?? 300) * 1000;
    this.timeZone = options.timeZone ?? DEFAULT_JOB_TIME_ZONE;
    this.logger = options.logger ?? consoleJobLogger;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Starts polling in the background. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.startedAt = this.clock();
    this.schedule(0);
    this.logger.info({ runner: this.id, jobs: this.names }, 'job runner started');
  }

  /** Stops polling and resolves once the handler in progress (if any) has finished and been recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight]);
    this.logger.info({ runner: this.id }, 'job runner stopped');
  }

  /**
   * One polling round: inserts due cron slots, fails jobs whose lock expired on their last attempt, then
   * claims and runs due jobs one after another until none is left. With `now`, every step uses that
   * instant (tests); without, each step reads the runner's clock.
   */
  tick(now?: Date): Promise<TickResult> {
    const run = this.runTick(now);
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tick()
        .catch((error: unknown) => this.logger.error({ runner: this.id, err: error }, 'job runner tick failed'))
        .finally(() => {
          if (this.started && !this.stopping) this.schedule(this.pollIntervalMs);
        });
    }, delayMs);
  }

  private async runTick(fixedNow: Date | undefined): Promise<TickResult> {
    const now = () => fixedNow ?? this.clock();
    this.startedAt ??= now();
    const result: TickResult = { scheduled: await this.scheduleCron(now()), completed: 0, retried: 0, failed: 0, lost: 0 };
    const expired = await failExpiredJobs(this.db, this.names, now());
    if (expired > 0) this.logger.warn({ runner: this.id, count: expired }, 'jobs failed after their last lock expired');
    while (!this.stopping) {
      const at = now();
      const job = await claimNextJob(this.db, {
        names: this.names,
        runnerId: this.id,
        now: at,
        lockedUntil: new Date(at.getTime() + this.lockMs),
      });
      if (!job) break;
      result[await this.runJob(job, at, now)] += 1;
    }
    return result;
  }

  private async scheduleCron(now: Date): Promise<number> {
    const earliest = (this.startedAt ?? now).getTime() - this.cronGraceMs;
    let scheduled = 0;
    for (const job of this.jobs.values()) {
      if (job.cron === undefined) continue;
      const slot = latestCronSlot(job.cron, now, this.timeZone);
      if (slot.getTime() < earliest || this.lastSlot.get(job.name) === slot.getTime()) continue;
      const singletonKey = job.singletonKey?.(job.parse({})) ?? null;
      if (await insertCronSlot(this.db, { name: job.name, retries: job.retries, singletonKey }, slot)) {
        scheduled += 1;
        this.logger.info({ runner: this.id, job: job.name, slot: slot.toISOString() }, 'cron slot queued');
      }
      this.lastSlot.set(job.name, slot.getTime());
    }
    return scheduled;
  }

  private async runJob(job: ClaimedJob, startedAt: Date, now: () => Date): Promise<JobOutcome> {
    const logger = tagged(this.logger, { runner: this.id, job: job.name, jobId: job.id, attempt: job.attempts });
    const definition = this.jobs.get(job.name);
    let error: unknown;
    let retryable = true;
    try {
      if (!definition) throw new Error(`job "${job.name}" is not registered`);
      let payload: unknown;
      try {
        payload = definition.parse(job.payload);
      } catch (parseError) {
        // A payload that fails today fails on every retry too.
        retryable = false;
        throw parseError;
      }
      await definition.handler(payload, {
        db: this.db,
        now: startedAt,
        logger,
        jobId: job.id,
        attempt: job.attempts,
        scheduledFor: job.scheduleSlot,
      });
    } catch (thrown) {
      error = thrown ?? new Error('handler threw a nullish value');
    }

    const finishedAt = now();
    if (error === undefined) {
      const ok = await finishAttempt(this.db, job, this.id, { state: 'completed', now: finishedAt });
      return ok ? 'completed' : this.lost(logger);
    }
    const message = messageOf(error).slice(0, MAX_ERROR_LENGTH);
    if (retryable && definition && job.attempts < job.maxAttempts) {
      const delayMs = retryDelaySeconds(definition.backoffSeconds, job.attempts) * 1000;
      const retryAt = new Date(finishedAt.getTime() + delayMs);
      const ok = await finishAttempt(this.db, job, this.id, { state: 'queued', now: finishedAt, error: message, retryAt });
      if (!ok) return this.lost(logger);
      logger.warn({ err: error, retryAt: retryAt.toISOString() }, 'job attempt failed; will retry');
      return 'retried';
    }
    const ok = await finishAttempt(this.db, job, this.id, { state: 'failed', now: finishedAt, error: message });
    if (!ok) return this.lost(logger);
    logger.error({ err: error }, 'job failed');
    return 'failed';
  }

  private lost(logger: JobLogger): JobOutcome {
    logger.warn({}, 'job lock expired before the attempt finished; another runner owns the job now');
    return 'lost';
  }
}

function tagged(logger: JobLogger, fields: Record<string, unknown>): JobLogger {
  return {
    info: (more, message) => logger.info({ ...fields, ...more }, message),
    warn: (more, message) => logger.warn({ ...fields, ...more }, message),
    error: (more, message) => logger.error({ ...fields, ...more }, message),
  };
}
