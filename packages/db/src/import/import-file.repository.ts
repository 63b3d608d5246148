import { sql } from 'drizzle-orm';
import type { Executor } from '../database';

/**
 * The files of an API import run, kept in the database between validation and commit so any app
 * node can use them: the upload itself and its row errors (JSON lines). Stored and read back a
 * chunk at a time, so memory stays flat whatever the file's size.
 */
export type ImportFilePart = 'upload' | 'errors';

/** About 1 MB per row: few round trips, and no single value near PostgreSQL's 1 GB limit. */
export const IMPORT_FILE_CHUNK_BYTES = 1024 * 1024;

/** Stores (or replaces) one part of a run, chunk by chunk as the source yields them; returns its size in bytes. */
export async function storeImportFile(
  tx: Executor,
  runId: number,
  part: ImportFilePart,
  source: AsyncIterable<Uint8Array>,
  expiresAt: Date,
): Promise<number> {
  await tx.run(sql`DELETE FROM import_files WHERE run_id = ${runId} AND part = ${part}`);
  let seq = 0;
  let size = 0;
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    await tx.run(sql`INSERT INTO import_files (run_id, part, seq, bytes, expires_at)
      VALUES (${runId}, ${part}, ${seq}, ${chunk}, ${expiresAt.toISOString()}::timestamptz)`);
    seq += 1;
    size += chunk.length;
  }
  return size;
}

/** True when the part is kept and has not expired (an empty part, such as no errors, stores nothing). */
export async function hasImportFile(db: Executor, runId: number, part: ImportFilePart, now: Date): Promise<boolean> {
  const row = await db.first<{ kept: boolean }>(sql`SELECT EXISTS (
      SELECT 1 FROM import_files WHERE run_id = ${runId} AND part = ${part} AND expires_at > ${now.toISOString()}::timestamptz
    ) AS kept`);
  return row?.kept ?? false;
}

/** The part's bytes, one stored chunk at a time, in order. */
export async function* readImportFile(db: Executor, runId: number, part: ImportFilePart): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq += 1) {
    const row = await db.first<{ bytes: Uint8Array }>(
      sql`SELECT bytes FROM import_files WHERE run_id = ${runId} AND part = ${part} AND seq = ${seq}`,
    );
    if (!row) return;
    yield Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
  }
}

/** Removes what has expired (the cleanup job); returns the number of runs whose files went. */
export async function deleteExpiredImportFiles(db: Executor, now: Date): Promise<number> {
  const row = await db.first<{ runs: number }>(sql`WITH gone AS (
      DELETE FROM import_files WHERE expires_at <= ${now.toISOString()}::timestamptz RETURNING run_id
    ) SELECT count(DISTINCT run_id)::int AS runs FROM gone`);
  return row?.runs ?? 0;
}
