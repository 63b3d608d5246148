import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { recordImportCommitProgress, startImportCommit } from '@patron/db/import/index';
import { testDatabaseKinds } from '@patron/db/testing';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import type { App } from '../../context';
import { importFileCleanupJob } from '../../jobs/import-file-cleanup.job';
import { startTestApp, type TestApp } from '../../testing/test-app';

/**
 * Two app nodes on one database, as behind a load balancer: node A takes the upload, node B
 * previews, commits, reports progress and serves the rejects. Each node gets a temporary folder
 * of its own, and node A's is wiped after the upload, as on another machine.
 */
describe.each(testDatabaseKinds())('imports across app nodes on %s', (kind) => {
  let t: TestApp;
  let nodeB: App;
  let token: string;
  const folders = { a: '', b: '' };
  const previousTmp = process.env.TMPDIR;
  const restoreTmp = () => {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    nodeB = await buildApp({ db: t.db, config: loadConfig({ PATRON_DATA_DIR: '/nonexistent', PATRON_JOBS: '0' }), now: () => t.clock.now, version: 'test' });
    await nodeB.ready();
    token = await t.login('dm_a');
    folders.a = mkdtempSync(join(tmpdir(), 'node-a-'));
    folders.b = mkdtempSync(join(tmpdir(), 'node-b-'));
  });
  afterAll(async () => {
    restoreTmp();
    rmSync(folders.a, { recursive: true, force: true });
    rmSync(folders.b, { recursive: true, force: true });
    await nodeB.close();
    await t.close();
  });

  /** Runs a request on a node with that node's temporary folder. */
  async function on<T>(node: 'a' | 'b', request: (app: App) => Promise<T>): Promise<T> {
    process.env.TMPDIR = folders[node];
    try {
      return await request(node === 'a' ? t.app : nodeB);
    } finally {
      restoreTmp();
    }
  }
  const auth = () => ({ authorization: `Bearer ${token}` });
  const uploadOnA = (csv: string, query = 'mode=partial') =>
    on('a', (app) =>
      app.inject({ method: 'POST', url: `/api/v1/imports/bills?${query}`, headers: { ...auth(), 'content-type': 'text/csv', 'x-file-name': 'bills.csv' }, payload: csv }),
    );
  const wipeNodeA = () => {
    for (const name of readdirSync(folders.a)) rmSync(join(folders.a, name), { recursive: true, force: true });
  };

  it('commits on node B what node A validated, and serves the rejects there', async () => {
    const csv = ['customer_no,month,amount', 'C0000000001,2026-08,12.5', 'C0000000002,2026-08,-3'].join('\n');
    const validated = await uploadOnA(csv);
    expect(validated.statusCode).toBe(200);
    const { id } = validated.json<{ id: number }>();
    expect(readdirSync(folders.a)).toEqual([]);
    wipeNodeA();

    const preview = await on('b', (app) => app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: auth() }));
    expect(preview.json()).toMatchObject({ status: 'validated', totalRows: 2, rejected: 1, progress: null });
    const committed = await on('b', (app) => app.inject({ method: 'POST', url: `/api/v1/imports/${id}/commit`, headers: auth() }));
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(await t.db.first(sql`SELECT amount_fen FROM bills b JOIN customers c ON c.id = b.customer_id WHERE c.customer_no = 'C0000000001' AND b.month = '2026-08-01'`)).toEqual({ amount_fen: 1250 });

    const rejects = await on('a', (app) => app.inject({ method: 'GET', url: `/api/v1/imports/${id}/rejects`, headers: auth() }));
    expect(rejects.statusCode).toBe(200);
    expect(rejects.body.split('\r\n')).toEqual(['\uFEFFcustomer_no,month,amount,error', "C0000000002,2026-08,'-3,\"amount: amounts cannot be negative, got -3\"", '']);
    expect(readdirSync(folders.a)).toEqual([]);
    expect(readdirSync(folders.b)).toEqual([]);
  });

  it('reports a commit running on another node from the database, and lets a stalled one be taken over', async () => {
    const validated = (await uploadOnA(['customer_no,month,amount', 'C0000000001,2026-07,8'].join('\n'))).json<{ id: number }>();
    // Node A is committing and has read 10,000 rows (its heartbeat), as the engine reports.
    expect(await startImportCommit(t.db, validated.id, t.clock.now)).toBe(true);
    await recordImportCommitProgress(t.db, validated.id, 10_000, t.clock.now);

    const running = await on('b', (app) => app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}`, headers: auth() }));
    expect(running.json()).toMatchObject({ status: 'validated', progress: { phase: 'committing', rows: 10_000 } });
    const twice = await on('b', (app) => app.inject({ method: 'POST', url: `/api/v1/imports/${validated.id}/commit`, headers: auth() }));
    expect(twice.statusCode).toBe(409);

    // Node A died: ten minutes without a heartbeat, and node B may commit the run.
    t.clock.now = new Date(t.clock.now.getTime() + 11 * 60_000);
    const taken = await on('b', (app) => app.inject({ method: 'POST', url: `/api/v1/imports/${validated.id}/commit`, headers: auth() }));
    expect(taken.statusCode, taken.body).toBe(200);
    const done = await on('a', (app) => app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}`, headers: auth() }));
    expect(done.json()).toMatchObject({ status: 'committed', inserted: 1, progress: null });
  });

  it('keeps an upload for a day; then commit and rejects answer 410 and the cleanup job removes it', async () => {
    const validated = (await uploadOnA(['customer_no,month,amount', 'C0000000001,2026-06,8'].join('\n'))).json<{ id: number }>();
    const kept = sql`SELECT count(*)::int AS n FROM import_files WHERE run_id = ${validated.id}`;
    expect(await t.db.first(kept)).toEqual({ n: 1 });
    t.clock.now = new Date(t.clock.now.getTime() + 25 * 3600_000);
    token = await t.login('dm_a'); // the session expired too
    const commit = await on('b', (app) => app.inject({ method: 'POST', url: `/api/v1/imports/${validated.id}/commit`, headers: auth() }));
    expect(commit.statusCode).toBe(410);
    expect(commit.json().error.code).toBe('import.file_gone');
    expect((await on('b', (app) => app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/rejects`, headers: auth() }))).statusCode).toBe(410);

    const logged: unknown[] = [];
    const logger = { info: (fields: unknown) => logged.push(fields), warn() {}, error() {} };
    await importFileCleanupJob.handler({}, { db: t.db, now: t.clock.now, logger, jobId: 0, attempt: 1, scheduledFor: null });
    expect(await t.db.first(kept)).toEqual({ n: 0 });
    expect(logged).toContainEqual({ runs: expect.any(Number) });
  });
});
