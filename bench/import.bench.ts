/**
 * Bills import through Patron's import path (CSV → parse and validate → COPY into staging → set-based
 * checks → one upsert, recorded and audited) next to a raw COPY of the same rows into a table identical
 * to `bills` (same columns, primary key, foreign key and checks), measured in the same run.
 *   npm run bench -- import [--rows 1000000] [--customers 100000] [--pglite-rows 100000] [--no-pglite]
 * PostgreSQL: TEST_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), a fresh database.
 * PGlite runs with fewer rows by default (--pglite-rows): it is single-threaded and in-process.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Database } from '@patron/db';
import { withBulkTransaction } from '@patron/db/import/index';
import { openTestDatabase } from '@patron/db/testing';
import { importFile, resolveImportActor } from '@patron/server/modules/imports/import.service';
import { peakRssMb, report } from './support/load';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const rows = option('rows', 1_000_000);
const customers = option('customers', 100_000);
const pgliteRows = option('pglite-rows', 100_000);
const withPglite = !process.argv.includes('--no-pglite');
process.env.TEST_DATABASE_URL ??= 'postgres://root@127.0.0.1:5432/test';

const work = mkdtempSync(join(tmpdir(), 'patron-bench-import-'));

const customerNo = (index: number) => `B${String(index + 1).padStart(9, '0')}`;
const monthOf = (index: number, perMonth: number) => {
  const offset = Math.floor(index / perMonth);
  return `${2020 + Math.floor(offset / 12)}-${String((offset % 12) + 1).padStart(2, '0')}`;
};
// Deterministic amounts with 0, 1 and 2 decimals; two bills in three paid in full.
const amountFen = (index: number) => 1000 + ((index * 7919) % 5_000_000);
const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** Streams `count` bills for `customerCount` customers to a file: the CSV Patron imports, or the baseline's COPY text. */
async function writeBills(path: string, count: number, customerCount: number, shape: 'csv' | { firstId: number }): Promise<void> {
  const out = createWriteStream(path);
  let chunk = shape === 'csv' ? 'customer_no,month,amount,paid_amount,paid_on\n' : '';
  for (let i = 0; i < count; i += 1) {
    const customer = i % customerCount;
    const month = monthOf(i, customerCount);
    const fen = amountFen(i);
    const paid = i % 3 === 0 ? 0 : fen;
    const paidOn = paid > 0 ? `${month}-15` : '';
    chunk +=
      shape === 'csv'
        ? `${customerNo(customer)},${month},${yuan(fen)},${yuan(paid)},${paidOn}\n`
        : `${shape.firstId + customer}\t${month}-01\t${fen}\t${paid}\t${paidOn || '\\N'}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
}

async function createCustomers(db: Database, count: number): Promise<number> {
  await db.run(sql`INSERT INTO customers (customer_no, kind, name, name_pinyin, name_initials, org_unit_id)
    SELECT 'B' || lpad(g::text, 9, '0'), 'group', 'Bench ' || g, 'bench' || g, 'b' || g, (SELECT id FROM org_units WHERE code = 'HQ')
    FROM generate_series(1, ${count}) g`);
  const range = await db.first<{ first: number; last: number }>(
    sql`SELECT min(id) AS first, max(id) AS last FROM customers WHERE customer_no LIKE 'B%'`,
  );
  if (!range || range.last - range.first + 1 !== count) throw new Error('customer ids are not contiguous');
  return range.first;
}

/** COPY of a prepared COPY-text file, in 4 MB chunks cut at line ends, in one transaction. */
async function rawCopy(db: Database, table: string, columns: string[], path: string): Promise<number> {
  return withBulkTransaction(db, async (session) => {
    let loaded = 0;
    let carry = '';
    for await (const piece of createReadStream(path, { encoding: 'utf8', highWaterMark: 4 << 20 }) as AsyncIterable<string>) {
      const text = carry + piece;
      const cut = text.lastIndexOf('\n') + 1;
      carry = text.slice(cut);
      if (cut > 0) loaded += await session.copyIn(table, columns, text.slice(0, cut));
    }
    if (carry) loaded += await session.copyIn(table, columns, `${carry}\n`);
    return { value: loaded, commit: true };
  });
}

async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function run(label: string, db: Database, rowCount: number, customerCount: number): Promise<void> {
  const csv = join(work, `${label}-bills.csv`);
  const copyText = join(work, `${label}-bills.copy`);
  const firstId = await createCustomers(db, customerCount);
  await writeBills(csv, rowCount, customerCount, 'csv');
  await writeBills(copyText, rowCount, customerCount, { firstId });
  await db.exec(`
    CREATE TABLE bench_bills_copy (LIKE bills INCLUDING ALL);
    ALTER TABLE bench_bills_copy ADD FOREIGN KEY (customer_id) REFERENCES customers (id);
    CREATE TABLE bench_bills_heap (customer_id bigint, month date, amount_fen bigint, paid_fen bigint, paid_on date);
    ANALYZE customers;`);
  const actor = await resolveImportActor(db, undefined);
  const columns = ['customer_id', 'month', 'amount_fen', 'paid_fen', 'paid_on'];

  const baseline = await measure(() => rawCopy(db, 'bench_bills_copy', columns, copyText));
  const heap = await measure(() => rawCopy(db, 'bench_bills_heap', columns, copyText));
  const first = await measure(() => importFile(db, { kind: 'bills', path: csv, mode: 'all_or_nothing', dryRun: false, actor, now: new Date() }));
  const again = await measure(() => importFile(db, { kind: 'bills', path: csv, mode: 'all_or_nothing', dryRun: false, actor, now: new Date() }));

  const { outcome } = first.value;
  if (baseline.value !== rowCount || outcome.inserted !== rowCount || again.value.outcome.unchanged !== rowCount) {
    throw new Error(`counts do not add up: copy ${baseline.value}, inserted ${outcome.inserted}, unchanged ${again.value.outcome.unchanged}`);
  }
  const perSecond = (seconds: number) => rowCount / seconds;
  console.log(`${label}: ${rowCount} bills for ${customerCount} customers`);
  report(`  raw COPY into a table identical to bills`, { rowsPerSec: perSecond(baseline.seconds), seconds: baseline.seconds });
  report(`  raw COPY into a bare heap (no keys)`, { rowsPerSec: perSecond(heap.seconds), seconds: heap.seconds });
  report(`  patron import (new rows)`, { rowsPerSec: perSecond(first.seconds), seconds: first.seconds, inserted: outcome.inserted });
  report(`  patron re-import (all unchanged)`, { rowsPerSec: perSecond(again.seconds), seconds: again.seconds, unchanged: again.value.outcome.unchanged });
  report(`  ratio`, {
    'import/copy (target >= 0.5)': baseline.seconds / first.seconds,
    'reimport/copy': baseline.seconds / again.seconds,
    'import/heap-copy': heap.seconds / first.seconds,
    peakRssMb: peakRssMb(),
  });
}

try {
  const postgres = await openTestDatabase('postgresql');
  try {
    await run('postgresql', postgres, rows, customers);
  } finally {
    await postgres.close();
  }
  if (withPglite) {
    const pglite = await openTestDatabase('pglite');
    try {
      await run('pglite', pglite, pgliteRows, Math.max(1, Math.round((customers * pgliteRows) / rows)));
    } finally {
      await pglite.close();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
