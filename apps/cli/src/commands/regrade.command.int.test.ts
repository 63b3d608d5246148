import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Database } from '@patron/db';
import { openTestDatabase, testDatabaseKinds } from '@patron/db/testing';
import { seedFixture } from '@patron/server/testing/fixture';
import type { CliIo } from '../cli-io';
import { runCommand } from '../main';

describe.each(testDatabaseKinds())('patron regrade on %s', (kind) => {
  let db: Database;
  let ids: Record<string, number>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ids = (await seedFixture(db)).customerIds;
    const bills = async (no: string, monthlyFen: number, from = '2026-01-01', to = '2026-06-01') =>
      db.run(sql`INSERT INTO bills (customer_id, month, amount_fen)
        SELECT ${ids[no]!}, m::date, ${monthlyFen} FROM generate_series(${from}::date, ${to}::date, interval '1 month') m`);
    await db.run(sql`UPDATE customers SET activated_on = '2020-05-01'`);
    await bills('C0000000001', 170_000); // gold → diamond
    await bills('C0000000002', 169_999); // silver → gold
    await bills('C0000000002', 900_000, '2025-12-01', '2025-12-01'); // the seventh month back does not count
    await bills('C0000000004', 200_000); // diamond, but only 5 months' tenure at the end of June → removed
    await db.run(sql`UPDATE customers SET activated_on = '2026-01-01' WHERE id = ${ids.C0000000004!}`);
    await bills('C0000000005', 15_000); // guest, suspended 4 months before the end of June → stays guest
    const line = await db.first<{ id: number }>(sql`INSERT INTO lines (line_no, customer_id, type) VALUES ('L5', ${ids.C0000000005!}, 'mobile') RETURNING id`);
    await db.run(sql`INSERT INTO suspensions (line_id, kind, suspended_at) VALUES (${line!.id}, 'arrears', '2026-02-28T10:00:00+08:00')`);
    // C0000000003 (guest) has no bills at all → removed
  });
  afterAll(() => db.close());

  async function patron(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), cwd: '.', inServer: false, database: async () => db };
    const code = await runCommand(argv, io);
    const last = stdout.trimEnd().split('\n').pop() ?? '';
    return { code, stdout, stderr, summary: last.startsWith('{') ? (JSON.parse(last) as Record<string, number>) : null };
  }

  const grades = async () =>
    Object.fromEntries(
      (await db.rows<{ no: string; grade: string; archive: string }>(sql`SELECT customer_no AS no, grade, archive FROM customers ORDER BY customer_no`)).map((r) => [
        r.no,
        `${r.grade}/${r.archive}`,
      ]),
    );

  it('--dry-run prints the summary last and changes nothing', async () => {
    const before = await grades();
    const run = await patron('regrade', '--month', '2026-06', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.summary).toEqual({ up: 2, down: 0, new: 0, removed: 2, unchanged: 1 });
    expect(await grades()).toEqual(before);
    expect(await db.first(sql`SELECT count(*)::int AS n FROM regrade_runs`)).toEqual({ n: 0 });
  });

  it('--apply applies at once, audited, and a re-run of the month changes nothing', async () => {
    const run = await patron('regrade', '--month', '2026-06', '--apply');
    expect(run.code).toBe(0);
    expect(run.summary).toEqual({ up: 2, down: 0, new: 0, removed: 2, unchanged: 1 });
    expect(await grades()).toEqual({
      C0000000001: 'diamond/in_network',
      C0000000002: 'gold/in_network',
      C0000000003: 'none/retained',
      C0000000004: 'none/retained',
      C0000000005: 'guest/in_network',
    });
    const validity = await db.first(sql`SELECT grade_valid_from AS "from", grade_valid_to AS "to" FROM customers WHERE id = ${ids.C0000000001!}`);
    // An off-cycle full run on June's bills: from July until the grade year ends on 31 January.
    expect(validity).toEqual({ from: '2026-07-01', to: '2027-01-31' });
    expect(run.stdout).toMatch(/5 credit profile\(s\) rated, benefits \+\d+ −0/);
    expect(await db.first(sql`SELECT retained_reason AS r FROM customers WHERE id = ${ids.C0000000003!}`)).toEqual({ r: 'demoted' });
    expect(await db.first(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'regrade.apply'`)).toEqual({ n: 1 });
    expect(await db.first(sql`SELECT count(*)::int AS n FROM sms_outbox`)).toEqual({ n: 4 });

    const again = await patron('regrade', '--month', '2026-06', '--apply');
    // The demoted stay graded (as none) so that they come back when their spend does.
    expect(again.summary).toEqual({ up: 0, down: 0, new: 0, removed: 0, unchanged: 5 });
    expect(again.stdout).toMatch(/0 credit profile\(s\) rated, benefits \+0 −0/);
    expect(await db.first(sql`SELECT count(*)::int AS n FROM sms_outbox`)).toEqual({ n: 4 });
  });

  it('without --apply stores a proposal for review', async () => {
    const run = await patron('regrade', '--month', '2026-06');
    expect(run.stdout).toMatch(/Proposal #\d+ for 2026-06 waits for district review/);
    expect(await db.first(sql`SELECT status FROM regrade_runs ORDER BY id DESC LIMIT 1`)).toEqual({ status: 'proposed' });
  });

  it.each([
    [['regrade', '--month', '2026-13'], /--month: "2026-13" is not a month/],
    [['regrade', '--month', '2026-06', '--dry-run', '--apply'], /exclude each other/],
  ])('%j is a usage error', async (argv, message) => {
    const run = await patron(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
