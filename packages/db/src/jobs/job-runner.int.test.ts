import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../database';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { defineJob, type JobContext, type JobLogger, type JobRegistry } from './job-definition';
import { enqueue, getJob } from './job.repository';
import { JobRunner, type JobRunnerOptions } from './job-runner';

const silent: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };
const at = (iso: string) => new Date(iso);
/** 09:00 in Shanghai on Monday 2 March 2026. */
const t0 = at('2026-03-02T01:00:00.000Z');
const plus = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

interface Call {
  payload: unknown;
  ctx: Omit<JobContext, 'db' | 'logger'>;
}

/** A job whose handler records its calls and fails while `failuresLeft` > 0. */
function recordingJob(name: string, options: { cron?: string; retries?: number; backoffSeconds?: number } = {}) {
  const calls: Call[] = [];
  const state = { failuresLeft: 0, delayMs: 0 };
  const job = defineJob<{ n?: number }>({
    name,
    cron: options.cron,
    retries: options.retries ?? 3,
    backoffSeconds: options.backoffSeconds ?? 10,
    parse(input) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('payload must be an object');
      return input as { n?: number };
    },
    async handler(payload, { db: _db, logger: _logger, ...ctx }) {
      calls.push({ payload, ctx });
      if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
      if (state.failuresLeft > 0) {
        state.failuresLeft -= 1;
        throw new Error(`boom ${calls.length}`);
      }
    },
  });
  return { job, calls, state };
}

