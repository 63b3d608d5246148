import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import type { BulkSession } from './bulk-transaction';
import { copyLine, copyLineNumbered, type CopyValue } from './copy-text';
import { ERROR_COLUMNS, ERRORS_TABLE, STAGING_TABLE, type ImportTarget } from './import-target';

/** About 4 MB of COPY text per round trip: big enough to amortise it, small enough to keep memory flat. */
const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;

/** A row-level problem, reported with the file's line number and a canonical column name. */
export interface StagedError {
  line: number;
  column: string;
  code: string;
  message: string;
}

/**
 * COPY text written straight into a byte buffer. Appending a million short lines to a JS string
 * builds a rope that survives until it is sent, so the garbage collector copies it into the old
 * generation and marks it again and again; the lines written here die young.
 */
class CopyBatch {
  private bytes: Buffer;
  private length = 0;

  constructor(private readonly capacity: number) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  get size(): number {
    return this.length;
  }

  /** Appends a line; false when it may not fit (UTF-8 takes at most 3 bytes per UTF-16 unit) and the batch has data. */
  append(line: string): boolean {
    const worst = line.length * 3;
    if (this.length + worst > this.bytes.length) {
      if (this.length > 0) return false;
      this.bytes = Buffer.allocUnsafe(Math.max(this.capacity, worst));
    }
    this.length += this.bytes.write(line, this.length);
    return true;
  }

  /** The bytes written so far; the batch starts over with a fresh buffer (the old one may still be in flight). */
  take(): Buffer {
    const taken = this.bytes.subarray(0, this.length);
    this.bytes = Buffer.allocUnsafe(this.capacity);
    this.length = 0;
    return taken;
  }
}

/** A filled batch waiting to be sent. */
interface ReadyBatch {
  table: string;
  columns: readonly string[];
  bytes: Buffer;
}

/**
 * Buffers rows as COPY text and loads them into the staging table in batches. One batch is in flight
 * while the caller parses the next, so on PostgreSQL parsing (this process) and loading (the
 * server's) overlap; memory holds at most a few batches whatever the file's size.
 */
export class ImportStager {
  private readonly rows: CopyBatch;
  private readonly errors: CopyBatch;
  private readonly rowColumns: string[];
  private ready: ReadyBatch[] = [];
  private inflight: Promise<unknown> = Promise.resolve();
  stagedRows = 0;
  rejectedRows = 0;

  constructor(
    private readonly session: BulkSession,
    target: ImportTarget,
    batchBytes = DEFAULT_BATCH_BYTES,
  ) {
    this.rowColumns = ['line', ...target.stagingColumns.map((column) => column.name)];
    this.rows = new CopyBatch(batchBytes);
    this.errors = new CopyBatch(batchBytes);
  }

  /** Values in the target's staging-column order, after the line number. Call sendIfFull now and then. */
  stage(line: number, values: readonly CopyValue[]): void {
    this.append(this.rows, STAGING_TABLE, this.rowColumns, copyLineNumbered(line, values));
    this.stagedRows += 1;
  }

  reject(errors: readonly StagedError[]): void {
    for (const error of errors) {
      this.append(this.errors, ERRORS_TABLE, ERROR_COLUMNS, copyLine([error.line, error.column, error.code, error.message]));
    }
    this.rejectedRows += 1;
  }

  /** Sends the batches that filled up; waits only for the send before it. */
  async sendIfFull(): Promise<void> {
    if (this.ready.length > 0) await this.send();
  }

  /** Sends what is buffered and waits for every batch to be loaded. */
  async finish(): Promise<void> {
    this.markReady(this.rows, STAGING_TABLE, this.rowColumns);
    this.markReady(this.errors, ERRORS_TABLE, ERROR_COLUMNS);
    await this.send();
    await this.inflight;
  }

  private append(batch: CopyBatch, table: string, columns: readonly string[], line: string): void {
    if (batch.append(line)) return;
    this.markReady(batch, table, columns);
    batch.append(line);
  }

  private markReady(batch: CopyBatch, table: string, columns: readonly string[]): void {
    if (batch.size > 0) this.ready.push({ table, columns, bytes: batch.take() });
  }

  private async send(): Promise<void> {
    // Wait for the previous send first: at most one in flight, and its failure surfaces here.
    await this.inflight;
    const ready = this.ready;
    this.ready = [];
    const all = Promise.all(ready.map(({ table, columns, bytes }) => this.session.copyIn(table, columns, bytes)));
    // Observed now so a failure is never an unhandled rejection; rethrown by the next await.
    all.catch(() => undefined);
    this.inflight = all;
  }
}

/** The row-level problems found so far, in file order, a page at a time (keyset on line). */
export async function* readImportErrors(tx: Executor, pageSize = 5000): AsyncGenerator<StagedError> {
  let after = 0;
  for (;;) {
    // Whole lines per page, so one line's errors never straddle two pages.
    const page = await tx.rows<StagedError>(sql`
      SELECT line, col AS "column", code, message FROM import_errors
      WHERE line IN (SELECT DISTINCT line FROM import_errors WHERE line > ${after} ORDER BY line LIMIT ${pageSize})
      ORDER BY line, col, message`);
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1]!.line;
  }
}

export async function countImportErrors(tx: Executor): Promise<{ rejectedRows: number; errors: number }> {
  const row = await tx.first<{ rejectedRows: number; errors: number }>(
    sql`SELECT count(DISTINCT line)::int AS "rejectedRows", count(*)::int AS errors FROM import_errors`,
  );
  return { rejectedRows: row?.rejectedRows ?? 0, errors: row?.errors ?? 0 };
}
