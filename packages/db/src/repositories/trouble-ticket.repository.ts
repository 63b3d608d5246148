import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { customerScope } from './scope';

/** A work order as the TMF621 façade reads it: the columns a TroubleTicket is built from. */
export interface TroubleTicketRow {
  id: number;
  orderNo: string;
  title: string;
  description: string | null;
  type: string;
  serviceItem: string | null;
  channel: string;
  priority: string;
  /** The client's own value when it sent one, else ours. */
  ticketPriority: string;
  /** The client's own value when it sent one, else derived from our priority. */
  severity: string;
  externalId: string | null;
  status: string;
  heldFrom: string | null;
  deliveryPack: boolean;
  customerNo: string;
  customerName: string;
  customerKind: 'individual' | 'group';
  assignee: string | null;
  assigneeName: string | null;
  appointmentStart: Date | null;
  appointmentEnd: Date | null;
  acceptedAt: Date;
  completedAt: Date | null;
  updatedAt: Date;
  statusChangeDate: Date | null;
  /** Deadline of the current cycle's resolution target. */
  resolutionDeadline: Date | null;
}

/** The severity a ticket shows when its client sent none: from our own priority. */
const severity = sql`COALESCE(o.tmf_severity, CASE o.priority WHEN 'urgent' THEN 'critical' WHEN 'high' THEN 'major' ELSE 'minor' END)`;
const priority = sql`COALESCE(o.tmf_priority, o.priority)`;

const columns = sql`o.id, o.order_no AS "orderNo", o.title, o.description, o.type, o.service_item AS "serviceItem", o.channel, o.priority,
  ${priority} AS "ticketPriority", ${severity} AS severity, o.external_id AS "externalId", o.status,
  o.held_from AS "heldFrom", o.delivery_pack AS "deliveryPack",
  c.customer_no AS "customerNo", c.name AS "customerName", c.kind AS "customerKind",
  au.username AS assignee, au.display_name AS "assigneeName", o.appointment_start AS "appointmentStart",
  o.appointment_end AS "appointmentEnd", o.accepted_at AS "acceptedAt", o.completed_at AS "completedAt", o.updated_at AS "updatedAt",
  (SELECT max(e.occurred_at) FROM work_order_events e WHERE e.work_order_id = o.id AND e.kind = 'status') AS "statusChangeDate",
  (SELECT t.deadline FROM work_order_sla_targets t WHERE t.work_order_id = o.id AND t.target = 'resolution'
    ORDER BY t.cycle DESC, t.id DESC LIMIT 1) AS "resolutionDeadline"`;

/** What a count needs: the orders and their customers (for the scope and the customer filter), nothing to display. */
const countFrom = sql`FROM work_orders o JOIN customers c ON c.id = o.customer_id`;
const from = sql`${countFrom} LEFT JOIN users au ON au.id = o.assignee_id`;

export type Comparison = 'gt' | 'gte' | 'lt' | 'lte' | 'eq';

export interface TroubleTicketFilter {
  orderNos?: readonly string[];
  statuses?: readonly string[];
  severities?: readonly string[];
  priorities?: readonly string[];
  externalIds?: readonly string[];
  customerNos?: readonly string[];
  names?: readonly string[];
  creationDate?: readonly { op: Comparison; at: Date }[];
  lastUpdate?: readonly { op: Comparison; at: Date }[];
  /** Only orders with an appointment window (the TMF646 view). */
  withAppointment?: boolean;
}

export const COMPARISON_SQL: Record<Comparison, SQL> = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=`, eq: sql`=` };

/** `column IN (…)` over bound values. */
export const anyOf = (column: SQL, values: readonly string[]) => sql`${column} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

function conditions(ctx: AccessContext, filter: TroubleTicketFilter): SQL {
  const parts: SQL[] = [customerScope(ctx)];
  if (filter.orderNos) parts.push(anyOf(sql`o.order_no`, filter.orderNos));
  if (filter.statuses) parts.push(anyOf(sql`o.status`, filter.statuses));
  if (filter.severities) parts.push(anyOf(severity, filter.severities));
  if (filter.priorities) parts.push(anyOf(priority, filter.priorities));
  if (filter.externalIds) parts.push(anyOf(sql`o.external_id`, filter.externalIds));
  if (filter.customerNos) parts.push(anyOf(sql`c.customer_no`, filter.customerNos));
  if (filter.names) parts.push(anyOf(sql`o.title`, filter.names));
  for (const { op, at } of filter.creationDate ?? []) parts.push(sql`o.accepted_at ${COMPARISON_SQL[op]} ${at.toISOString()}`);
  for (const { op, at } of filter.lastUpdate ?? []) parts.push(sql`o.updated_at ${COMPARISON_SQL[op]} ${at.toISOString()}`);
  if (filter.withAppointment) parts.push(sql`o.appointment_start IS NOT NULL`);
  return sql.join(parts, sql` AND `);
}

