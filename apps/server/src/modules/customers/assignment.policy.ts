import type { CustomerGrade } from '@patron/db';
import type { LoadCounts, LoadLimits } from '@patron/db/repositories/customer-assignment.repository';
import { LOAD_TIERS, loadTierOf, type LoadTier } from '@patron/domain';
import { AppError, type ErrorDetail } from '../../errors';

export function countByTier(grades: readonly CustomerGrade[]): LoadCounts {
  const counts: LoadCounts = { vip: 0, guest: 0 };
  for (const grade of grades) {
    const tier = loadTierOf(grade);
    if (tier) counts[tier] += 1;
  }
  return counts;
}

/** One tier a planned assignment would push past its limit; also the 409's detail, so clients can read the numbers. */
export interface LoadExcess extends ErrorDetail {
  manager: string;
  tier: LoadTier;
  currentLoad: number;
  adding: number;
  limit: number;
}

/**
 * Tiers where `current + adding` would pass the limit. A manager already over a limit (the limit was
 * lowered) may still be given customers of the other tier, and nothing is said when nothing is added.
 */
export function loadExcesses(manager: string, current: LoadCounts, adding: LoadCounts, limits: LoadLimits): LoadExcess[] {
  return LOAD_TIERS.filter((tier) => adding[tier] > 0 && current[tier] + adding[tier] > limits[tier]).map((tier) => ({
    path: 'accountManager',
    message: `${manager} ${tier} load ${current[tier]} + ${adding[tier]} > limit ${limits[tier]}`,
    manager,
    tier,
    currentLoad: current[tier],
    adding: adding[tier],
    limit: limits[tier],
  }));
}

/** The 409 for an assignment past a limit: the numbers in the message for people, in the details for clients. */
export function limitExceeded(excesses: readonly LoadExcess[]): AppError {
  return new AppError(
    'assignment.limit_exceeded',
    `Load limit exceeded: ${excesses.map((excess) => excess.message).join('; ')}`,
    [...excesses],
  );
}
