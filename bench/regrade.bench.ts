/**
 * A full re-grade proposal plus the month's points accrual over N customers with 12 months of bills
 * each (default 1,000,000) on PostgreSQL, next to one hand-written set-based statement computing the
 * same grades, measured in the same run on the same data. Peak memory is printed after a first pass at
 * a tenth of the size: the work happens in the database, so it must not grow with the customer count.
 *   npm run bench -- regrade [--customers 1000000]
 * PostgreSQL: TEST_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), a fresh database.
 */
import { accruePoints, planRegrade, proposeRegrade, sql, tuneBatchTransaction, type Database, type Executor } from '@patron/db';
import { openTestDatabase } from '@patron/db/testing';
import { peakRssMb, report } from './support/load';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const customers = option('customers', 1_000_000);
process.env.TEST_DATABASE_URL ??= 'postgres://root@127.0.0.1:5432/test';

/** Customers spread over 20 districts, spend from ¥0 to ¥2,500 a month, some short tenures and arrears suspensions. */
async function generate(db: Database, count: number): Promise<void> {
  await db.exec(`
    INSERT INTO org_units (code, name, kind, parent_id, path) SELECT 'BP', 'Bench', 'province', id, '/HQ/BP/' FROM org_units WHERE code = 'HQ';
    INSERT INTO org_units (code, name, kind, parent_id, path) SELECT 'BP-1', 'Bench city', 'city', id, '/HQ/BP/BP-1/' FROM org_units WHERE code = 'BP';
    INSERT INTO org_units (code, name, kind, parent_id, path)
      SELECT 'BP-1-' || d, 'District ' || d, 'district', id, '/HQ/BP/BP-1/BP-1-' || d || '/' FROM org_units, generate_series(1, 20) d WHERE code = 'BP-1';`);
  await db.run(sql`
    INSERT INTO customers (customer_no, kind, name, org_unit_id, grade, star, activated_on)
    SELECT 'R' || lpad(g::text, 9, '0'), 'individual', 'Bench ' || g, o.id,
      (ARRAY['none', 'guest', 'silver', 'gold', 'diamond'])[1 + (g * 7) % 5], (g * 3) % 6,
      DATE '2026-06-30' - ((g * 37) % 3650)
    FROM generate_series(1, ${count}) g JOIN org_units o ON o.code = 'BP-1-' || (1 + g % 20)`);
  await db.run(sql`
    INSERT INTO bills (customer_id, month, amount_fen, gifted_fen)
    SELECT c.id, m::date, (c.id * 7919 + extract(month FROM m)::int * 104729) % 250000, CASE WHEN c.id % 10 = 0 THEN 1000 ELSE 0 END
    FROM customers c, generate_series(DATE '2025-07-01', DATE '2026-06-01', interval '1 month') m`);
  await db.run(sql`INSERT INTO lines (line_no, customer_id, type) SELECT 'RL' || id, id, 'mobile' FROM customers WHERE id % 50 = 0`);
  await db.run(sql`
    INSERT INTO suspensions (line_id, kind, suspended_at)
    SELECT id, 'arrears', TIMESTAMPTZ '2026-01-01 10:00+08' + (id % 180) * interval '1 day' FROM lines WHERE line_no LIKE 'RL%'`);
  await db.exec('ANALYZE');
}

/** The baseline: the default rules written out by hand as one statement, under the batch's session settings. */
async function baseline(tx: Executor) {
  await tuneBatchTransaction(tx);
  return tx.rows<{ grade: string; n: number }>(sql`
    SELECT grade, count(*)::int AS n FROM (
      SELECT CASE
        WHEN c.activated_on IS NULL OR c.activated_on > DATE '2025-12-30' THEN 'none'
        WHEN EXISTS (SELECT 1 FROM suspensions s JOIN lines l ON l.id = s.line_id WHERE l.customer_id = c.id AND s.kind = 'arrears'
          AND (s.suspended_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN DATE '2026-03-30' AND DATE '2026-06-30') THEN 'none'
        WHEN b.total >= 170000 * 6 THEN 'diamond' WHEN b.total >= 70000 * 6 THEN 'gold'
        WHEN b.total >= 30000 * 6 THEN 'silver' WHEN b.total >= 15000 * 6 THEN 'guest' ELSE 'none' END AS grade
      FROM customers c LEFT JOIN (
        SELECT customer_id, sum(amount_fen) AS total FROM bills WHERE month BETWEEN DATE '2026-01-01' AND DATE '2026-06-01' GROUP BY customer_id
      ) b ON b.customer_id = c.id
    ) x GROUP BY grade ORDER BY grade`);
}

