import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findApiTokenByName, findUserByUsername, type Database } from '@patron/db';
import { openTestDatabase, testDatabaseKinds } from '@patron/db/testing';
import type { CliIo } from './cli-io';
import { runCommand } from './main';

const bin = new URL('../bin/patron.mjs', import.meta.url).pathname;

function captureIo(db: Database): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    cwd: process.cwd(),
    inServer: false,
    database: async () => db,
  };
  return io;
}

describe.each(testDatabaseKinds())('patron commands on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it('token create prints the token alone on stdout', async () => {
    const io = captureIo(db);
    const code = await runCommand(['token', 'create', '--name', 'bss-feed', '--role', 'integration'], io);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/^pat_[A-Za-z0-9_-]{43}\n$/);
    expect(await findApiTokenByName(db, 'bss-feed')).toMatchObject({ role: 'integration', orgUnitCode: 'HQ' });
  });

  it('user create makes a user that holds the role', async () => {
    const io = captureIo(db);
    const code = await runCommand(['user', 'create', '--username', 'cli_am', '--role', 'account_manager', '--org', 'HQ', '--password', 'Cli#2026pass'], io);
    expect(code).toBe(0);
    expect((await findUserByUsername(db, 'cli_am'))?.roles).toEqual(['account_manager']);
  });

  it.each([
    [['token', 'create', '--name', 'x1', '--role', 'wizard'], /Unknown role: wizard/],
    [['token', 'create', '--role', 'integration'], /required option '--name <name>'/],
    [['user', 'create', '--username', 'u1', '--role', 'analyst', '--org', 'NOPE', '--password', 'Long#enough1'], /No org unit NOPE/],
    [['user', 'reset-password', 'ghost', '--password', 'Long#enough1'], /No user ghost/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j fails with a message and a non-zero exit', async (argv, message) => {
    const io = captureIo(db);
    const code = await runCommand(argv, io);
    expect(code).not.toBe(0);
    expect(io.stderr).toMatch(message);
  });

  it('lists its commands in --help', async () => {
    const io = captureIo(db);
    expect(await runCommand(['--help'], io)).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'user', 'token', 'backup', 'restore']) expect(io.stdout).toContain(command);
  });
});

describe('patron against a running embedded server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'patron-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PATRON_DATA_DIR: dataDir, PATRON_DEMO: '0', PATRON_ADMIN_PASSWORD: 'Admin#2026cli', PORT: '0', PATRON_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const patron = (...args: string[]) => promisify(execFile)(process.execPath, [bin, ...args], { env });
  let server: ChildProcess;

  beforeAll(async () => {
    server = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('listening on') && resolve());
      server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
  }, 120_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs commands through the server while it runs, and directly once it has stopped', async () => {
    const live = await patron('token', 'create', '--name', 'while-running', '--role', 'integration');
    expect(live.stdout).toMatch(/^pat_\S+\n$/);

    const backupFile = join(dataDir, '..', `${join(dataDir).split('/').pop()}-backup.tar.gz`);
    const backup = await patron('backup', '--output', backupFile);
    expect(backup.stdout.trim()).toBe(backupFile);

    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));

    const stopped = await patron('token', 'create', '--name', 'after-stop', '--role', 'integration');
    expect(stopped.stdout).toMatch(/^pat_\S+\n$/);

    await expect(patron('restore', backupFile)).rejects.toMatchObject({ stderr: expect.stringMatching(/not empty; pass --force/) });
    const restored = await patron('restore', backupFile, '--force');
    expect(restored.stdout).toContain('Restored into');
    // The backup was taken before 'after-stop' existed: revoking it now finds nothing.
    await expect(patron('token', 'revoke', 'after-stop')).rejects.toMatchObject({ stderr: expect.stringMatching(/No API token after-stop/) });
    expect((await patron('token', 'revoke', 'while-running')).stdout).toContain('Revoked');
    rmSync(backupFile, { force: true });
  }, 120_000);
});
