import { sql } from 'drizzle-orm';
import type { Executor } from '../database';

/**
 * Settings for the batch transactions (re-grade, points accrual) on PostgreSQL; PGlite has none of these:
 * - JIT off: the rule expressions make a large plan that JIT would spend seconds compiling, for no gain
 *   on a scan-and-aggregate query;
 * - no parallel workers: the year's bills are aggregated under a join that every worker repeats in full,
 *   which tripled the work on a 2-core server (measured with EXPLAIN ANALYZE at 1,000,000 customers);
 * - more hash memory than an OLTP request, so the per-customer aggregates do not spill to disk;
 * - for work that is simply run again if lost (a proposal, an accrual), no wait for the WAL flush at
 *   commit; an apply, which a reviewer sees succeed, is flushed as usual.
 */
export async function tuneBatchTransaction(tx: Executor, commit: 'durable' | 'rerunnable' = 'durable'): Promise<void> {
  if (tx.kind !== 'postgresql') return;
  await tx.run(sql`SET LOCAL jit = off`);
  await tx.run(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
  await tx.run(sql`SET LOCAL work_mem = '64MB'`);
  await tx.run(sql.raw(`SET LOCAL synchronous_commit = ${commit === 'durable' ? 'on' : 'off'}`));
}
