import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import type { ImportKind } from './import-target';

export type ImportRunStatus = 'validated' | 'committed' | 'failed' | 'discarded';
export type ImportMode = 'all_or_nothing' | 'partial';

/** A row-level problem as stored with the run and shown to people: the column as the file names it. */
export interface ImportRowError {
  line: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportRun {
  id: number;
  kind: ImportKind;
  fileName: string;
  status: ImportRunStatus;
  mode: ImportMode;
  totalRows: number;
  validRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportRowError[];
  createdBy: number | null;
  createdByName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** API runs: the kept upload's format. */
  fileFormat: 'csv' | 'xlsx' | null;
  /** Set when the uploader let rows go over the managers' load limits. */
  overrideReason: string | null;
  /** Rows read so far while a node commits the run; null otherwise. */
  committingRows: number | null;
}

export interface ImportRunValues {
  kind: ImportKind;
  fileName: string;
  status: ImportRunStatus;
  mode: ImportMode;
  totalRows: number;
  validRows: number;
  inserted?: number;
  updated?: number;
  unchanged?: number;
  rejected: number;
  /** The first errors only (the API shows 200); the rejects file has them all. */
  errors: ImportRowError[];
  createdBy: number | null;
  finishedAt?: Date | null;
  fileFormat?: 'csv' | 'xlsx';
  overrideReason?: string;
}

const columns = sql`r.id, r.kind, r.file_name AS "fileName", r.status, r.mode, r.total_rows AS "totalRows",
  r.valid_rows AS "validRows", r.inserted, r.updated, r.unchanged, r.rejected, r.errors, r.created_by AS "createdBy",
  u.username AS "createdByName", r.created_at AS "createdAt", r.finished_at AS "finishedAt", r.file_format AS "fileFormat",
  r.override_reason AS "overrideReason",
  CASE WHEN r.status = 'validated' AND r.commit_started_at IS NOT NULL THEN r.commit_rows END AS "committingRows"`;

export async function insertImportRun(tx: Executor, run: ImportRunValues): Promise<number> {
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO import_runs (kind, file_name, status, mode, total_rows, valid_rows, inserted, updated, unchanged, rejected,
      errors, created_by, finished_at, file_format, override_reason)
    VALUES (${run.kind}, ${run.fileName}, ${run.status}, ${run.mode}, ${run.totalRows}, ${run.validRows}, ${run.inserted ?? 0},
      ${run.updated ?? 0}, ${run.unchanged ?? 0}, ${run.rejected}, ${JSON.stringify(run.errors)}::jsonb, ${run.createdBy},
      ${run.finishedAt?.toISOString() ?? null}::timestamptz, ${run.fileFormat ?? null}, ${run.overrideReason ?? null})
    RETURNING id`);
  return row!.id;
}

export async function updateImportRun(
  tx: Executor,
  id: number,
  patch: Omit<ImportRunValues, 'kind' | 'fileName' | 'createdBy' | 'mode' | 'fileFormat' | 'overrideReason'>,
): Promise<void> {
  await tx.run(sql`
    UPDATE import_runs SET status = ${patch.status}, total_rows = ${patch.totalRows}, valid_rows = ${patch.validRows},
      inserted = ${patch.inserted ?? 0}, updated = ${patch.updated ?? 0}, unchanged = ${patch.unchanged ?? 0},
      rejected = ${patch.rejected}, errors = ${JSON.stringify(patch.errors)}::jsonb,
      finished_at = ${patch.finishedAt?.toISOString() ?? null}::timestamptz
    WHERE id = ${id}`);
}

export function findImportRun(db: Executor, id: number): Promise<ImportRun | undefined> {
  return db.first<ImportRun>(sql`SELECT ${columns} FROM import_runs r LEFT JOIN users u ON u.id = r.created_by WHERE r.id = ${id}`);
}

/** A commit whose node has not reported progress for this long died; another node may take the run over. */
const STALE_COMMIT = '10 minutes';

/**
 * Marks a validated run as being committed by the caller's node. False when it is not validated or
 * another node is committing it (and still reporting progress).
 */
export async function startImportCommit(db: Executor, id: number, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const claimed = await db.run(sql`UPDATE import_runs
    SET commit_started_at = ${at}::timestamptz, commit_progress_at = ${at}::timestamptz, commit_rows = 0
    WHERE id = ${id} AND status = 'validated'
      AND (commit_progress_at IS NULL OR commit_progress_at < ${at}::timestamptz - ${STALE_COMMIT}::interval)`);
  return claimed > 0;
}

/** The committing node's heartbeat: rows read so far. */
export async function recordImportCommitProgress(db: Executor, id: number, rows: number, now: Date): Promise<void> {
  await db.run(sql`UPDATE import_runs SET commit_rows = ${rows}, commit_progress_at = ${now.toISOString()}::timestamptz
    WHERE id = ${id} AND commit_started_at IS NOT NULL`);
}

/** The commit ended (written, rejected or failed): no longer in progress. */
export async function endImportCommit(db: Executor, id: number): Promise<void> {
  await db.run(sql`UPDATE import_runs SET commit_started_at = NULL, commit_progress_at = NULL, commit_rows = NULL WHERE id = ${id}`);
}
