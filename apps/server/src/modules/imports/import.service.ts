import { createReadStream, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appendAudit, findUserByUsername, loadAccessContext, sql, type AuditEventInput, type Database, type Executor } from '@patron/db';
import {
  endImportCommit,
  findImportRun,
  hasImportFile,
  IMPORT_FILE_CHUNK_BYTES,
  insertImportRun,
  readImportFile,
  recordImportCommitProgress,
  startImportCommit,
  storeImportFile,
  updateImportRun,
  type ImportFilePart,
  type ImportActor,
  type ImportKind,
  type ImportMode,
  type ImportRowError,
  type ImportRun,
} from '@patron/db/import/index';
import { can } from '@patron/domain';
import { AppError, conflict, notFound } from '../../errors';
import { ImportFileError, MAX_REPORTED_ERRORS, runImport, type ImportOutcome } from './import-engine';
import { formatOf, type ImportFormat } from './import-source';
import { RejectsWriter } from './rejects-file';

/**
 * Import runs as the CLI and the API see them: an import_runs row per run, one audit event per run,
 * the rejects file. The engine (import-engine.ts) does the reading, checking and writing.
 */

export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export function summaryOf(outcome: Pick<ImportOutcome, keyof ImportSummary>): ImportSummary {
  return { inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged, rejected: outcome.rejected };
}

/** Who the CLI acts as: the built-in `system` user (no row scope), or a named user with that user's scope. */
export async function resolveImportActor(db: Executor, username: string | undefined): Promise<ImportActor> {
  const user = await findUserByUsername(db, username ?? 'system');
  if (!user || !user.active) throw new AppError('not_found', `No active user ${username ?? 'system'}`);
  if (username === undefined || username === 'system') return { userId: user.id, username: user.username, access: null };
  const access = await loadAccessContext(db, user.id);
  if (!access || !can(access, 'customer.write')) {
    throw new AppError('auth.forbidden', `${username} may not import (needs customer.write)`);
  }
  return { userId: user.id, username: user.username, access };
}

interface AuditSource {
  ip?: string | null;
  requestId?: string | null;
}

function runAudit(actor: ImportActor, runId: number, run: { kind: ImportKind; fileName: string; mode: ImportMode; status: string }, outcome: ImportOutcome, source: AuditSource): AuditEventInput {
  return {
    actorId: actor.userId,
    actorName: actor.username,
    action: 'import.run',
    entityType: 'import_run',
    entityId: runId,
    after: { ...run, totalRows: outcome.totalRows, validRows: outcome.validRows, ...summaryOf(outcome) },
    ip: source.ip ?? null,
    requestId: source.requestId ?? null,
  };
}

/** Like the assignment API: only a holder of customer.assign.override may, with a real reason. */
function assertMayOverrideLimits(actor: ImportActor, reason: string): void {
  if (reason.length < 4) throw new AppError('validation.failed', 'An override of the load limits needs a reason of at least 4 characters', [{ path: 'overrideLimits', message: 'at least 4 characters' }]);
  if (actor.access && !can(actor.access, 'customer.assign.override')) throw new AppError('auth.forbidden', 'Missing permission: customer.assign.override');
}

/** Why, for the customers' history rows. */
function importReason(fileName: string, override: string | null | undefined): string {
  return override ? `import ${fileName}; load limits overridden: ${override}` : `import ${fileName}`;
}

export function rejectsPathFor(path: string): string {
  return `${path}.rejects.csv`;
}

export interface FileImportOptions {
  kind: ImportKind;
  path: string;
  mode: ImportMode;
  dryRun: boolean;
  /** Why managers may go over their load limits; needs customer.assign.override, and is audited. */
  overrideLimitsReason?: string;
  actor: ImportActor;
  now: Date;
  onError?: (error: ImportRowError) => void;
}

export interface FileImportResult {
  outcome: ImportOutcome;
  runId?: number;
  /** Written with --partial when rows were rejected. */
  rejectsPath?: string;
}

/**
 * The CLI's import: one run, recorded and audited unless it is a dry run (which writes nothing,
 * not even its own record). A rejected all-or-nothing run is recorded as failed.
 */
