import type { Database, Executor } from '@patron/db';
import {
  addDuplicateErrors,
  countImportErrors,
  createImportTables,
  IMPORT_TARGETS,
  ImportStager,
  readImportErrors,
  withBulkTransaction,
  type ImportActor,
  type ImportKind,
  type ImportMode,
  type ImportRowError,
  type StagedError,
} from '@patron/db/import/index';
import { businessToday } from '../calendar/calendar-http';
import type { CellValue } from './import-fields';
import { KIND_FORMATS, parseRow, resolveHeader, type HeaderMap } from './import-formats';
import { readRecords, SourceError, type ImportFormat } from './import-source';

/**
 * The import engine: file → records → per-row validation → staging (COPY, in batches) → set-based
 * checks → one upsert, all in one transaction. Used by the CLI and the API alike.
 */

export const MAX_REPORTED_ERRORS = 200;
export const PREVIEW_ROWS = 20;

/** The file as a whole cannot be imported (unreadable, wrong header): nothing is written in any mode. */
export class ImportFileError extends Error {
  constructor(readonly errors: ImportRowError[]) {
    super(errors.map(formatRowError).join('\n'));
    this.name = 'ImportFileError';
  }
}

/** 'line 7, column 手机号码: a mobile number has 11 digits, got 10': what the CLI prints per problem. */
export function formatRowError(error: Pick<ImportRowError, 'line' | 'column' | 'message'>): string {
  return error.column ? `line ${error.line}, column ${error.column}: ${error.message}` : `line ${error.line}: ${error.message}`;
}

export interface ImportRequest {
  kind: ImportKind;
  path: string;
  format: ImportFormat;
  mode: ImportMode;
  /** Validate and count, then roll back. */
  dryRun: boolean;
  /** With dryRun: also run the upsert (rolled back) to count what would be inserted and updated. */
  simulate?: boolean;
  actor: ImportActor;
  now: Date;
  /** For history rows. */
  reason: string;
  /** Customers: rows may put managers over their load limits (the caller checked the permission). */
  overrideLoadLimits?: boolean;
  /** Called for every row-level error in file order (the CLI prints them, the API stores them). */
  onError?: (error: ImportRowError) => void | Promise<void>;
  /** Inside the transaction, after a successful write: record the run and audit it, atomically with the data. */
  onCommit?: (tx: Executor, outcome: ImportOutcome) => Promise<void>;
  /** Rows read so far, every 10,000 rows. */
  onProgress?: (rows: number) => void;
}

export interface ImportOutcome {
  totalRows: number;
  validRows: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** The first MAX_REPORTED_ERRORS errors, in file order. */
  errors: ImportRowError[];
  preview: Record<string, CellValue>[];
  /** The data was written (committed). */
  written: boolean;
  /** Canonical column → header text as the file has it. */
  labels: Record<string, string>;
}

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function businessDay(now: Date): string {
  return SHANGHAI_DAY.format(now);
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

function label(header: HeaderMap, column: string): string {
  return header.labels.get(column) ?? column;
}

export async function runImport(db: Database, request: ImportRequest): Promise<ImportOutcome> {
  const format = KIND_FORMATS[request.kind];
  const target = IMPORT_TARGETS[request.kind];
  const context = { today: businessDay(request.now) };

  return withBulkTransaction(db, async (session) => {
    const { tx } = session;
    // Wall-clock times without an offset in the file mean Beijing time (see the timestamp parser).
    // Sorts and hashes over a million staged rows stay in memory instead of spilling to disk.
    await tx.exec(`SET LOCAL TimeZone = 'Asia/Shanghai'; SET LOCAL work_mem = '256MB'`);
    await createImportTables(tx, target);
    const stager = new ImportStager(session, target);
    const preview: Record<string, CellValue>[] = [];
    let header: HeaderMap | undefined;
    let totalRows = 0;

    try {
      for await (const records of readRecords(request.path, request.format)) {
        for (const record of records) {
          if (isBlank(record.fields)) continue;
          if (!header) {
            const resolved = resolveHeader(format, record.fields);
            if (resolved.issues.length > 0) {
              throw new ImportFileError(resolved.issues.map((issue) => ({ line: record.line, column: issue.column, code: 'header', message: issue.message })));
            }
            header = resolved.map;
            continue;
          }
          totalRows += 1;
          if (request.onProgress && totalRows % 10_000 === 0) request.onProgress(totalRows);
          const { row, issues } = parseRow(format, header, record.fields, context);
          if (issues.length > 0) {
            stager.reject(issues.map((issue): StagedError => ({ line: record.line, column: issue.field, code: issue.code, message: issue.message })));
          } else {
            stager.stage(record.line, format.stage(row));
            if (preview.length < PREVIEW_ROWS) preview.push({ line: record.line, ...row });
          }
        }
        await stager.sendIfFull();
      }
    } catch (error) {
      if (error instanceof SourceError) {
        throw new ImportFileError([{ line: error.line ?? 1, column: '', code: 'file', message: error.message }]);
      }
      throw error;
    }
    if (!header) throw new ImportFileError([{ line: 1, column: '', code: 'file', message: 'the file has no header row' }]);
    await stager.finish();
    request.onProgress?.(totalRows);

    await tx.exec('ANALYZE import_staging');
    const targetContext = {
      actor: request.actor,
      present: header.present,
      reason: request.reason,
      overrideLoadLimits: request.overrideLoadLimits,
      today: businessToday(request.now),
    };
    await addDuplicateErrors(tx, target.duplicates);
    await target.validate(tx, targetContext);

    const { rejectedRows } = await countImportErrors(tx);
    const errors: ImportRowError[] = [];
    for await (const error of readImportErrors(tx)) {
      const shown = { ...error, column: label(header, error.column) };
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(shown);
      await request.onError?.(shown);
    }

    const blocked = request.mode === 'all_or_nothing' && rejectedRows > 0;
    const upsert = !blocked && (!request.dryRun || (request.simulate ?? true));
    const counts = upsert ? await target.upsert(tx, targetContext) : { inserted: 0, updated: 0 };
    const validRows = totalRows - rejectedRows;
    const commit = !blocked && !request.dryRun;
    const outcome: ImportOutcome = {
      totalRows,
      validRows,
      rejected: rejectedRows,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: upsert ? validRows - counts.inserted - counts.updated : 0,
      errors,
      preview,
      written: commit,
      labels: Object.fromEntries(header.labels),
    };
    if (commit) await request.onCommit?.(tx, outcome);
    return { value: outcome, commit };
  });
}
