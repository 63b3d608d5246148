import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../database';

export interface Column<T> {
  readonly name: string;
  /** Element type of the array the column travels in: 'text', 'bigint', 'date'… */
  readonly type: string;
  readonly value: (row: T) => string | number | null;
}

const BATCH_ROWS = 5000;

/**
 * Bulk insert as one array parameter per column, unnested server-side. Compared with multi-row
 * VALUES (one parameter per cell, 14,000 per 1,000 rows) this halves the load time on PGlite and
 * keeps statements small; both drivers serialise JS arrays to PostgreSQL arrays.
 */
export async function insertRows<T, R = never>(
  tx: Executor,
  table: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  returning?: SQL,
): Promise<R[]> {
  const names = sql.raw(columns.map((column) => column.name).join(', '));
  const returned: R[] = [];
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const arrays = sql.join(
      columns.map((column) => sql`${sql.param(batch.map(column.value))}::${sql.raw(column.type)}[]`),
      sql`, `,
    );
    const insert = sql`INSERT INTO ${sql.raw(table)} (${names}) SELECT * FROM unnest(${arrays})`;
    if (returning) returned.push(...(await tx.rows<R>(sql`${insert} RETURNING ${returning}`)));
    else await tx.run(insert);
  }
  return returned;
}
