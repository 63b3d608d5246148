import { sql } from 'drizzle-orm';
import type { Executor } from '../database';

/** Tables holding one counter per business date (`day date PRIMARY KEY, last_value integer`). */
export type DailySequenceTable = 'complaint_sequences' | 'work_order_sequences';

/**
 * A human-readable number: prefix + the business date (yyyymmdd) + that day's sequence, at least four
 * digits (WO202611230001). The upsert takes the day's row lock, so concurrent callers never share a value.
 */
export async function nextDailyNumber(tx: Executor, table: DailySequenceTable, prefix: string, businessDate: string): Promise<string> {
  const name = sql.raw(table);
  const row = await tx.first<{ n: number }>(sql`
    INSERT INTO ${name} (day, last_value) VALUES (${businessDate}, 1)
    ON CONFLICT (day) DO UPDATE SET last_value = ${name}.last_value + 1
    RETURNING last_value AS n`);
  return `${prefix}${businessDate.replaceAll('-', '')}${String(row!.n).padStart(4, '0')}`;
}
