import type { Executor } from '@patron/db';
import { readLoadLimits, readManagerLoad, type LoadCounts } from '@patron/db/repositories/customer-assignment.repository';
import { loadExcesses, type LoadExcess } from './assignment.policy';

/**
 * What giving `adding` more customers to a manager would break, read inside the caller's
 * transaction after the manager row is locked (lockAccountManager), so the count cannot move meanwhile.
 */
export async function excessesFor(tx: Executor, manager: { id: number; username: string }, adding: LoadCounts): Promise<LoadExcess[]> {
  const [current, limits] = await Promise.all([readManagerLoad(tx, manager.id), readLoadLimits(tx)]);
  return loadExcesses(manager.username, current, adding, limits);
}