describe.each(testDatabaseKinds())('job runner on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.run(sql`DELETE FROM jobs`);
  });

  const runner = (jobs: JobRegistry, options: JobRunnerOptions = {}, on: Database = db) =>
    new JobRunner(on, jobs, { logger: silent, id: 'runner-a', ...options });

  it('runs a due job once and records completion', async () => {
    const { job, calls } = recordingJob('send-note');
    const { id } = await enqueue(db, job, { n: 1 }, { runAt: t0 });
    const r = runner([job]);

    expect(await r.tick(plus(t0, -1))).toMatchObject({ completed: 0 });
    expect(calls).toHaveLength(0);

    expect(await r.tick(t0)).toEqual({ scheduled: 0, completed: 1, retried: 0, failed: 0, lost: 0 });
    expect(calls).toEqual([{ payload: { n: 1 }, ctx: { now: t0, jobId: id, attempt: 1, scheduledFor: null } }]);
    expect(await getJob(db, id)).toMatchObject({
      state: 'completed',
      attempts: 1,
      startedAt: t0,
      finishedAt: t0,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
    });

    await r.tick(plus(t0, 60));
    expect(calls).toHaveLength(1);
  });

  it('retries with exponential backoff, then fails with the last error', async () => {
    const { job, calls, state } = recordingJob('flaky-sync', { retries: 3, backoffSeconds: 10 });
    state.failuresLeft = 99;
    const { id } = await enqueue(db, job, {}, { runAt: t0 });
    const r = runner([job]);

    // Each step: tick at `second` after t0, then expect the row to look like this.
    const steps = [
      { second: 0, calls: 1, state: 'queued', attempts: 1, runAt: 10, lastError: 'boom 1' },
      { second: 9, calls: 1, state: 'queued', attempts: 1, runAt: 10, lastError: 'boom 1' },
      { second: 10, calls: 2, state: 'queued', attempts: 2, runAt: 30, lastError: 'boom 2' },
      { second: 29, calls: 2, state: 'queued', attempts: 2, runAt: 30, lastError: 'boom 2' },
      { second: 30, calls: 3, state: 'failed', attempts: 3, runAt: 30, lastError: 'boom 3' },
      { second: 3600, calls: 3, state: 'failed', attempts: 3, runAt: 30, lastError: 'boom 3' },
    ];
    for (const step of steps) {
      await r.tick(plus(t0, step.second));
      expect({ second: step.second, calls: calls.length, ...(await getJob(db, id)) }).toMatchObject({
        second: step.second,
        calls: step.calls,
        state: step.state,
        attempts: step.attempts,
        runAt: plus(t0, step.runAt),
        lastError: step.lastError,
        lockedBy: null,
      });
    }
    expect((await getJob(db, id))?.finishedAt).toEqual(plus(t0, 30));
    expect(calls.map((call) => call.ctx.attempt)).toEqual([1, 2, 3]);
  });

  it('completes after a failed attempt and keeps the earlier error for the record', async () => {
    const { job, state } = recordingJob('flaky-sync', { retries: 3, backoffSeconds: 5 });
    state.failuresLeft = 1;
    const { id } = await enqueue(db, job, {}, { runAt: t0 });
    const r = runner([job]);
    expect(await r.tick(t0)).toMatchObject({ retried: 1 });
    expect(await r.tick(plus(t0, 5))).toMatchObject({ completed: 1 });
    expect(await getJob(db, id)).toMatchObject({ state: 'completed', attempts: 2, lastError: 'boom 1' });
  });

  it('fails a job with an invalid stored payload at once, without calling the handler', async () => {
    const { job, calls } = recordingJob('send-note');
    const row = await db.first<{ id: number }>(
      sql`INSERT INTO jobs (name, payload, run_at) VALUES ('send-note', '[1]'::jsonb, ${t0}::timestamptz) RETURNING id`,
    );
    expect(await runner([job]).tick(t0)).toMatchObject({ failed: 1 });
    expect(calls).toHaveLength(0);
    expect(await getJob(db, row?.id ?? 0)).toMatchObject({ state: 'failed', attempts: 1, lastError: 'payload must be an object' });
  });

  it('leaves jobs it does not know to the runners that do', async () => {
    const { job } = recordingJob('send-note');
    const { job: other } = recordingJob('other-job');
    const { id } = await enqueue(db, other, {}, { runAt: t0 });
    await runner([job]).tick(t0);
    expect((await getJob(db, id))?.state).toBe('queued');
  });

  it.each([
    {
      why: 'expired lock, attempts left → claimed again',
      attempts: 1, lockedUntil: -1, calls: 1, state: 'completed', finalAttempts: 2,
      lastError: 'lock of runner dead-runner expired; claimed again',
    },
    {
      why: 'expired lock on the last attempt → failed',
      attempts: 3, lockedUntil: -1, calls: 0, state: 'failed', finalAttempts: 3,
      lastError: 'lock of runner dead-runner expired on the last attempt',
    },
    {
      why: 'lock still valid → left alone',
      attempts: 1, lockedUntil: 1, calls: 0, state: 'running', finalAttempts: 1, lastError: null,
    },
  ])('$why', async ({ attempts, lockedUntil, calls: expectedCalls, state, finalAttempts, lastError }) => {
    const { job, calls } = recordingJob('send-note', { retries: 3 });
    const { id } = await enqueue(db, job, {}, { runAt: plus(t0, -600) });
    // As a runner that claimed the job and then died would leave it.
    await db.run(sql`
      UPDATE jobs SET state = 'running', attempts = ${attempts}, locked_by = 'dead-runner',
        locked_until = ${plus(t0, lockedUntil)}::timestamptz, started_at = ${plus(t0, -300)}::timestamptz
      WHERE id = ${id}`);
    await runner([job]).tick(t0);
    expect(calls).toHaveLength(expectedCalls);
    expect(await getJob(db, id)).toMatchObject({ state, attempts: finalAttempts, lastError });
  });

  it('does not let a runner whose lock expired overwrite the attempt of the runner that took over', async () => {
    // Runner A overruns its 60 s lock; runner B claims the job two minutes later; A then fails late,
    // while B is still running it. A must leave B's attempt alone.
    let releaseB: () => void = () => {};
    const gateB = new Promise<void>((resolve) => {
      releaseB = resolve;
    });
    let bStarted: () => void = () => {};
    const bRunning = new Promise<void>((resolve) => {
      bStarted = resolve;
    });
    let tickOfB: Promise<unknown> = Promise.resolve();
    const handlers = {
      'runner-a': async () => {
        tickOfB = runner([slowJob('runner-b')], { id: 'runner-b', lockSeconds: 60 }).tick(plus(t0, 120));
        await bRunning;
        throw new Error('A fails late');
      },
      'runner-b': async () => {
        bStarted();
        await gateB;
      },
    };
    function slowJob(owner: keyof typeof handlers) {
      return defineJob<Record<string, never>>({
        name: 'slow-job',
        retries: 3,
        backoffSeconds: 0,
        parse: () => ({}),
        handler: handlers[owner],
      });
    }
    const { id } = await enqueue(db, slowJob('runner-a'), {}, { runAt: t0 });

    const outcomeOfA = await runner([slowJob('runner-a')], { id: 'runner-a', lockSeconds: 60 }).tick(t0);
    expect(outcomeOfA).toMatchObject({ lost: 1, retried: 0, failed: 0 });
    expect(await getJob(db, id)).toMatchObject({
      state: 'running',
      lockedBy: 'runner-b',
      attempts: 2,
      lastError: 'lock of runner runner-a expired; claimed again',
    });

    releaseB();
    expect(await tickOfB).toMatchObject({ completed: 1 });
    expect(await getJob(db, id)).toMatchObject({ state: 'completed', attempts: 2, lockedBy: null });
  });

  describe('cron', () => {
    // On PostgreSQL the second runner gets its own connection pool, like a second app node; on PGlite
    // (one process) both runners share the Database object.
    let second: Database;
    beforeAll(async () => {
      second = db.pool ? await openDatabase({ url: db.pool.options.connectionString, maxConnections: 5 }) : db;
    });
    afterAll(async () => {
      if (second !== db) await second.close();
    });

    it.each([
      {
        cron: '0 9 * * *',
        // Both runners tick at each instant, concurrently.
        ticks: ['01:00:00.000', '01:00:00.000', '01:00:00.400', '01:00:30.000', '01:00:59.999', '01:01:00.000', '05:00:00.000'],
        slots: ['2026-03-02T01:00:00.000Z'],
      },
      {
        cron: '* * * * *',
        ticks: ['01:00:00.000', '01:00:20.000', '01:01:00.000', '01:01:00.000', '01:01:40.000', '01:02:05.000'],
        slots: ['2026-03-02T01:00:00.000Z', '2026-03-02T01:01:00.000Z', '2026-03-02T01:02:00.000Z'],
      },
    ])('two runners ticking together run each slot of "$cron" exactly once', async ({ cron, ticks, slots }) => {
      const { job, calls, state } = recordingJob('nightly-report', { cron });
      state.delayMs = 20; // keeps both runners busy at the same time
      const a = runner([job], { id: 'runner-a' });
      const b = runner([job], { id: 'runner-b' }, second);
      for (const time of ticks) {
        const now = at(`2026-03-02T${time}Z`);
        const [ra, rb] = await Promise.all([a.tick(now), b.tick(now)]);
        expect(ra.scheduled + rb.scheduled).toBeLessThanOrEqual(1);
      }
      expect(calls.map((call) => call.ctx.scheduledFor?.toISOString()).sort()).toEqual(slots);
      const rows = await db.rows<{ slot: Date; state: string; lockedBy: string | null }>(
        sql`SELECT schedule_slot AS slot, state, locked_by AS "lockedBy" FROM jobs ORDER BY schedule_slot`,
      );
      expect(rows.map((row) => [row.slot.toISOString(), row.state])).toEqual(slots.map((slot) => [slot, 'completed']));
    });

    it.each([
      { why: 'a slot in the grace window before start is caught up', start: '01:04:00', slots: ['2026-03-02T01:00:00.000Z'] },
      { why: 'a slot long before start is skipped', start: '05:00:00', slots: [] },
    ])('$why', async ({ start, slots }) => {
      const { job, calls } = recordingJob('nightly-report', { cron: '0 9 * * *' });
      const r = runner([job], { cronGraceSeconds: 300 });
      await r.tick(at(`2026-03-02T${start}Z`));
      expect(calls.map((call) => call.ctx.scheduledFor?.toISOString())).toEqual(slots);
      await r.tick(at('2026-03-03T01:00:00Z'));
      expect(calls.map((call) => call.ctx.scheduledFor?.toISOString())).toEqual([...slots, '2026-03-03T01:00:00.000Z']);
    });

    it('retries a failed cron run without scheduling its slot again', async () => {
      const { job, calls, state } = recordingJob('nightly-report', { cron: '0 9 * * *', retries: 2, backoffSeconds: 60 });
      state.failuresLeft = 1;
      const r = runner([job]);
      await r.tick(t0);
      await r.tick(plus(t0, 60));
      expect(calls.map((call) => [call.ctx.attempt, call.ctx.scheduledFor, call.ctx.now])).toEqual([
        [1, t0, t0],
        [2, t0, plus(t0, 60)],
      ]);
      expect(await db.rows(sql`SELECT state FROM jobs`)).toEqual([{ state: 'completed' }]);
    });
  });

  it('polls on its own and stop() waits for the running handler', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow = defineJob<Record<string, never>>({
      name: 'slow-job',
      retries: 1,
      backoffSeconds: 0,
      parse: () => ({}),
      async handler() {
        started();
        await gate;
      },
    });
    const { id } = await enqueue(db, slow, {}, { runAt: t0 });
    const r = runner([slow], { pollIntervalMs: 20 });
    r.start();
    await handlerStarted;
    let stopped = false;
    const stopping = r.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    expect((await getJob(db, id))?.state).toBe('running');
    release();
    await stopping;
    expect((await getJob(db, id))?.state).toBe('completed');

    // Stopped means stopped: a job queued now stays queued.
    const next = await enqueue(db, slow, {}, { runAt: t0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await getJob(db, next.id))?.state).toBe('queued');
  });
});
