import type { ComplaintRollupRowValue, RevisitRollupRowValue, SurveyRollupRowValue } from '@patron/contracts';
import type { ComplaintRollupCounts, RevisitRollupCounts, Rollup, SurveyRollupCounts } from '@patron/db';
import { perTenThousand, shareOf } from '@patron/domain';

/** Counts from SQL into the rows the API and the exports show, rates derived by one rule (shareOf). */

export function complaintRow(row: ComplaintRollupCounts): ComplaintRollupRowValue {
  return {
    ...row,
    perTenThousandLines: perTenThousand(row.total, row.lines),
    repeatRate: shareOf(row.repeat, row.total),
    firstContactRate: shareOf(row.firstContactResolved, row.resolved),
    levels: row.levels.map((level) => ({ ...level, onTimeRate: shareOf(level.onTime, level.exits) })),
  };
}

export function revisitRow(row: RevisitRollupCounts): RevisitRollupRowValue {
  return {
    ...row,
    rate: shareOf(row.done, row.due),
    timeliness: shareOf(row.onTime, row.done),
    satisfaction: shareOf(row.satisfied, row.done),
  };
}

export function surveyRow(row: SurveyRollupCounts): SurveyRollupRowValue {
  const { vipSurveyed, vipApproving, guestSurveyed, guestApproving, ...rest } = row;
  return {
    ...rest,
    vip: { surveyed: vipSurveyed, approving: vipApproving, rate: shareOf(vipApproving, vipSurveyed) },
    guest: { surveyed: guestSurveyed, approving: guestApproving, rate: shareOf(guestApproving, guestSurveyed) },
  };
}

export function mapRollup<C, R>(rollup: Rollup<C>, row: (counts: C) => R): { rows: R[]; trend: R[]; total: R } {
  return { rows: rollup.rows.map(row), trend: rollup.trend.map(row), total: row(rollup.total) };
}