export async function importFile(db: Database, options: FileImportOptions): Promise<FileImportResult> {
  const format = formatOf(options.path);
  if (!format) throw new AppError('import.unsupported_format', `${basename(options.path)}: use a .csv or .xlsx file`);
  const fileName = basename(options.path);
  const override = options.overrideLimitsReason?.trim();
  if (override !== undefined) assertMayOverrideLimits(options.actor, override);
  const run = { kind: options.kind, fileName, mode: options.mode, ...(override ? { overrideReason: override } : {}) };
  const rejectsPath = rejectsPathFor(options.path);
  const writeRejects = options.mode === 'partial' && !options.dryRun;
  let rejects: { writer: RejectsWriter; out: Writable } | undefined;
  let runId: number | undefined;

  try {
    const outcome = await runImport(db, {
      kind: options.kind,
      path: options.path,
      format,
      mode: options.mode,
      dryRun: options.dryRun,
      actor: options.actor,
      now: options.now,
      reason: importReason(fileName, override),
      overrideLoadLimits: override !== undefined,
      async onError(error) {
        options.onError?.(error);
        if (!writeRejects) return;
        if (!rejects) {
          const out = createWriteStream(`${rejectsPath}.part`);
          rejects = { writer: new RejectsWriter({ path: options.path, format }, out), out };
        }
        await rejects.writer.add(error);
      },
      async onCommit(tx, outcome) {
        runId = await insertImportRun(tx, {
          ...run,
          status: 'committed',
          totalRows: outcome.totalRows,
          validRows: outcome.validRows,
          ...summaryOf(outcome),
          errors: outcome.errors,
          createdBy: options.actor.userId,
          finishedAt: options.now,
        });
        await appendAudit(tx, runAudit(options.actor, runId, { ...run, status: 'committed' }, outcome, {}));
      },
    });
    if (rejects) {
      await rejects.writer.close();
      rejects.out.end();
      await once(rejects.out, 'close');
      renameSync(`${rejectsPath}.part`, rejectsPath);
    } else if (writeRejects && outcome.written && existsSync(rejectsPath)) {
      // A rejects file left by an earlier run of the same file would now be wrong.
      rmSync(rejectsPath);
    }
    if (!outcome.written && !options.dryRun) {
      runId = await recordFailedRun(db, options.actor, { ...run, now: options.now }, outcome, {});
    }
    return { outcome, ...(runId === undefined ? {} : { runId }), ...(rejects && outcome.written ? { rejectsPath } : {}) };
  } catch (error) {
    // An unusable file is a failed run too (a dry run still records nothing).
    if (error instanceof ImportFileError && !options.dryRun) {
      const nothing = { totalRows: 0, validRows: 0, rejected: 0, inserted: 0, updated: 0, unchanged: 0, errors: error.errors.slice(0, MAX_REPORTED_ERRORS) };
      await recordFailedRun(db, options.actor, { ...run, now: options.now }, { ...nothing, preview: [], written: false, labels: {} }, {});
    }
    throw error;
  } finally {
    if (rejects && existsSync(`${rejectsPath}.part`)) {
      await rejects.writer.abort();
      rejects.out.destroy();
      rmSync(`${rejectsPath}.part`, { force: true });
    }
  }
}

async function recordFailedRun(
  db: Database,
  actor: ImportActor,
  run: { kind: ImportKind; fileName: string; mode: ImportMode; now: Date },
  outcome: ImportOutcome,
  source: AuditSource,
): Promise<number> {
  return db.transaction(async (tx) => {
    const id = await insertImportRun(tx, {
      kind: run.kind,
      fileName: run.fileName,
      mode: run.mode,
      status: 'failed',
      totalRows: outcome.totalRows,
      validRows: outcome.validRows,
      rejected: outcome.rejected,
      errors: outcome.errors,
      createdBy: actor.userId,
      finishedAt: run.now,
    });
    await appendAudit(tx, runAudit(actor, id, { kind: run.kind, fileName: run.fileName, mode: run.mode, status: 'failed' }, outcome, source));
    return id;
  });
}

// ---------------------------------------------------------------------------------------------
// API runs: the upload and its errors are kept in the database between validation and commit, so
// any app node can commit a run or serve its rejects. Local files are scratch copies for one request.
// ---------------------------------------------------------------------------------------------

