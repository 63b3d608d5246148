import type { Executor } from '@patron/db';
import { readManagerLoad, resolveLoadLimits, type AccountManagerRef, type LoadCounts } from '@patron/db/repositories/customer-assignment.repository';
import type { BusinessDate } from '@patron/domain';
import { loadExcesses, type LoadExcess } from './assignment.policy';

/**
 * What giving `adding` more customers to a manager would break, read inside the caller's
 * transaction after the manager row is locked (lockAccountManager), so the count cannot move meanwhile.
 * The limits are those of the manager's own org on `today`.
 */
export async function excessesFor(tx: Executor, manager: AccountManagerRef, adding: LoadCounts, today: BusinessDate): Promise<LoadExcess[]> {
  const [current, limits] = await Promise.all([readManagerLoad(tx, manager.id), resolveLoadLimits(tx, manager.orgPath, today)]);
  return loadExcesses(manager.username, current, adding, limits);
}