/** The baseline and a full re-grade proposal for June 2026, timed, checked to agree on every grade. */
async function measureProposal(db: Database) {
  let t0 = performance.now();
  const expected = await db.transaction(baseline);
  const baselineSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const run = await db.transaction(async (tx) => proposeRegrade(tx, await planRegrade(tx, '2026-06', 'full'), 'bench'));
  const proposalSeconds = (performance.now() - t0) / 1000;
  const proposed = await db.rows<{ grade: string; n: number }>(sql`
    SELECT COALESCE(i.to_grade, c.grade) AS grade, count(*)::int AS n
    FROM customers c LEFT JOIN regrade_items i ON i.customer_id = c.id AND i.run_id = ${run.id} GROUP BY 1 ORDER BY 1`);
  if (JSON.stringify(proposed) !== JSON.stringify(expected)) throw new Error(`grades differ: ${JSON.stringify(proposed)} vs ${JSON.stringify(expected)}`);
  const moved = run.summary.up + run.summary.down + run.summary.new + run.summary.removed;
  return { run, baselineSeconds, proposalSeconds, moved };
}

/**
 * Two cases on the same customers. Worst case: every starting grade and star is arbitrary, so nearly
 * every customer moves and is a proposal row. A year's drift: the grades the first proposal computed
 * are taken as last year's, then a seventh of the customers spend half as much again this year, so
 * the proposal writes the moves a yearly re-grade typically writes.
 */
async function pass(count: number): Promise<void> {
  const db = await openTestDatabase('postgresql');
  try {
    let t0 = performance.now();
    await generate(db, count);
    report(`generate ${count} customers`, { seconds: (performance.now() - t0) / 1000 });

    const worst = await measureProposal(db);
    t0 = performance.now();
    const accrual = await db.transaction((tx) => accruePoints(tx, '2026-06', 'bench'));
    const accrualSeconds = (performance.now() - t0) / 1000;
    report(`regrade ${count}, worst case`, {
      baselineSeconds: worst.baselineSeconds,
      proposalSeconds: worst.proposalSeconds,
      accrualSeconds,
      totalSeconds: worst.proposalSeconds + accrualSeconds,
      proposalRatio: worst.proposalSeconds / worst.baselineSeconds,
      moved: worst.moved,
      accrued: accrual.entries,
      peakRssMb: peakRssMb(),
    });

    await db.run(sql`
      UPDATE customers c SET grade = i.to_grade, star = i.to_star FROM regrade_items i WHERE i.run_id = ${worst.run.id} AND i.customer_id = c.id`);
    await db.run(sql`UPDATE bills SET amount_fen = amount_fen * 3 / 2 WHERE customer_id % 7 = 0 AND month >= DATE '2026-01-01'`);
    await db.exec('VACUUM ANALYZE');
    const drift = await measureProposal(db);
    report(`regrade ${count}, a year's drift`, {
      baselineSeconds: drift.baselineSeconds,
      proposalSeconds: drift.proposalSeconds,
      accrualSeconds,
      totalSeconds: drift.proposalSeconds + accrualSeconds,
      proposalRatio: drift.proposalSeconds / drift.baselineSeconds,
      moved: drift.moved,
      peakRssMb: peakRssMb(),
    });
  } finally {
    await db.close();
  }
}

await pass(Math.max(1, Math.floor(customers / 10)));
await pass(customers);