/** Attributes a ticket list sorts by (`sort=-creationDate,id`). */
export const TICKET_SORT_ATTRIBUTES = ['creationDate', 'lastUpdate', 'id'] as const;
export type TicketSortAttribute = (typeof TICKET_SORT_ATTRIBUTES)[number];
export interface TicketSortKey {
  attribute: TicketSortAttribute;
  descending: boolean;
}

/** A page of tickets; `sort` empty means newest first (TMF's default order). */
export interface TicketWindow {
  offset: number;
  limit: number;
  sort?: readonly TicketSortKey[];
}

/** ORDER BY for a ticket sort; the row id breaks ties in the last key's direction, so pages never overlap. */
export function ticketOrderBy(sort: readonly TicketSortKey[] | undefined, columns: Record<TicketSortAttribute, SQL>, rowId: SQL): SQL {
  const keys = sort && sort.length > 0 ? sort : [{ attribute: 'creationDate' as const, descending: true }];
  const direction = (descending: boolean) => (descending ? sql`DESC` : sql`ASC`);
  return sql.join(
    [...keys.map((key) => sql`${columns[key.attribute]} ${direction(key.descending)}`), sql`${rowId} ${direction(keys[keys.length - 1]!.descending)}`],
    sql`, `,
  );
}

const SORT_COLUMNS: Record<TicketSortAttribute, SQL> = { creationDate: sql`o.accepted_at`, lastUpdate: sql`o.updated_at`, id: sql`o.order_no` };

export async function listTroubleTicketRows(
  db: Executor,
  ctx: AccessContext,
  filter: TroubleTicketFilter,
  window: TicketWindow,
): Promise<{ rows: TroubleTicketRow[]; total: number }> {
  const where = conditions(ctx, filter);
  const [rows, count] = await Promise.all([
    db.rows<TroubleTicketRow>(sql`SELECT ${columns} ${from} WHERE ${where}
      ORDER BY ${ticketOrderBy(window.sort, SORT_COLUMNS, sql`o.id`)} LIMIT ${window.limit} OFFSET ${window.offset}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total ${countFrom} WHERE ${where}`),
  ]);
  return { rows, total: count?.total ?? 0 };
}

export function findTroubleTicketRow(db: Executor, ctx: AccessContext, orderNo: string): Promise<TroubleTicketRow | undefined> {
  return db.first<TroubleTicketRow>(sql`SELECT ${columns} ${from} WHERE o.order_no = ${orderNo} AND ${customerScope(ctx)}`);
}

/** Unscoped, by primary key: the outbox renders the ticket of a change its own transaction just made. */
export function loadTroubleTicketRow(db: Executor, id: number): Promise<(TroubleTicketRow & { orgPath: string }) | undefined> {
  return db.first(sql`SELECT ${columns}, co.path AS "orgPath" ${from} JOIN org_units co ON co.id = c.org_unit_id WHERE o.id = ${id}`);
}

/** The attributes a TMF PATCH may change besides the status; undefined leaves a column alone. */
export interface TroubleTicketAttributes {
  title?: string;
  description?: string | null;
  priority?: string;
  tmfPriority?: string | null;
  tmfSeverity?: string | null;
  externalId?: string | null;
}

const ATTRIBUTE_COLUMNS: Record<keyof TroubleTicketAttributes, string> = {
  title: 'title',
  description: 'description',
  priority: 'priority',
  tmfPriority: 'tmf_priority',
  tmfSeverity: 'tmf_severity',
  externalId: 'external_id',
};

export async function updateTroubleTicketAttributes(tx: Executor, id: number, values: TroubleTicketAttributes, at: Date): Promise<void> {
  const sets: SQL[] = [sql`updated_at = ${at.toISOString()}`];
  for (const [key, column] of Object.entries(ATTRIBUTE_COLUMNS) as [keyof TroubleTicketAttributes, string][]) {
    const value = values[key];
    if (value !== undefined) sets.push(sql`${sql.raw(column)} = ${value}`);
  }
  await tx.run(sql`UPDATE work_orders SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}
