import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../database';
import type { JobDefinition } from './job-definition';
import { JobError } from './job-error';

export const jobStates = ['queued', 'running', 'completed', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

/** A row of `jobs` as the admin screens and the runner see it. */
export interface JobRecord {
  id: number;
  name: string;
  payload: unknown;
  state: JobState;
  singletonKey: string | null;
  scheduleSlot: Date | null;
  runAt: Date;
  /** Attempts started so far, the running one included. */
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const jobColumns = sql.raw(`id, name, payload, state, singleton_key AS "singletonKey", schedule_slot AS "scheduleSlot",
  run_at AS "runAt", attempts, max_attempts AS "maxAttempts", locked_by AS "lockedBy", locked_until AS "lockedUntil",
  last_error AS "lastError", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`);

// Must match the predicate of jobs_singleton_live_idx (migration 0002) for ON CONFLICT to find the index.
const singletonConflict = sql.raw(
  `ON CONFLICT (name, singleton_key) WHERE singleton_key IS NOT NULL AND state IN ('queued', 'running') DO NOTHING`,
);

export interface EnqueueOptions {
  /** When the job becomes due; the database's now() when omitted. */
  runAt?: Date;
  /** Overrides the definition's singletonKey(payload); null enqueues without a key. */
  singletonKey?: string | null;
}

export interface EnqueueResult {
  id: number;
  /** false when a live job with the same singleton key already existed and its id is returned instead. */
  created: boolean;
}

/**
 * Queues a job. The payload is checked by the definition's parser after a JSON round trip, which is
 * exactly what the runner will hand to it later, so a payload that cannot be stored fails here.
 * With a singleton key, a job already queued or running under that key wins and nothing is inserted.
 */
export async function enqueue<Payload>(
  db: Executor,
  job: JobDefinition<Payload>,
  payload: Payload,
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const json = JSON.stringify(payload ?? {});
  try {
    job.parse(JSON.parse(json));
  } catch (error) {
    throw new JobError('invalid_payload', `job "${job.name}": ${messageOf(error)}`, { cause: error });
  }
  const key = options.singletonKey !== undefined ? options.singletonKey : (job.singletonKey?.(payload) ?? null);
  const runAt = options.runAt ?? null;
  // The live job we collided with may finish between our INSERT and SELECT; then the key is free, go again.
  for (let round = 0; round < 5; round += 1) {
    const inserted = await db.first<{ id: number }>(sql`
      INSERT INTO jobs (name, payload, singleton_key, run_at, max_attempts)
      VALUES (${job.name}, ${json}::jsonb, ${key}, COALESCE(${runAt}::timestamptz, now()), ${job.retries})
      ${singletonConflict}
      RETURNING id`);
    if (inserted) return { id: inserted.id, created: true };
    const existing = await db.first<{ id: number }>(sql`
      SELECT id FROM jobs
      WHERE name = ${job.name} AND singleton_key = ${key} AND state IN ('queued', 'running')`);
    if (existing) return { id: existing.id, created: false };
  }
  throw new Error(`job "${job.name}": could not enqueue singleton "${key}" (the key kept changing hands)`);
}

export interface ListJobsQuery {
  state?: JobState;
  name?: string;
  /** 1-based. */
  page: number;
  /** 1 to 500. */
  pageSize: number;
}

export interface JobPage {
  items: JobRecord[];
  total: number;
}

/** Newest first, for the admin screen. */
export async function listJobs(db: Executor, query: ListJobsQuery): Promise<JobPage> {
  const { page, pageSize } = query;
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) {
    throw new JobError('invalid_page', `page must be >= 1 and pageSize 1 to 500 (got ${page}, ${pageSize})`);
  }
  const conditions: SQL[] = [sql`TRUE`];
  if (query.state !== undefined) conditions.push(sql`state = ${query.state}`);
  if (query.name !== undefined) conditions.push(sql`name = ${query.name}`);
  const where = sql.join(conditions, sql` AND `);
  const items = await db.rows<JobRecord>(sql`
    SELECT ${jobColumns} FROM jobs WHERE ${where}
    ORDER BY id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  const count = await db.first<{ total: number }>(sql`SELECT count(*)::int AS total FROM jobs WHERE ${where}`);
  return { items, total: count?.total ?? 0 };
}

export async function getJob(db: Executor, id: number): Promise<JobRecord | undefined> {
  return db.first<JobRecord>(sql`SELECT ${jobColumns} FROM jobs WHERE id = ${id}`);
}

/**
 * Puts a failed job back in the queue with a fresh set of attempts, due at `now`. last_error is kept
 * until the next attempt overwrites it. Throws JobError job_not_found, job_not_failed, or singleton_busy
 * when another job with the same singleton key is queued or running meanwhile.
 */
export async function retryJob(db: Executor, id: number, now: Date = new Date()): Promise<JobRecord> {
  let updated: JobRecord | undefined;
  try {
    updated = await db.first<JobRecord>(sql`
      UPDATE jobs SET state = 'queued', attempts = 0, run_at = ${now}::timestamptz,
        locked_by = NULL, locked_until = NULL, finished_at = NULL
      WHERE id = ${id} AND state = 'failed'
      RETURNING ${jobColumns}`);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new JobError('singleton_busy', `job ${id}: another job with its singleton key is live`, { cause: error });
    }
    throw error;
  }
  if (updated) return updated;
  const current = await getJob(db, id);
  if (!current) throw new JobError('job_not_found', `job ${id} does not exist`);
  throw new JobError('job_not_failed', `job ${id} is ${current.state}, only failed jobs can be retried`);
}

/**
 * Retention: deletes jobs that finished before `finishedBefore` in the given states (completed only by
 * default, so failures stay visible until someone looks at them). Cron slots only need their row for
 * the runner's grace window, so any retention of a day or more is safe.
 */
export async function deleteFinishedJobs(
  db: Executor,
  finishedBefore: Date,
  states: readonly ('completed' | 'failed')[] = ['completed'],
): Promise<number> {
  if (states.length === 0) return 0;
  return db.run(sql`
    DELETE FROM jobs WHERE state IN ${states as string[]} AND finished_at < ${finishedBefore}::timestamptz`);
}

// ---- Runner side (not exported from the module index) ----

/** What a runner needs of a claimed job. */
export type ClaimedJob = Pick<JobRecord, 'id' | 'name' | 'payload' | 'attempts' | 'maxAttempts' | 'scheduleSlot'>;

/**
 * Claims the next due job among `names`: a queued job whose run_at has come, or a running job whose lock
 * expired (its runner died or stalled) and that has attempts left. SKIP LOCKED lets runners on one
 * PostgreSQL claim side by side without waiting for, or double-claiming, each other's rows.
 */
export async function claimNextJob(
  db: Executor,
  claim: { names: readonly string[]; runnerId: string; now: Date; lockedUntil: Date },
): Promise<ClaimedJob | undefined> {
  const { names, runnerId, now, lockedUntil } = claim;
  if (names.length === 0) return undefined;
  return db.first<ClaimedJob>(sql`
    UPDATE jobs SET
      state = 'running',
      attempts = attempts + 1,
      last_error = CASE WHEN state = 'running'
        THEN 'lock of runner ' || coalesce(locked_by, '?') || ' expired; claimed again' ELSE last_error END,
      locked_by = ${runnerId},
      locked_until = ${lockedUntil}::timestamptz,
      started_at = ${now}::timestamptz,
      finished_at = NULL
    WHERE id = (
      SELECT id FROM jobs
      WHERE name IN ${names as string[]}
        AND ((state = 'queued' AND run_at <= ${now}::timestamptz)
          OR (state = 'running' AND locked_until < ${now}::timestamptz AND attempts < max_attempts))
      ORDER BY run_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, name, payload, attempts, max_attempts AS "maxAttempts", schedule_slot AS "scheduleSlot"`);
}

/** Running jobs whose lock expired on their last attempt are not claimed again: they fail. */
export async function failExpiredJobs(db: Executor, names: readonly string[], now: Date): Promise<number> {
  if (names.length === 0) return 0;
  return db.run(sql`
    UPDATE jobs SET state = 'failed', finished_at = ${now}::timestamptz, locked_by = NULL, locked_until = NULL,
      last_error = 'lock of runner ' || coalesce(locked_by, '?') || ' expired on the last attempt'
    WHERE state = 'running' AND locked_until < ${now}::timestamptz AND attempts >= max_attempts
      AND name IN ${names as string[]}`);
}

/**
 * Records the end of an attempt. Matching on runner and attempt means a runner that lost its lock (it
 * overran and another runner took the job) cannot overwrite the newer attempt; it gets false back.
 */
export async function finishAttempt(
  db: Executor,
  job: Pick<ClaimedJob, 'id' | 'attempts'>,
  runnerId: string,
  outcome:
    | { state: 'completed'; now: Date }
    | { state: 'failed'; now: Date; error: string }
    | { state: 'queued'; now: Date; error: string; retryAt: Date },
): Promise<boolean> {
  const ownAttempt = sql`id = ${job.id} AND state = 'running' AND locked_by = ${runnerId} AND attempts = ${job.attempts}`;
  const unlock = sql`locked_by = NULL, locked_until = NULL`;
  switch (outcome.state) {
    case 'completed':
      return (
        (await db.run(sql`
          UPDATE jobs SET state = 'completed', finished_at = ${outcome.now}::timestamptz, ${unlock}
          WHERE ${ownAttempt}`)) === 1
      );
    case 'failed':
      return (
        (await db.run(sql`
          UPDATE jobs SET state = 'failed', finished_at = ${outcome.now}::timestamptz, last_error = ${outcome.error}, ${unlock}
          WHERE ${ownAttempt}`)) === 1
      );
    case 'queued':
      return (
        (await db.run(sql`
          UPDATE jobs SET state = 'queued', run_at = ${outcome.retryAt}::timestamptz, last_error = ${outcome.error}, ${unlock}
          WHERE ${ownAttempt}`)) === 1
      );
    default:
      return assertNever(outcome);
  }
}

/**
 * Inserts the run of a cron slot unless any runner already did: (name, schedule_slot) is unique for
 * good, so a slot runs once however many runners tick at that minute. When the definition has a
 * singleton key, a slot whose previous run is still live is skipped too (ON CONFLICT without a target
 * covers both indexes). Returns true when this call inserted it.
 */
export async function insertCronSlot(
  db: Executor,
  job: { name: string; retries: number; singletonKey: string | null },
  slot: Date,
): Promise<boolean> {
  const inserted = await db.first<{ id: number }>(sql`
    INSERT INTO jobs (name, payload, singleton_key, run_at, max_attempts, schedule_slot)
    VALUES (${job.name}, '{}'::jsonb, ${job.singletonKey}, ${slot}::timestamptz, ${job.retries}, ${slot}::timestamptz)
    ON CONFLICT DO NOTHING
    RETURNING id`);
  return inserted !== undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
