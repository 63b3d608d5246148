import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { complaintScope } from './complaint.repository';
import { customerAggregateScope } from './scope';

export interface ComplaintMeasures {
  total: number;
  repeat: number;
  hot: number;
  escalated: number;
  reopened: number;
  resolved: number;
  firstContactResolved: number;
  closed: number;
  /** Lines of the customers in scope, for complaints per 10,000 lines. */
  lines: number;
  onTimeByLevel: { level: number; exits: number; onTime: number }[];
  byRootCause: { rootCause: string; count: number }[];
  byCategory: { category: string; count: number }[];
  revisits: { due: number; done: number; unreachable: number; satisfied: number; onTime: number };
}

/** Analysts count across their subtree without reading rows; everyone else counts what they may read. */
export function measureScope(ctx: AccessContext): SQL {
  return ctx.dataScope === 'aggregate' ? customerAggregateScope(ctx) : complaintScope(ctx);
}

const inMonth = (column: SQL, month: string) => sql`to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}`;

/** The month's complaint and revisit measures (DOMAIN §5.3, §5.9) for the caller's reach. */
export async function complaintMeasures(db: Executor, ctx: AccessContext, month: string): Promise<ComplaintMeasures> {
  const scope = measureScope(ctx);
  const [counts, lines, levels, causes, categories, revisits] = await Promise.all([
    db.first<Omit<ComplaintMeasures, 'lines' | 'onTimeByLevel' | 'byRootCause' | 'byCategory' | 'revisits'>>(sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE p.repeat)::int AS repeat, count(*) FILTER (WHERE p.hot)::int AS hot,
        count(*) FILTER (WHERE p.escalated_once)::int AS escalated, count(*) FILTER (WHERE p.reopen_count > 0)::int AS reopened,
        count(*) FILTER (WHERE p.status IN ('resolved', 'closed'))::int AS resolved,
        count(*) FILTER (WHERE p.first_contact_resolved)::int AS "firstContactResolved",
        count(*) FILTER (WHERE p.status = 'closed')::int AS closed
      FROM complaints p JOIN customers c ON c.id = p.customer_id WHERE ${scope} AND ${inMonth(sql`p.received_at`, month)}`),
    db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM lines l JOIN customers c ON c.id = l.customer_id
      WHERE ${scope} AND l.status <> 'cancelled'`),
    db.rows<{ level: number; exits: number; onTime: number }>(sql`
      SELECT e.from_level::int AS level, count(*)::int AS exits, count(*) FILTER (WHERE e.on_time)::int AS "onTime"
      FROM complaint_events e JOIN complaints p ON p.id = e.complaint_id JOIN customers c ON c.id = p.customer_id
      WHERE ${scope} AND e.on_time IS NOT NULL AND ${inMonth(sql`e.occurred_at`, month)}
      GROUP BY e.from_level ORDER BY e.from_level`),
    db.rows<{ rootCause: string; count: number }>(sql`
      SELECT p.root_cause AS "rootCause", count(*)::int AS count FROM complaints p JOIN customers c ON c.id = p.customer_id
      WHERE ${scope} AND p.root_cause IS NOT NULL AND ${inMonth(sql`p.received_at`, month)} GROUP BY p.root_cause ORDER BY p.root_cause`),
    db.rows<{ category: string; count: number }>(sql`
      SELECT p.category, count(*)::int AS count FROM complaints p JOIN customers c ON c.id = p.customer_id
      WHERE ${scope} AND ${inMonth(sql`p.received_at`, month)} GROUP BY p.category ORDER BY count DESC, p.category`),
    db.first<ComplaintMeasures['revisits']>(sql`
      SELECT count(*)::int AS due, count(*) FILTER (WHERE r.status = 'done')::int AS done,
        count(*) FILTER (WHERE r.status = 'unreachable')::int AS unreachable,
        count(*) FILTER (WHERE r.outcome = 'satisfied')::int AS satisfied,
        count(*) FILTER (WHERE r.status = 'done' AND r.done_at <= r.due_at)::int AS "onTime"
      FROM revisits r JOIN customers c ON c.id = r.customer_id WHERE ${scope} AND ${inMonth(sql`r.due_at`, month)}`),
  ]);
  return {
    ...(counts ?? { total: 0, repeat: 0, hot: 0, escalated: 0, reopened: 0, resolved: 0, firstContactResolved: 0, closed: 0 }),
    lines: lines?.n ?? 0,
    onTimeByLevel: levels,
    byRootCause: causes,
    byCategory: categories,
    revisits: revisits ?? { due: 0, done: 0, unreachable: 0, satisfied: 0, onTime: 0 },
  };
}
