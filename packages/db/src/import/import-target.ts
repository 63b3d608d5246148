import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext, BusinessDate } from '@patron/domain';
import type { Executor } from '../database';
import { customerScope } from '../repositories/scope';

export const IMPORT_KINDS = ['customers', 'lines', 'bills', 'payments', 'suspensions'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** Who imports. `access: null` is the built-in system user (CLI default): no row scope applies. */
export interface ImportActor {
  userId: number | null;
  username: string;
  access: AccessContext | null;
}

export interface TargetContext {
  actor: ImportActor;
  /** Canonical names of the columns the file has: absent optional columns keep stored values on update. */
  present: ReadonlySet<string>;
  /** Why, for history rows: 'import customers.csv'. */
  reason: string;
  /** Set by an authorised importer: rows may put managers over their load limits (the reason is audited). */
  overrideLoadLimits?: boolean;
  /** The import's business date: which rule sets (load limits) are in force. */
  today: BusinessDate;
}

export interface StagingColumn {
  name: string;
  type: string;
}

/** What makes two rows of a file the same record: staging columns, the column blamed, a description. */
export interface DuplicateKey {
  columns: readonly string[];
  column: string;
  /** Names the record in the message, over alias `s` and the key columns only. */
  describe: SQL;
}

/**
 * One importable entity, on the database side: the staging table's columns (after `line`), the
 * set-based checks that need the database (references, duplicates, scope), and the upsert.
 */
export interface ImportTarget {
  readonly kind: ImportKind;
  readonly stagingColumns: readonly StagingColumn[];
  /** Checked by the engine before `validate`. */
  readonly duplicates: DuplicateKey;
  /** Adds a row to import_errors for every staged row that cannot be written. */
  validate(tx: Executor, context: TargetContext): Promise<void>;
  /** Writes every staged row without an error; rows equal to what is stored are left alone. */
  upsert(tx: Executor, context: TargetContext): Promise<{ inserted: number; updated: number }>;
}

/** Temp tables live for the import's transaction only. */
export const STAGING_TABLE = 'import_staging';
export const ERRORS_TABLE = 'import_errors';
export const ERROR_COLUMNS = ['line', 'col', 'code', 'message'] as const;

export async function createImportTables(tx: Executor, target: ImportTarget): Promise<void> {
  const columns = target.stagingColumns.map((column) => `${column.name} ${column.type}`).join(', ');
  await tx.exec(`
    CREATE TEMP TABLE ${STAGING_TABLE} (line integer NOT NULL, ${columns}) ON COMMIT DROP;
    CREATE TEMP TABLE ${ERRORS_TABLE} (line integer NOT NULL, col text NOT NULL, code text NOT NULL, message text NOT NULL) ON COMMIT DROP;`);
}

/** Staged row `s` (or another alias) has no error and will be written. */
export function isValid(alias = 's'): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM import_errors e WHERE e.line = ${sql.raw(alias)}.line)`;
}

/** Adds the rows of a `SELECT line, col, code, message` to the errors; returns how many. */
export function addErrors(tx: Executor, select: SQL): Promise<number> {
  return tx.run(sql`INSERT INTO import_errors (line, col, code, message) ${select}`);
}

/**
 * Every occurrence of a key after its first is an error naming the first line. With --partial the
 * first occurrence is written; a file with duplicates never passes all-or-nothing. A hash aggregate
 * finds the duplicated keys (usually none), so the common case costs one pass and no sort.
 */
export function addDuplicateErrors(tx: Executor, { columns, column, describe }: DuplicateKey): Promise<number> {
  const keyList = sql.raw(columns.join(', '));
  const keyMatch = sql.raw(columns.map((name) => `d.${name} = s.${name}`).join(' AND '));
  return addErrors(
    tx,
    sql`SELECT s.line, ${column}::text, 'duplicate', format('%s also appears on line %s', ${describe}, d.first_line)
      FROM (SELECT ${keyList}, min(line) AS first_line FROM import_staging GROUP BY ${keyList} HAVING count(*) > 1) d
      JOIN import_staging s ON ${keyMatch}
      WHERE s.line > d.first_line`,
  );
}

/**
 * The caller's scope over a customers alias, or `true` for the system user. Negate it with
 * `IS NOT TRUE`, never NOT: the predicate is NULL for rows with NULL managers.
 */
export function scopeOf(actor: ImportActor, alias: string): SQL {
  return actor.access ? customerScope(actor.access, alias) : sql`true`;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/** One column of an upsert: the value written, and which file column (if any) makes it updatable. */
export interface UpsertColumn {
  column: string;
  value: SQL;
  /** The file column that sets it on update; absent for key columns and insert-only defaults. */
  field?: string;
}

export interface UpsertSpec {
  table: string;
  /** The key columns (a unique index): a row with a stored key updates it, any other row is inserted. */
  key: readonly string[];
  columns: readonly UpsertColumn[];
  /** `FROM import_staging s JOIN … WHERE …`: the valid rows with what the values read. */
  from: SQL;
  /** Canonical names of the file's columns. */
  present: ReadonlySet<string>;
  /** Extra assignments on update, e.g. 'updated_at = now()'. */
  touch?: string;
  /** RETURNING more than the inserted flag (the customers upsert wants ids). */
  returning?: string;
}

/** The key's values as the rows are written in: `c.id, s.month`. */
function keyOrder(spec: UpsertSpec): SQL {
  const byName = new Map(spec.columns.map((column) => [column.column, column.value]));
  return sql.join(
    spec.key.map((column) => byName.get(column)!),
    sql`, `,
  );
}

/**
 * `INSERT … SELECT … ON CONFLICT (key) DO UPDATE SET … WHERE (row) IS DISTINCT FROM (EXCLUDED row)
 * RETURNING (xmax = 0) AS inserted`. Rows equal to what is stored are filtered out before the insert
 * (a read-only anti-join): ON CONFLICT DO UPDATE locks the conflicting row even when its WHERE is
 * false, which costs a write and a WAL record per unchanged row on a re-import. Rows go in key order,
 * so the key index grows at its right edge instead of touching a random leaf page per row (files
 * usually list a month's bills customer after customer): at 300,000 bills that cut the statement by
 * a tenth.
 */
function upsertStatement(spec: UpsertSpec): SQL {
  const updated = spec.columns.filter((column) => column.field !== undefined && spec.present.has(column.field));
  const names = sql.raw(spec.columns.map((column) => column.column).join(', '));
  const values = sql.join(
    spec.columns.map((column) => column.value),
    sql`, `,
  );
  const byName = new Map(spec.columns.map((column) => [column.column, column.value]));
  const keyMatch = sql.join(
    spec.key.map((column) => sql`x.${sql.raw(column)} = ${byName.get(column)!}`),
    sql` AND `,
  );
  const stored = sql.raw(updated.map((column) => `x.${column.column}`).join(', '));
  const incoming = sql.join(
    updated.map((column) => column.value),
    sql`, `,
  );
  const unchanged = updated.length === 0 ? sql`true` : sql`ROW(${stored}) IS NOT DISTINCT FROM ROW(${incoming})`;
  const table = sql.raw(spec.table);
  const set = sql.raw(
    [...updated.map((column) => `${column.column} = EXCLUDED.${column.column}`), ...(spec.touch ? [spec.touch] : [])].join(', '),
  );
  const mine = sql.raw(updated.map((column) => `t.${column.column}`).join(', '));
  const theirs = sql.raw(updated.map((column) => `EXCLUDED.${column.column}`).join(', '));
  const conflict =
    updated.length === 0
      ? sql`DO NOTHING`
      : sql`DO UPDATE SET ${set} WHERE ROW(${mine}) IS DISTINCT FROM ROW(${theirs})`;
  const returning = sql.raw(`(t.xmax = 0) AS inserted${spec.returning ? `, ${spec.returning}` : ''}`);
  return sql`INSERT INTO ${table} AS t (${names})
    SELECT ${values} ${spec.from}
      AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE ${keyMatch} AND ${unchanged})
    ORDER BY ${keyOrder(spec)}
    ON CONFLICT (${sql.raw(spec.key.join(', '))}) ${conflict}
    RETURNING ${returning}`;
}

/** `INSERT … SELECT … ORDER BY key RETURNING true AS inserted`: every valid row, none of whose keys is stored. */
function insertStatement(spec: UpsertSpec): SQL {
  const names = sql.raw(spec.columns.map((column) => column.column).join(', '));
  const values = sql.join(
    spec.columns.map((column) => column.value),
    sql`, `,
  );
  const returning = sql.raw(`true AS inserted${spec.returning ? `, ${spec.returning}` : ''}`);
  return sql`INSERT INTO ${sql.raw(spec.table)} AS t (${names}) SELECT ${values} ${spec.from} ORDER BY ${keyOrder(spec)} RETURNING ${returning}`;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

/**
 * Writes the valid staged rows: `run` gets a statement returning `(inserted boolean, …returning)`
 * per row written, to wrap as `WITH up AS (…)`. First as a plain INSERT, which is what a new month of
 * bills or a file of new customers needs: it skips speculative insertion, which probes the key index
 * before every row and confirms every inserted tuple with a second WAL record (300,000 new bills took
 * 2.5 s instead of 2.9–4.5 s). When a key is stored already the INSERT fails on it (rows go in key
 * order, so usually at once) and the upsert above runs instead. Other writers of the table wait until
 * the import commits, readers do not: no key can appear between the two, and two imports of one table
 * do not interleave.
 */
export async function writeStaged<T>(tx: Executor, spec: UpsertSpec, run: (statement: SQL) => Promise<T>): Promise<T> {
  await tx.exec(`LOCK TABLE ${spec.table} IN SHARE ROW EXCLUSIVE MODE; SAVEPOINT import_insert`);
  try {
    const result = await run(insertStatement(spec));
    await tx.exec('RELEASE SAVEPOINT import_insert');
    return result;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.exec('ROLLBACK TO SAVEPOINT import_insert');
    return run(upsertStatement(spec));
  }
}

/** Writes the valid staged rows (writeStaged) and counts inserted and updated rows. */
export async function countUpsert(tx: Executor, spec: UpsertSpec): Promise<UpsertCounts> {
  const row = await writeStaged(tx, spec, (statement) =>
    tx.first<UpsertCounts>(sql`WITH up AS (${statement})
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`),
  );
  return { inserted: row?.inserted ?? 0, updated: row?.updated ?? 0 };
}
