import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearCalendarCache, type Database } from '@patron/db';
import { openTestDatabase, testDatabaseKinds } from '@patron/db/testing';
import type { CliIo } from '../cli-io';
import { runCommand } from '../main';

const bin = new URL('../../bin/patron.mjs', import.meta.url).pathname;

function captureIo(db: Database, cwd = process.cwd()): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    cwd,
    inServer: false,
    database: async () => db,
  };
  return io;
}

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270206',
  'DTEND;VALUE=DATE:20270214',
  'SUMMARY:春节',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270220',
  'SUMMARY:春节(班)',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe.each(testDatabaseKinds())('patron calendar on %s', (kind) => {
  let db: Database;
  const dir = mkdtempSync(join(tmpdir(), 'patron-calendar-'));
  beforeAll(async () => {
    clearCalendarCache();
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]) {
    const io = captureIo(db, dir);
    const code = await runCommand(argv, io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  }

  it('calendar add prints the date alone on stdout', async () => {
    expect(await run('calendar', 'add', '2026-01-01', '3')).toEqual({ code: 0, stdout: '2026-01-06\n', stderr: '' });
    expect(await run('calendar', 'add', '2026-09-30', '4', '--calendar', 'CN')).toEqual({ code: 0, stdout: '2026-10-12\n', stderr: '' });
    expect((await run('calendar', 'count', '2026-02-13', '2026-02-28')).stdout).toBe('6\n');
  });

  it('warns on stderr, not stdout, when a year has no published schedule', async () => {
    const result = await run('calendar', 'add', '2027-03-01', '1');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('2027-03-02\n');
    expect(result.stderr).toMatch(/no published holiday schedule/);
  });

  it('calendar show draws the month with holidays, make-up days and a legend', async () => {
    const result = await run('calendar', 'show', '2026-10');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('2026-10  CN 中国大陆法定节假日');
    expect(lines[1]).toBe('  Mon   Tue   Wed   Thu   Fri   Sat   Sun');
    expect(lines[2]).toBe('                     1H    2H    3H    4H');
    expect(lines[3]).toBe('   5H    6H    7H    8     9    10W  [11]');
    expect(result.stdout).toContain('国庆节');
    expect(result.stdout).toContain('2026-10-01 Thu  H  国庆节');
    expect(result.stdout).toContain('2026-10-10 Sat  W  国庆节 调休上班');
    expect(result.stdout).toContain('18 working days');
    const february = await run('calendar', 'show', '2026-02');
    expect(february.stdout).toContain('2026-02-14 Sat  W  春节 调休上班');
    expect(february.stdout).toContain('2026-02-17 Tue  H  春节');
  });

  it('calendar import-ics previews, imports, and the answers change', async () => {
    const file = join(dir, 'cn-2027.ics');
    writeFileSync(file, ICS);
    const preview = await run('calendar', 'import-ics', 'cn-2027.ics', '--dry-run', '--publish');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('CN: 9 dates in 2027 (add 9, change 0, same 0, remove 0)');
    expect(preview.stdout).toContain('Dry run: nothing changed; would declare 2027 complete');
    expect((await run('calendar', 'add', '2027-02-05', '1')).stdout).toBe('2027-02-08\n');

    const imported = await run('calendar', 'import-ics', file, '--publish');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Imported: 9 written, 0 removed, 2027 declared complete; calendar CN at version 2/);
    expect(await run('calendar', 'add', '2027-02-05', '1')).toEqual({ code: 0, stdout: '2027-02-15\n', stderr: '' });
    expect((await run('calendar', 'show', '2027-02')).stdout).toContain('2027-02-20 Sat  W  春节 调休上班');
  });

  it.each([
    [['calendar', 'add', '2026-02-30', '3'], /FROM: "2026-02-30" is not a real date/],
    [['calendar', 'add', '2026-01-01', 'abc'], /N: "abc" is not a whole number/],
    [['calendar', 'add', '2026-01-01', '3651'], /from 0 to 3650/],
    [['calendar', 'add', '2026-01-01', '-1'], /N: "-1" is not a whole number/],
    [['calendar', 'add', '2026-01-01'], /missing required argument 'n'/],
    [['calendar', 'add', '2026-01-01', '3', '--calendar', 'MARS'], /No calendar "MARS"/],
    [['calendar', 'show', '2026-13'], /MONTH: "2026-13" is not a month/],
    [['calendar', 'show'], /missing required argument 'month'/],
    [['calendar', 'import-ics', 'missing.ics'], /Cannot read/],
    [['calendar', 'import-ics', 'cn-2027.ics', '--calendar', 'MARS'], /No calendar MARS/],
  ])('%j fails with a message and a non-zero exit', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('refuses an ICS file with bad events unless told to skip them', async () => {
    writeFileSync(join(dir, 'bad.ics'), ICS.replace('20270220', '20270231'));
    const refused = await run('calendar', 'import-ics', 'bad.ics');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/line 9: VEVENT\[1\]\.DTSTART ics\.invalid_date/);
    expect(refused.stderr).toMatch(/Nothing changed/);
  });
});

describe('patron calendar as a command', () => {
  it('prints exactly the date from the binary, even on a database not yet migrated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'patron-calendar-bin-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PATRON_DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'calendar', 'add', '2026-01-01', '3'], { env });
      expect(stdout).toBe('2026-01-06\n');
      expect(stderr).toMatch(/not migrated/);
      await expect(promisify(execFile)(process.execPath, [bin, 'calendar', 'add', 'tomorrow', '3'], { env })).rejects.toMatchObject({ code: 2 });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
