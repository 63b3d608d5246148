import type { Transaction } from '@electric-sql/pglite';
import { types as pgliteTypes } from '@electric-sql/pglite';
import type pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { compile, type Database, type Executor, type Row } from '../database';
import { CopyFromStdin } from './copy-from-stdin';

/**
 * A transaction that can also bulk-load rows: `COPY … FROM STDIN` on PostgreSQL, `COPY … FROM
 * '/dev/blob'` on PGlite. The executor's own `transaction` hides the driver's connection, which COPY
 * needs, so imports open their transaction here instead; `tx` is an ordinary Executor for everything else.
 */
export interface BulkSession {
  readonly tx: Executor;
  /**
   * Loads rows given as COPY text (tab-separated, `\N` for NULL: see copyLine), as a string or as
   * its UTF-8 bytes, into `table`. Resolves to the number of rows loaded.
   */
  copyIn(table: string, columns: readonly string[], text: string | Buffer): Promise<number>;
}

/** What the callback decides: keep the work (commit) or drop it (a dry run, a rejected all-or-nothing import). */
export interface BulkOutcome<T> {
  value: T;
  commit: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`Not a plain identifier: ${name}`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}

const identity = (value: string) => value;
// The same value parsing as database.ts, so rows read here look like rows read anywhere else.
const pgliteParsers = {
  [pgliteTypes.INT8]: (value: string) => Number(value),
  [pgliteTypes.DATE]: identity,
  [pgliteTypes.NUMERIC]: identity,
};

function executorOf(
  kind: Executor['kind'],
  raw: (text: string, params: unknown[]) => Promise<{ rows: Row[]; count: number }>,
  rawExec: (text: string) => Promise<unknown>,
): Executor {
  const self: Executor = {
    kind,
    async rows<T>(query: SQL) {
      const { text, params } = compile(query);
      return (await raw(text, params)).rows as T[];
    },
    async first<T>(query: SQL) {
      return (await self.rows<T>(query))[0];
    },
    async run(query: SQL) {
      const { text, params } = compile(query);
      return (await raw(text, params)).count;
    },
    async exec(text: string) {
      await rawExec(text);
    },
    // Already inside the bulk transaction: nested calls join it, like the executor's own transactions.
    transaction: (fn) => fn(self),
  };
  return self;
}

function pgliteSession(tx: Transaction): BulkSession {
  return {
    tx: executorOf(
      'pglite',
      async (text, params) => {
        const result = await tx.query<Row>(text, params, { parsers: pgliteParsers });
        return { rows: result.rows, count: result.affectedRows ?? 0 };
      },
      (text) => tx.exec(text),
    ),
    async copyIn(table, columns, text) {
      // A copy: Blob takes only ArrayBuffer-backed views, and COPY batches are a few MB.
      const blob = new Blob([typeof text === 'string' ? text : new Uint8Array(text)]);
      const result = await tx.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob });
      return result.affectedRows ?? 0;
    },
  };
}

function postgresSession(client: pg.PoolClient): BulkSession {
  return {
    tx: executorOf(
      'postgresql',
      async (text, params) => {
        const result = await client.query<Row>(text, params);
        return { rows: result.rows, count: result.rowCount ?? 0 };
      },
      (text) => client.query(text),
    ),
    copyIn(table, columns, text) {
      return new Promise<number>((resolve, reject) => {
        const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
        client.query(new CopyFromStdin(copyStatement(table, columns, 'STDIN'), bytes, resolve, reject));
      });
    },
  };
}

/**
 * Runs `fn` in one transaction on a connection of its own (PostgreSQL) or exclusively (PGlite, which
 * then queues every other query until it ends). An exception rolls back and propagates; so does
 * `commit: false`, without the exception.
 */
export async function withBulkTransaction<T>(db: Database, fn: (session: BulkSession) => Promise<BulkOutcome<T>>): Promise<T> {
  if (db.pglite) {
    return db.pglite.transaction(async (tx) => {
      const outcome = await fn(pgliteSession(tx));
      if (!outcome.commit) await tx.rollback();
      return outcome.value;
    });
  }
  if (!db.pool) throw new Error('withBulkTransaction needs a PGlite or PostgreSQL database');
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const outcome = await fn(postgresSession(client));
    await client.query(outcome.commit ? 'COMMIT' : 'ROLLBACK');
    return outcome.value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
