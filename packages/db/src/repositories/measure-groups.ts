import { sql, type SQL } from 'drizzle-orm';

/**
 * Grouping and drill-down for the service measure roll-ups (DOMAIN §5): the same five ways to cut
 * a measure, and the same filters on the lists behind each number, so a count and its list agree.
 */

export type MeasureDimension = 'manager' | 'team' | 'district' | 'city' | 'month';

/** Where a measured row finds its org unit, its account manager and the instant that dates it. */
export interface MeasuredColumns {
  readonly orgUnitId: SQL;
  readonly managerId: SQL;
  readonly at: SQL;
}

export interface Grouping {
  readonly joins: SQL;
  readonly key: SQL;
  readonly label: SQL;
}

/** Business month of an instant (Asia/Shanghai). */
export const businessMonthOf = (at: SQL) => sql`to_char(${at} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;

/** The ancestor-or-self unit of a kind for every org unit: one hash join instead of a LIKE per row. */
const ancestorOfKind = (kind: 'district' | 'city') =>
  sql`(SELECT u.id, a.code, a.name FROM org_units u JOIN org_units a ON a.kind = ${kind} AND u.path LIKE a.path || '%')`;

export function groupingOf(by: MeasureDimension | 'total', columns: MeasuredColumns): Grouping {
  switch (by) {
    case 'manager':
      return { joins: sql`LEFT JOIN users gm ON gm.id = ${columns.managerId}`, key: sql`gm.username`, label: sql`gm.display_name` };
    case 'team':
      // The account manager's team today: teams are where managers sit, not where customers are filed.
      return {
        joins: sql`LEFT JOIN users gm ON gm.id = ${columns.managerId} LEFT JOIN org_units gt ON gt.id = gm.org_unit_id AND gt.kind = 'team'`,
        key: sql`gt.code`,
        label: sql`gt.name`,
      };
    case 'district':
    case 'city':
      return { joins: sql`LEFT JOIN ${ancestorOfKind(by)} g ON g.id = ${columns.orgUnitId}`, key: sql`g.code`, label: sql`g.name` };
    case 'month':
      return { joins: sql``, key: businessMonthOf(columns.at), label: businessMonthOf(columns.at) };
    case 'total':
      return { joins: sql``, key: sql`NULL::text`, label: sql`NULL::text` };
  }
}

/** First instant of a business month (YYYY-MM) in Asia/Shanghai, as timestamptz text. */
export function monthStart(month: string): string {
  return `${month}-01T00:00:00+08:00`;
}

/** The business month after `month`. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  return index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
}

/** Rows dated within the business months from…to, both inclusive (index-friendly bounds). */
export function inMonthRange(at: SQL, from: string | undefined, to: string | undefined): SQL[] {
  const parts: SQL[] = [];
  if (from !== undefined) parts.push(sql`${at} >= ${monthStart(from)}::timestamptz`);
  if (to !== undefined) parts.push(sql`${at} < ${monthStart(nextMonth(to))}::timestamptz`);
  return parts;
}

export interface DrillDownFilter {
  /** Account manager's username; `none` for rows without one. */
  manager?: string;
  /** Team org unit code: the account managers sitting in it. */
  team?: string;
  /** Org unit code: its whole subtree. */
  orgUnit?: string;
  from?: string;
  to?: string;
}

/** The conditions that select the rows behind one roll-up row. */
export function drillDownConditions(filter: DrillDownFilter, columns: MeasuredColumns): SQL[] {
  const parts = inMonthRange(columns.at, filter.from, filter.to);
  if (filter.manager === 'none') parts.push(sql`${columns.managerId} IS NULL`);
  else if (filter.manager !== undefined) parts.push(sql`${columns.managerId} = (SELECT id FROM users WHERE username = ${filter.manager})`);
  if (filter.team !== undefined) {
    parts.push(sql`${columns.managerId} IN (SELECT u.id FROM users u JOIN org_units t ON t.id = u.org_unit_id WHERE t.code = ${filter.team})`);
  }
  if (filter.orgUnit !== undefined) {
    parts.push(sql`${columns.orgUnitId} IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE code = ${filter.orgUnit}) || '%')`);
  }
  return parts;
}