/** How long an upload is kept for commit and rejects; the import-file-cleanup job removes it after. */
const KEEP_MS = 24 * 3600 * 1000;
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** A private scratch folder for one request, removed by the returned function. */
function scratchFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'patron-import-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies the body to disk, failing with 413 past the limit. */
async function receive(body: Readable, path: string): Promise<void> {
  let bytes = 0;
  const counter = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) throw new AppError('payload.too_large', `Import files are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
      yield chunk;
    }
  };
  await pipeline(body, counter, createWriteStream(path));
}

/** A local file read in database-sized chunks. */
function fileChunks(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: IMPORT_FILE_CHUNK_BYTES });
}

/** Writes a kept part of a run to a local scratch file. */
async function download(db: Executor, runId: number, part: ImportFilePart, path: string): Promise<void> {
  await pipeline(readImportFile(db, runId, part), createWriteStream(path));
}

/** Writes every error as one JSON line: what the rejects file is built from later. */
class ErrorLog {
  private readonly out: Writable;
  private closed: Promise<void> | undefined;
  constructor(readonly path: string) {
    this.out = createWriteStream(path);
  }
  async add(error: ImportRowError): Promise<void> {
    if (!this.out.write(`${JSON.stringify(error)}\n`)) await once(this.out, 'drain');
  }
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
    return this.closed;
  }
}

function toFileError(error: ImportFileError): AppError {
  return new AppError(
    'import.invalid_file',
    'The file cannot be imported',
    error.errors.map((e) => ({ path: `line ${e.line}${e.column ? `, column ${e.column}` : ''}`, message: e.message })),
  );
}

export interface UploadRequest {
  kind: ImportKind;
  mode: ImportMode;
  fileName: string;
  contentType?: string;
  body: Readable;
  /** Rows may put managers over their load limits (needs customer.assign.override; kept with the run for the commit). */
  overrideLimitsReason?: string;
  actor: ImportActor;
  now: Date;
}

export interface UploadResult {
  id: number;
  kind: ImportKind;
  fileName: string;
  mode: ImportMode;
  totalRows: number;
  validRows: number;
  rejected: number;
  errors: ImportRowError[];
  preview: ImportOutcome['preview'];
  overrideReason: string | null;
}

/** Validates an upload (a dry run that does not upsert) and keeps it, with its errors, as a 'validated' run. */
export async function validateUpload(db: Database, request: UploadRequest): Promise<UploadResult> {
  const format = formatOf(request.fileName, request.contentType);
  if (!format) throw new AppError('import.unsupported_format', 'Send a CSV (text/csv) or XLSX file');
  const override = request.overrideLimitsReason?.trim();
  if (override !== undefined) assertMayOverrideLimits(request.actor, override);
  const scratch = scratchFolder();
  const path = join(scratch.dir, `upload.${format}`);
  const log = new ErrorLog(join(scratch.dir, 'errors.jsonl'));
  try {
    await receive(request.body, path);
    let outcome: ImportOutcome;
    try {
      outcome = await runImport(db, {
        kind: request.kind,
        path,
        format,
        mode: request.mode,
        dryRun: true,
        simulate: false,
        actor: request.actor,
        now: request.now,
        reason: importReason(request.fileName, override),
        overrideLoadLimits: override !== undefined,
        onError: (error) => log.add(error),
      });
    } catch (error) {
      if (error instanceof ImportFileError) throw toFileError(error);
      throw error;
    }
    await log.close();
    const expiresAt = new Date(request.now.getTime() + KEEP_MS);
    const id = await db.transaction(async (tx) => {
      const runId = await insertImportRun(tx, {
        kind: request.kind,
        fileName: request.fileName,
        mode: request.mode,
        status: 'validated',
        totalRows: outcome.totalRows,
        validRows: outcome.validRows,
        rejected: outcome.rejected,
        errors: outcome.errors,
        createdBy: request.actor.userId,
        fileFormat: format,
        ...(override ? { overrideReason: override } : {}),
      });
      await storeImportFile(tx, runId, 'upload', fileChunks(path), expiresAt);
      await storeImportFile(tx, runId, 'errors', fileChunks(log.path), expiresAt);
      return runId;
    });
    return {
      id,
      kind: request.kind,
      fileName: request.fileName,
      mode: request.mode,
      totalRows: outcome.totalRows,
      validRows: outcome.validRows,
      rejected: outcome.rejected,
      errors: outcome.errors,
      preview: outcome.preview,
      overrideReason: override ?? null,
    };
  } finally {
    await log.close().catch(() => undefined);
    scratch.remove();
  }
}

/** While a node commits the run: rows read so far, as the committing node last reported them. */
export function importProgress(run: Pick<ImportRun, 'committingRows'>): { phase: 'committing'; rows: number } | null {
  return run.committingRows === null ? null : { phase: 'committing', rows: run.committingRows };
}

/** A run is its creator's: anyone else gets a 404, as for rows outside a scope. */
export async function findOwnRun(db: Executor, actor: ImportActor, id: number): Promise<ImportRun> {
  const run = await findImportRun(db, id);
  if (!run || run.createdBy !== actor.userId) throw notFound('Import run');
  return run;
}

/** The run's kept upload format; 410 when the upload has expired (or the run was never an API upload). */
export async function assertUploadKept(db: Executor, run: Pick<ImportRun, 'id' | 'fileFormat'>, now: Date): Promise<ImportFormat> {
  if (!run.fileFormat || !(await hasImportFile(db, run.id, 'upload', now))) {
    throw new AppError('import.file_gone', `The file of import run ${run.id} is no longer kept; upload it again`);
  }
  return run.fileFormat;
}

/**
 * Reports commit progress to the database for the other nodes, one write at a time. On PGlite the
 * import's transaction holds the only connection, so a report could only land after the commit:
 * nothing is written there (and nobody could read it meanwhile either).
 */
function progressReporter(db: Database, id: number, now: Date): { report: (rows: number) => void; settled: () => Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  return {
    report(rows) {
      if (db.pglite) return;
      chain = chain.then(() => recordImportCommitProgress(db, id, rows, now)).catch(() => undefined);
    },
    settled: () => chain,
  };
}

/**
 * Writes a validated run: the file is read and checked again (the data may have changed since),
 * in one transaction. All-or-nothing runs with invalid rows now fail with 422 and write nothing.
 */
export async function commitRun(db: Database, id: number, actor: ImportActor, now: Date, source: AuditSource): Promise<ImportSummary> {
  const run = await findOwnRun(db, actor, id);
  if (run.status !== 'validated') throw conflict(`Import run ${id} is ${run.status}`);
  const format = await assertUploadKept(db, run, now);
  if (run.overrideReason) assertMayOverrideLimits(actor, run.overrideReason);
  if (!(await startImportCommit(db, id, now))) throw conflict(`Import run ${id} is being committed`);
  const scratch = scratchFolder();
  const path = join(scratch.dir, `upload.${format}`);
  const log = new ErrorLog(join(scratch.dir, 'errors.jsonl'));
  const progress = progressReporter(db, id, now);
  const expiresAt = new Date(now.getTime() + KEEP_MS);
  const audited = { kind: run.kind, fileName: run.fileName, mode: run.mode, ...(run.overrideReason ? { overrideReason: run.overrideReason } : {}) };
  try {
    await download(db, id, 'upload', path);
    const outcome = await runImport(db, {
      kind: run.kind,
      path,
      format,
      mode: run.mode,
      dryRun: false,
      actor,
      now,
      reason: importReason(run.fileName, run.overrideReason),
      overrideLoadLimits: run.overrideReason !== null,
      onError: (error) => log.add(error),
      onProgress: progress.report,
      async onCommit(tx, outcome) {
        const claimed = await tx.run(sql`UPDATE import_runs SET status = 'committed' WHERE id = ${id} AND status = 'validated'`);
        if (claimed === 0) throw conflict(`Import run ${id} was committed or discarded meanwhile`);
        await updateImportRun(tx, id, {
          status: 'committed',
          totalRows: outcome.totalRows,
          validRows: outcome.validRows,
          ...summaryOf(outcome),
          errors: outcome.errors,
          finishedAt: now,
        });
        await log.close();
        await storeImportFile(tx, id, 'errors', fileChunks(log.path), expiresAt);
        await appendAudit(tx, runAudit(actor, id, { ...audited, status: 'committed' }, outcome, source));
      },
    });
    if (!outcome.written) {
      await log.close();
      await db.transaction(async (tx) => {
        await updateImportRun(tx, id, {
          status: 'failed',
          totalRows: outcome.totalRows,
          validRows: outcome.validRows,
          rejected: outcome.rejected,
          errors: outcome.errors,
          finishedAt: now,
        });
        await storeImportFile(tx, id, 'errors', fileChunks(log.path), expiresAt);
        await appendAudit(tx, runAudit(actor, id, { ...audited, status: 'failed' }, outcome, source));
      });
      throw new AppError(
        'import.rejected',
        `${outcome.rejected} row(s) are invalid; nothing was written`,
        outcome.errors.slice(0, MAX_REPORTED_ERRORS).map((e) => ({ path: `line ${e.line}, column ${e.column}`, message: e.message })),
      );
    }
    return summaryOf(outcome);
  } catch (error) {
    if (error instanceof ImportFileError) throw toFileError(error);
    throw error;
  } finally {
    await progress.settled();
    await endImportCommit(db, id);
    await log.close().catch(() => undefined);
    scratch.remove();
  }
}

/** Streams the rejects CSV of a run (checked with assertUploadKept) into `out`; resolves to the number of rows written. */
export async function writeRunRejects(db: Executor, run: Pick<ImportRun, 'id'>, format: ImportFormat, out: Writable): Promise<number> {
  const scratch = scratchFolder();
  try {
    const path = join(scratch.dir, `upload.${format}`);
    await download(db, run.id, 'upload', path);
    const writer = new RejectsWriter({ path, format }, out);
    const errors = createInterface({ input: Readable.from(readImportFile(db, run.id, 'errors')), crlfDelay: Infinity });
    for await (const line of errors) {
      if (line.trim() !== '') await writer.add(JSON.parse(line) as ImportRowError);
    }
    await writer.close();
    return writer.rows;
  } finally {
    scratch.remove();
  }
}
