import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

export type DatabaseKind = 'pglite' | 'postgresql';

/** Rows come back with the names the SELECT gives them; queries alias snake_case columns to camelCase. */
export type Row = Record<string, unknown>;

/**
 * The one way application code talks SQL. Queries are composed with Drizzle's `sql` tag (parameters
 * are always bound, fragments compose), and run through this executor so both drivers parse values
 * identically: bigint ids as numbers, `date` as 'YYYY-MM-DD', `numeric` as strings, timestamptz as Date.
 */
export interface Executor {
  readonly kind: DatabaseKind;
  rows<T = Row>(query: SQL): Promise<T[]>;
  /** The first row, or undefined. */
  first<T = Row>(query: SQL): Promise<T | undefined>;
  /** Row count of an INSERT/UPDATE/DELETE. */
  run(query: SQL): Promise<number>;
  /** Parameterless, possibly multi-statement SQL (migrations, DDL). */
  exec(text: string): Promise<void>;
  /** Runs fn in a transaction; inside a transaction fn simply joins it. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
}

export interface Database extends Executor {
  readonly pglite?: PGlite;
  readonly pool?: pg.Pool;
  close(): Promise<void>;
}

const dialect = new PgDialect();

export function compile(query: SQL): { text: string; params: unknown[] } {
  const compiled = dialect.sqlToQuery(query);
  return { text: compiled.sql, params: compiled.params };
}

type RawQuery = (text: string, params: unknown[]) => Promise<{ rows: Row[]; count: number }>;
type RawExec = (text: string) => Promise<unknown>;

function executor(kind: DatabaseKind, raw: RawQuery, rawExec: RawExec, begin: (<T>(fn: (tx: Executor) => Promise<T>) => Promise<T>) | null): Executor {
  const self: Executor = {
    kind,
    async rows<T>(query: SQL) {
      const { text, params } = compile(query);
      return (await raw(text, params)).rows as T[];
    },
    async first<T>(query: SQL) {
      const rows = await self.rows<T>(query);
      return rows[0];
    },
    async run(query: SQL) {
      const { text, params } = compile(query);
      return (await raw(text, params)).count;
    },
    async exec(text: string) {
      await rawExec(text);
    },
    transaction<T>(fn: (tx: Executor) => Promise<T>) {
      return begin ? begin(fn) : fn(self);
    },
  };
  return self;
}

const identity = (value: string) => value;

const pgliteParsers = {
  [pgliteTypes.INT8]: (value: string) => Number(value),
  [pgliteTypes.DATE]: identity,
  [pgliteTypes.NUMERIC]: identity,
};

export interface OpenOptions {
  /** postgres://… — when set, PostgreSQL is used and dataDir is ignored. */
  url?: string;
  /** PGlite data folder; omitted means in memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** A PGlite data-folder archive (from dumpDataDir) to start from: how an embedded backup is restored. */
  loadDataDir?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  return wrapPglite(
    await PGlite.create(options.dataDir, { parsers: pgliteParsers, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) }),
  );
}

export function wrapPglite(pglite: PGlite): Database {
  const rawOf =
    (target: Pick<PGlite, 'query'>): RawQuery =>
    async (text, params) => {
      const result = await target.query<Row>(text, params, { parsers: pgliteParsers });
      return { rows: result.rows, count: result.affectedRows ?? 0 };
    };
  const base = executor('pglite', rawOf(pglite), (text) => pglite.exec(text), (fn) =>
    pglite.transaction((tx) => fn(executor('pglite', rawOf(tx), (text) => tx.exec(text), null))),
  );
  return {
    ...base,
    pglite,
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    if (oid === 1082 || oid === 1700) return identity;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes });
  // An idle client can be cut off by the server (restart, failover, a dropped test database); without a
  // listener that error would crash the process. The pool discards the client and opens a new one.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL idle client error: ${error.message}`);
  });
  const rawOf =
    (client: pg.Pool | pg.PoolClient): RawQuery =>
    async (text, params) => {
      const result = await client.query<Row>(text, params);
      return { rows: result.rows, count: result.rowCount ?? 0 };
    };
  const base = executor('postgresql', rawOf(pool), (text) => pool.query(text), async (fn) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(executor('postgresql', rawOf(client), (text) => client.query(text), null));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });
  return {
    ...base,
    pool,
    close: () => pool.end(),
  };
}
