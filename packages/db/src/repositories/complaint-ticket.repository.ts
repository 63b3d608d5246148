import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { complaintScope } from './complaint.repository';
import { anyOf, COMPARISON_SQL, ticketOrderBy, type Comparison, type TicketSortAttribute, type TicketWindow } from './trouble-ticket.repository';

/** A complaint as the TMF621 façade reads it (ticketType complaint). */
export interface ComplaintTicketRow {
  id: number;
  complaintNo: string;
  category: string;
  description: string;
  channel: string;
  /** The client's own value when it sent one, else ours (low/medium/high/critical). */
  severity: string;
  tmfPriority: string | null;
  externalId: string | null;
  disputedBill: string | null;
  status: string;
  level: number;
  lineNo: string | null;
  customerNo: string;
  customerName: string;
  assignee: string | null;
  assigneeName: string | null;
  receivedAt: Date;
  updatedAt: Date;
  levelDeadline: Date;
  resolvedAt: Date | null;
  statusChangeDate: Date | null;
}

const severity = sql`COALESCE(p.tmf_severity, p.severity)`;

const columns = sql`p.id, p.complaint_no AS "complaintNo", p.category, p.description, p.channel, ${severity} AS severity,
  p.tmf_priority AS "tmfPriority", p.external_id AS "externalId", p.disputed_bill AS "disputedBill", p.status, p.level::int AS level,
  l.line_no AS "lineNo", c.customer_no AS "customerNo", c.name AS "customerName", au.username AS assignee, au.display_name AS "assigneeName",
  p.received_at AS "receivedAt", p.updated_at AS "updatedAt", p.level_deadline AS "levelDeadline", p.resolved_at AS "resolvedAt",
  (SELECT max(e.occurred_at) FROM complaint_events e WHERE e.complaint_id = p.id AND e.from_status IS DISTINCT FROM e.to_status) AS "statusChangeDate"`;

const from = sql`FROM complaints p JOIN customers c ON c.id = p.customer_id LEFT JOIN lines l ON l.id = p.line_id LEFT JOIN users au ON au.id = p.assignee_id`;

export interface ComplaintTicketFilter {
  complaintNos?: readonly string[];
  statuses?: readonly string[];
  severities?: readonly string[];
  priorities?: readonly string[];
  externalIds?: readonly string[];
  customerNos?: readonly string[];
  categories?: readonly string[];
  creationDate?: readonly { op: Comparison; at: Date }[];
  lastUpdate?: readonly { op: Comparison; at: Date }[];
}

function conditions(ctx: AccessContext, filter: ComplaintTicketFilter): SQL {
  const parts: SQL[] = [complaintScope(ctx)];
  if (filter.complaintNos) parts.push(anyOf(sql`p.complaint_no`, filter.complaintNos));
  if (filter.statuses) parts.push(anyOf(sql`p.status`, filter.statuses));
  if (filter.severities) parts.push(anyOf(severity, filter.severities));
  if (filter.priorities) parts.push(anyOf(sql`p.tmf_priority`, filter.priorities));
  if (filter.externalIds) parts.push(anyOf(sql`p.external_id`, filter.externalIds));
  if (filter.customerNos) parts.push(anyOf(sql`c.customer_no`, filter.customerNos));
  if (filter.categories) parts.push(anyOf(sql`p.category`, filter.categories));
  for (const { op, at } of filter.creationDate ?? []) parts.push(sql`p.received_at ${COMPARISON_SQL[op]} ${at.toISOString()}`);
  for (const { op, at } of filter.lastUpdate ?? []) parts.push(sql`p.updated_at ${COMPARISON_SQL[op]} ${at.toISOString()}`);
  return sql.join(parts, sql` AND `);
}

const SORT_COLUMNS: Record<TicketSortAttribute, SQL> = { creationDate: sql`p.received_at`, lastUpdate: sql`p.updated_at`, id: sql`p.complaint_no` };

export async function listComplaintTicketRows(
  db: Executor,
  ctx: AccessContext,
  filter: ComplaintTicketFilter,
  window: TicketWindow,
): Promise<{ rows: ComplaintTicketRow[]; total: number }> {
  const where = conditions(ctx, filter);
  const [rows, count] = await Promise.all([
    db.rows<ComplaintTicketRow>(sql`SELECT ${columns} ${from} WHERE ${where}
      ORDER BY ${ticketOrderBy(window.sort, SORT_COLUMNS, sql`p.id`)} LIMIT ${window.limit} OFFSET ${window.offset}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total ${from} WHERE ${where}`),
  ]);
  return { rows, total: count?.total ?? 0 };
}

export function findComplaintTicketRow(db: Executor, ctx: AccessContext, complaintNo: string): Promise<ComplaintTicketRow | undefined> {
  return db.first<ComplaintTicketRow>(sql`SELECT ${columns} ${from} WHERE p.complaint_no = ${complaintNo} AND ${complaintScope(ctx)}`);
}

/** Unscoped, by primary key: the outbox renders the ticket of a change its own transaction just made. */
export function loadComplaintTicketRow(db: Executor, id: number): Promise<(ComplaintTicketRow & { orgPath: string }) | undefined> {
  return db.first(sql`SELECT ${columns}, co.path AS "orgPath" ${from} JOIN org_units co ON co.id = c.org_unit_id WHERE p.id = ${id}`);
}

/** What a TMF client may set on a complaint besides its status; undefined leaves a column alone. */
export interface ComplaintTicketAttributes {
  severity?: string;
  tmfSeverity?: string | null;
  tmfPriority?: string | null;
  externalId?: string | null;
  disputedBill?: string | null;
}

const ATTRIBUTE_COLUMNS: Record<keyof ComplaintTicketAttributes, string> = {
  severity: 'severity',
  tmfSeverity: 'tmf_severity',
  tmfPriority: 'tmf_priority',
  externalId: 'external_id',
  disputedBill: 'disputed_bill',
};

export async function updateComplaintTicketAttributes(tx: Executor, id: number, values: ComplaintTicketAttributes, at: Date): Promise<void> {
  const sets: SQL[] = [sql`updated_at = ${at.toISOString()}`];
  for (const [key, column] of Object.entries(ATTRIBUTE_COLUMNS) as [keyof ComplaintTicketAttributes, string][]) {
    const value = values[key];
    if (value !== undefined) sets.push(sql`${sql.raw(column)} = ${value}`);
  }
  await tx.run(sql`UPDATE complaints SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}
