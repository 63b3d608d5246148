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
}

const columns = sql`r.id, r.kind, r.file_name AS "fileName", r.status, r.mode, r.total_rows AS "totalRows",
  r.valid_rows AS "validRows", r.inserted, r.updated, r.unchanged, r.rejected, r.errors, r.created_by AS "createdBy",
  u.username AS "createdByName", r.created_at AS "createdAt", r.finished_at AS "finishedAt"`;

export async function insertImportRun(tx: Executor, run: ImportRunValues): Promise<number> {
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO import_runs (kind, file_name, status, mode, total_rows, valid_rows, inserted, updated, unchanged, rejected,
      errors, created_by, finished_at)
    VALUES (${run.kind}, ${run.fileName}, ${run.status}, ${run.mode}, ${run.totalRows}, ${run.validRows}, ${run.inserted ?? 0},
      ${run.updated ?? 0}, ${run.unchanged ?? 0}, ${run.rejected}, ${JSON.stringify(run.errors)}::jsonb, ${run.createdBy},
      ${run.finishedAt?.toISOString() ?? null}::timestamptz)
    RETURNING id`);
  return row!.id;
}

export async function updateImportRun(
  tx: Executor,
  id: number,
  patch: Omit<ImportRunValues, 'kind' | 'fileName' | 'createdBy' | 'mode'>,
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

/** Takes a validated run for committing; undefined when it is not (or no longer) validated. */
export function claimImportRun(tx: Executor, id: number): Promise<ImportRun | undefined> {
  return tx.first<ImportRun>(sql`SELECT ${columns} FROM import_runs r LEFT JOIN users u ON u.id = r.created_by
    WHERE r.id = ${id} AND r.status = 'validated' FOR UPDATE OF r`);
}
