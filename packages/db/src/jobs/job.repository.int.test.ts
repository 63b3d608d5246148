import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../database';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { defineJob } from './job-definition';
import { JobError } from './job-error';
import { deleteFinishedJobs, enqueue, getJob, listJobs, retryJob } from './job.repository';

const t0 = new Date('2026-03-02T01:00:00.000Z');

const syncJob = defineJob<{ customerId: number }>({
  name: 'sync-customer',
  retries: 3,
  backoffSeconds: 10,
  parse(input) {
    const id = (input as { customerId?: unknown } | null)?.customerId;
    if (typeof id !== 'number') throw new Error('customerId must be a number');
    return { customerId: id };
  },
  singletonKey: (payload) => `customer:${payload.customerId}`,
  handler: async () => {},
});

const noteJob = defineJob<{ text: string }>({
  name: 'send-note',
  retries: 1,
  backoffSeconds: 0,
  parse: (input) => input as { text: string },
  handler: async () => {},
});

describe.each(testDatabaseKinds())('job repository on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.run(sql`DELETE FROM jobs`);
  });

  const setState = (id: number, state: string) => db.run(sql`UPDATE jobs SET state = ${state} WHERE id = ${id}`);

  it('stores the payload, max attempts and run time', async () => {
    const { id, created } = await enqueue(db, syncJob, { customerId: 7 }, { runAt: t0 });
    expect(created).toBe(true);
    expect(await getJob(db, id)).toMatchObject({
      name: 'sync-customer',
      payload: { customerId: 7 },
      state: 'queued',
      singletonKey: 'customer:7',
      scheduleSlot: null,
      runAt: t0,
      attempts: 0,
      maxAttempts: 3,
    });
  });

  it('rejects a payload the definition does not accept, before storing it', async () => {
    const bad = { customerId: 'seven' } as unknown as { customerId: number };
    await expect(enqueue(db, syncJob, bad)).rejects.toMatchObject({ code: 'invalid_payload' });
    expect((await listJobs(db, { page: 1, pageSize: 10 })).total).toBe(0);
  });

  it.each([
    { liveState: 'queued', sameJob: true },
    { liveState: 'running', sameJob: true },
    { liveState: 'completed', sameJob: false },
    { liveState: 'failed', sameJob: false },
  ])('a singleton key while the first job is $liveState → same job: $sameJob', async ({ liveState, sameJob }) => {
    const first = await enqueue(db, syncJob, { customerId: 1 }, { runAt: t0 });
    await setState(first.id, liveState);
    const second = await enqueue(db, syncJob, { customerId: 1 }, { runAt: t0 });
    expect(second.created).toBe(!sameJob);
    expect(second.id === first.id).toBe(sameJob);
    const rows = await db.rows(sql`SELECT id FROM jobs WHERE singleton_key = 'customer:1'`);
    expect(rows).toHaveLength(sameJob ? 1 : 2);
  });

  it('keys singletons per job name and lets the caller override or drop the key', async () => {
    const a = await enqueue(db, syncJob, { customerId: 2 });
    const b = await enqueue(db, syncJob, { customerId: 3 });
    const c = await enqueue(db, syncJob, { customerId: 2 }, { singletonKey: null });
    const d = await enqueue(db, noteJob, { text: 'x' }, { singletonKey: 'customer:2' });
    const e = await enqueue(db, noteJob, { text: 'y' }, { singletonKey: 'customer:2' });
    expect([a, b, c, d].every((result) => result.created)).toBe(true);
    expect(new Set([a.id, b.id, c.id, d.id]).size).toBe(4);
    expect(e).toEqual({ id: d.id, created: false });
  });

  it('two concurrent enqueues of one singleton key yield one job', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => enqueue(db, syncJob, { customerId: 9 })));
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });

  it('lists newest first with filters, paging and camelCase fields', async () => {
    for (let i = 0; i < 5; i += 1) await enqueue(db, noteJob, { text: `n${i}` });
    const sync = await enqueue(db, syncJob, { customerId: 4 });
    await setState(sync.id, 'failed');

    const all = await listJobs(db, { page: 1, pageSize: 4 });
    expect(all.total).toBe(6);
    expect(all.items.map((item) => item.id)).toEqual([...all.items.map((item) => item.id)].sort((x, y) => y - x));
    expect(all.items[0]).toMatchObject({ id: sync.id, name: 'sync-customer', maxAttempts: 3, lastError: null });
    expect(Object.keys(all.items[0] ?? {}).sort()).toEqual(
      [
        'attempts', 'createdAt', 'finishedAt', 'id', 'lastError', 'lockedBy', 'lockedUntil', 'maxAttempts', 'name',
        'payload', 'runAt', 'scheduleSlot', 'singletonKey', 'startedAt', 'state',
      ].sort(),
    );
    expect((await listJobs(db, { page: 2, pageSize: 4 })).items).toHaveLength(2);
    expect(await listJobs(db, { state: 'failed', page: 1, pageSize: 10 })).toMatchObject({ total: 1, items: [{ id: sync.id }] });
    expect((await listJobs(db, { name: 'send-note', page: 1, pageSize: 10 })).total).toBe(5);
    expect((await listJobs(db, { name: 'send-note', state: 'failed', page: 1, pageSize: 10 })).total).toBe(0);
    await expect(listJobs(db, { page: 0, pageSize: 10 })).rejects.toMatchObject({ code: 'invalid_page' });
  });

  it('re-queues a failed job with fresh attempts, and refuses anything else', async () => {
    const { id } = await enqueue(db, syncJob, { customerId: 5 });
    await db.run(sql`UPDATE jobs SET state = 'failed', attempts = 3, last_error = 'boom', finished_at = ${t0}::timestamptz WHERE id = ${id}`);

    const retried = await retryJob(db, id, t0);
    expect(retried).toMatchObject({ id, state: 'queued', attempts: 0, runAt: t0, finishedAt: null, lastError: 'boom' });

    await expect(retryJob(db, id, t0)).rejects.toMatchObject({ code: 'job_not_failed' });
    await expect(retryJob(db, 999_999, t0)).rejects.toMatchObject({ code: 'job_not_found' });
  });

  it('refuses to retry a singleton whose key is live again', async () => {
    const failed = await enqueue(db, syncJob, { customerId: 6 });
    await setState(failed.id, 'failed');
    const live = await enqueue(db, syncJob, { customerId: 6 });
    expect(live.created).toBe(true);
    const error = await retryJob(db, failed.id, t0).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({ code: 'singleton_busy' });
    expect((await getJob(db, failed.id))?.state).toBe('failed');
  });

  it('deletes finished jobs older than the retention, completed ones unless told', async () => {
    const ids: Record<string, number> = {};
    for (const [label, state, finished] of [
      ['oldDone', 'completed', -90_000],
      ['newDone', 'completed', -10],
      ['oldFailed', 'failed', -90_000],
      ['queued', 'queued', null],
    ] as const) {
      const { id } = await enqueue(db, noteJob, { text: label });
      ids[label] = id;
      const finishedAt = finished === null ? null : new Date(t0.getTime() + finished * 1000);
      await db.run(sql`UPDATE jobs SET state = ${state}, finished_at = ${finishedAt}::timestamptz WHERE id = ${id}`);
    }
    const dayBefore = new Date(t0.getTime() - 86_400_000);
    expect(await deleteFinishedJobs(db, dayBefore)).toBe(1);
    expect(await getJob(db, ids.oldDone ?? 0)).toBeUndefined();
    expect(await deleteFinishedJobs(db, dayBefore, ['completed', 'failed'])).toBe(1);
    const left = (await listJobs(db, { page: 1, pageSize: 10 })).items.map((item) => item.id).sort();
    expect(left).toEqual([ids.newDone, ids.queued].sort());
  });
});
