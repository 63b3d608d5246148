import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import type { BulkSession } from './bulk-transaction';
import { copyLine, copyLineNumbered, type CopyValue } from './copy-text';
import { ERROR_COLUMNS, ERRORS_TABLE, STAGING_TABLE, type ImportTarget } from './import-target';

/** About 4 MB of COPY text per round trip: big enough to amortise it, small enough to keep memory flat. */
const DEFAULT_BATCH_CHARS = 4 * 1024 * 1024;

/** A row-level problem, reported with the file's line number and a canonical column name. */
export interface StagedError {
  line: number;
  column: string;
  code: string;
  message: string;
}

/**
 * Buffers rows as COPY text and loads them into the staging table in batches. One batch is in flight
 * while the caller parses the next, so on PostgreSQL parsing (this process) and loading (the
 * server's) overlap; memory holds at most two batches whatever the file's size.
 */
export class ImportStager {
  private rows = '';
  private errors = '';
  private inflight: Promise<unknown> = Promise.resolve();
  private readonly columns: string[];
  stagedRows = 0;
  rejectedRows = 0;

  constructor(
    private readonly session: BulkSession,
    target: ImportTarget,
    private readonly batchChars = DEFAULT_BATCH_CHARS,
  ) {
    this.columns = ['line', ...target.stagingColumns.map((column) => column.name)];
  }

  /** Values in the target's staging-column order, after the line number. Call sendIfFull now and then. */
  stage(line: number, values: readonly CopyValue[]): void {
    this.rows += copyLineNumbered(line, values);
    this.stagedRows += 1;
  }

  reject(errors: readonly StagedError[]): void {
    for (const error of errors) this.errors += copyLine([error.line, error.column, error.code, error.message]);
    this.rejectedRows += 1;
  }

  /** Sends a batch when enough is buffered; waits only for the batch before it. */
  async sendIfFull(): Promise<void> {
    if (this.rows.length >= this.batchChars || this.errors.length >= this.batchChars) await this.send();
  }

  /** Sends what is buffered and waits for every batch to be loaded. */
  async finish(): Promise<void> {
    await this.send();
    await this.inflight;
  }

  private async send(): Promise<void> {
    // Wait for the previous batch first: at most one in flight, and its failure surfaces here.
    await this.inflight;
    const rows = this.rows;
    const errors = this.errors;
    this.rows = '';
    this.errors = '';
    const loads: Promise<number>[] = [];
    if (rows) loads.push(this.session.copyIn(STAGING_TABLE, this.columns, rows));
    if (errors) loads.push(this.session.copyIn(ERRORS_TABLE, ERROR_COLUMNS, errors));
    const all = Promise.all(loads);
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
