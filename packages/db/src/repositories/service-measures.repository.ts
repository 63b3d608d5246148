import { sql, type SQL } from 'drizzle-orm';
import { KA_SATISFACTION_QUESTIONNAIRE, type AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { measureScope } from './complaint-measures.repository';
import { groupingOf, inMonthRange, type Grouping, type MeasureDimension, type MeasuredColumns } from './measure-groups';

/**
 * Service measure roll-ups (DOMAIN §5.1, §5.3, §5.4, §5.9) over a range of business months: counts
 * and means computed in SQL, one row per group, for the caller's reach (measureScope). The rates
 * are derived by the caller from these counts.
 */

export interface MeasureRange {
  by: MeasureDimension;
  from: string;
  to: string;
}

export interface Rollup<T> {
  rows: T[];
  trend: T[];
  total: T;
}

interface GroupKey {
  key: string | null;
  label: string | null;
}

/** Runs one grouped query three ways: by the chosen dimension, by month (the trend) and in total. */
async function rollup<T extends GroupKey>(
  db: Executor,
  range: MeasureRange,
  columns: MeasuredColumns,
  query: (grouping: Grouping) => SQL,
  empty: Omit<T, 'key' | 'label'>,
): Promise<Rollup<T>> {
  const run = (by: MeasureDimension | 'total') => {
    const grouping = groupingOf(by, columns);
    // NULL groups (no manager, no team) last; Chinese labels sort by their code, which is stable.
    return db.rows<T>(sql`${query(grouping)} GROUP BY 1, 2 ORDER BY 1 NULLS LAST`);
  };
  const [rows, trend, total] = await Promise.all([run(range.by), range.by === 'month' ? Promise.resolve(null) : run('month'), run('total')]);
  return { rows, trend: trend ?? rows, total: total[0] ?? ({ key: null, label: null, ...empty } as T) };
}

// ---------------------------------------------------------------------------------------------
// Complaints
// ---------------------------------------------------------------------------------------------

export interface ComplaintRollupCounts extends GroupKey {
  total: number;
  lines: number;
  repeat: number;
  hot: number;
  escalated: number;
  reopened: number;
  resolved: number;
  firstContactResolved: number;
  levels: { level: number; exits: number; onTime: number }[];
  rootCauses: { value: number; system: number; people: number };
}

interface ComplaintRow extends GroupKey, Omit<ComplaintRollupCounts, 'levels' | 'rootCauses' | 'lines'> {
  l1Exits: number;
  l1OnTime: number;
  l2Exits: number;
  l2OnTime: number;
  l3Exits: number;
  l3OnTime: number;
  rootValue: number;
  rootSystem: number;
  rootPeople: number;
}

const complaintColumns: MeasuredColumns = { orgUnitId: sql`c.org_unit_id`, managerId: sql`c.account_manager_id`, at: sql`p.received_at` };

/**
 * Complaints received in the range, per group: repeat, hot, escalated, reopened, first-contact
 * resolution, root causes, and the complaints that left each level and left it on time (counted on
 * the complaint's own month, so a row's numbers all describe the same complaints and drill down to
 * the same list).
 */
export async function complaintRollup(db: Executor, ctx: AccessContext, range: MeasureRange): Promise<Rollup<ComplaintRollupCounts>> {
  const scope = measureScope(ctx);
  const where = sql.join([scope, ...inMonthRange(complaintColumns.at, range.from, range.to)], sql` AND `);
  // Per complaint, not per event: a complaint that left a level twice (reopened) counts once, on
  // time only if every exit was, so the count and the list behind it (levelExit) agree.
  const levelCounts = sql.join(
    [1, 2, 3].map(
      (level) => sql`count(*) FILTER (WHERE ev.exited${sql.raw(String(level))})::int AS "l${sql.raw(String(level))}Exits",
        count(*) FILTER (WHERE ev.on_time${sql.raw(String(level))})::int AS "l${sql.raw(String(level))}OnTime"`,
    ),
    sql`, `,
  );
  const perLevel = sql.join(
    [1, 2, 3].map(
      (level) => sql`bool_or(e.from_level = ${level}) AS exited${sql.raw(String(level))},
        bool_and(e.on_time) FILTER (WHERE e.from_level = ${level}) AS on_time${sql.raw(String(level))}`,
    ),
    sql`, `,
  );
  const result = await rollup<ComplaintRow>(
    db,
    range,
    complaintColumns,
    (g) => sql`SELECT ${g.key} AS key, ${g.label} AS label, count(*)::int AS total,
        count(*) FILTER (WHERE p.repeat)::int AS repeat, count(*) FILTER (WHERE p.hot)::int AS hot,
        count(*) FILTER (WHERE p.escalated_once)::int AS escalated, count(*) FILTER (WHERE p.reopen_count > 0)::int AS reopened,
        count(*) FILTER (WHERE p.status IN ('resolved', 'closed'))::int AS resolved,
        count(*) FILTER (WHERE p.first_contact_resolved)::int AS "firstContactResolved",
        count(*) FILTER (WHERE p.root_cause = 'value')::int AS "rootValue", count(*) FILTER (WHERE p.root_cause = 'system')::int AS "rootSystem",
        count(*) FILTER (WHERE p.root_cause = 'people')::int AS "rootPeople", ${levelCounts}
      FROM complaints p JOIN customers c ON c.id = p.customer_id ${g.joins}
      LEFT JOIN LATERAL (SELECT ${perLevel} FROM complaint_events e WHERE e.complaint_id = p.id AND e.on_time IS NOT NULL) ev ON true
      WHERE ${where}`,
    { total: 0, repeat: 0, hot: 0, escalated: 0, reopened: 0, resolved: 0, firstContactResolved: 0, l1Exits: 0, l1OnTime: 0, l2Exits: 0, l2OnTime: 0, l3Exits: 0, l3OnTime: 0, rootValue: 0, rootSystem: 0, rootPeople: 0 },
  );
  const lines = await linesPerGroup(db, scope, range.by);
  const shape = (row: ComplaintRow, byGroup: boolean): ComplaintRollupCounts => {
    const { l1Exits, l1OnTime, l2Exits, l2OnTime, l3Exits, l3OnTime, rootValue, rootSystem, rootPeople, ...counts } = row;
    return {
      ...counts,
      // Lines in service today: the month trend and the total divide by the whole reach.
      lines: byGroup ? (lines.get(row.key) ?? 0) : lines.total,
      levels: [
        { level: 1, exits: l1Exits, onTime: l1OnTime },
        { level: 2, exits: l2Exits, onTime: l2OnTime },
        { level: 3, exits: l3Exits, onTime: l3OnTime },
      ],
      rootCauses: { value: rootValue, system: rootSystem, people: rootPeople },
    };
  };
  const grouped = range.by !== 'month';
  return { rows: result.rows.map((row) => shape(row, grouped)), trend: result.trend.map((row) => shape(row, false)), total: shape(result.total, false) };
}

/** Lines in service of the customers in reach, per group of the dimension, and in total. */
async function linesPerGroup(db: Executor, scope: SQL, by: MeasureDimension): Promise<{ get(key: string | null): number | undefined; total: number }> {
  // Lines are counted as they are today, so they have no month: the month view divides by the total.
  const grouping = groupingOf(by === 'month' ? 'total' : by, { ...complaintColumns, at: sql`now()` });
  const rows = await db.rows<{ key: string | null; n: number }>(sql`SELECT ${grouping.key} AS key, count(*)::int AS n
    FROM lines l JOIN customers c ON c.id = l.customer_id ${grouping.joins} WHERE ${scope} AND l.status <> 'cancelled' GROUP BY 1`);
  const byKey = new Map(rows.map((row) => [row.key, row.n]));
  return { get: (key) => byKey.get(key), total: rows.reduce((sum, row) => sum + row.n, 0) };
}

// ---------------------------------------------------------------------------------------------
// Revisits
// ---------------------------------------------------------------------------------------------

export interface RevisitRollupCounts extends GroupKey {
  due: number;
  done: number;
  unreachable: number;
  pending: number;
  onTime: number;
  satisfied: number;
  unsatisfied: number;
  meanScore: number | null;
}

const revisitColumns: MeasuredColumns = { orgUnitId: sql`c.org_unit_id`, managerId: sql`c.account_manager_id`, at: sql`r.due_at` };

/** Revisits falling due in the range, per group: done, on time, satisfied (DOMAIN §5.3). */
export function revisitRollup(db: Executor, ctx: AccessContext, range: MeasureRange): Promise<Rollup<RevisitRollupCounts>> {
  const where = sql.join([measureScope(ctx), ...inMonthRange(revisitColumns.at, range.from, range.to)], sql` AND `);
  return rollup<RevisitRollupCounts>(
    db,
    range,
    revisitColumns,
    (g) => sql`SELECT ${g.key} AS key, ${g.label} AS label, count(*)::int AS due,
        count(*) FILTER (WHERE r.status = 'done')::int AS done, count(*) FILTER (WHERE r.status = 'unreachable')::int AS unreachable,
        count(*) FILTER (WHERE r.status = 'pending')::int AS pending,
        count(*) FILTER (WHERE r.status = 'done' AND r.done_at <= r.due_at)::int AS "onTime",
        count(*) FILTER (WHERE r.outcome = 'satisfied')::int AS satisfied, count(*) FILTER (WHERE r.outcome = 'unsatisfied')::int AS unsatisfied,
        round(avg(r.satisfaction), 2)::float8 AS "meanScore"
      FROM revisits r JOIN customers c ON c.id = r.customer_id ${g.joins} WHERE ${where}`,
    { due: 0, done: 0, unreachable: 0, pending: 0, onTime: 0, satisfied: 0, unsatisfied: 0, meanScore: null },
  );
}

// ---------------------------------------------------------------------------------------------
// Surveys
// ---------------------------------------------------------------------------------------------

export interface SurveyRollupCounts extends GroupKey {
  vipSurveyed: number;
  vipApproving: number;
  guestSurveyed: number;
  guestApproving: number;
  answers: number;
  index: number | null;
  dimensions: Record<string, number | null>;
}

/** Answers carry the manager and org unit frozen when the customer answered (survey_responses). */
const surveyColumns: MeasuredColumns = { orgUnitId: sql`s.org_unit_id`, managerId: sql`s.account_manager_id`, at: sql`s.answered_at` };

/** The five dimensions of the KA satisfaction survey, in questionnaire order. */
export const SATISFACTION_DIMENSIONS: readonly string[] = KA_SATISFACTION_QUESTIONNAIRE.dimensions.map((d) => d.code);

/**
 * Approval (approving ÷ surveyed, VIP and 贵宾 apart) and the satisfaction index with its dimension
 * means, per group. The mean of the answers' indexes equals Σ weight × mean dimension score, since
 * every answer scores every dimension.
 */
export async function surveyRollup(db: Executor, ctx: AccessContext, range: MeasureRange): Promise<Rollup<SurveyRollupCounts>> {
  const where = sql.join([measureScope(ctx), ...inMonthRange(surveyColumns.at, range.from, range.to)], sql` AND `);
  const satisfaction = sql`s.kind = 'satisfaction'`;
  const dimensionMeans = sql.join(
    SATISFACTION_DIMENSIONS.map((code) => sql`${code}::text, round(avg((s.dimension_scores ->> ${code})::numeric) FILTER (WHERE ${satisfaction}), 1)`),
    sql`, `,
  );
  const approval = (customerClass: 'vip' | 'guest') => {
    const of = sql`s.kind = 'approval' AND s.customer_class = ${customerClass}`;
    return sql`count(*) FILTER (WHERE ${of})::int AS "${sql.raw(customerClass)}Surveyed",
      count(*) FILTER (WHERE ${of} AND s.approves)::int AS "${sql.raw(customerClass)}Approving"`;
  };
  return rollup<SurveyRollupCounts>(
    db,
    range,
    surveyColumns,
    (g) => sql`SELECT ${g.key} AS key, ${g.label} AS label, ${approval('vip')}, ${approval('guest')},
        count(*) FILTER (WHERE ${satisfaction})::int AS answers, round(avg(s.score_index) FILTER (WHERE ${satisfaction}), 1)::float8 AS index,
        jsonb_build_object(${dimensionMeans}) AS dimensions
      FROM survey_responses s JOIN customers c ON c.id = s.customer_id ${g.joins} WHERE ${where}`,
    { vipSurveyed: 0, vipApproving: 0, guestSurveyed: 0, guestApproving: 0, answers: 0, index: null, dimensions: {} },
  );
}
