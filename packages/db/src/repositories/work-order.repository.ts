import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { nextDailyNumber } from './daily-sequence';
import { offsetOf, type Page, type PageRequest } from './paging';
import { customerScope } from './scope';

export const WORK_ORDER_TYPES = ['install', 'move', 'change', 'restore', 'fault', 'sim_replacement', 'query', 'cross_region'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

export const WORK_ORDER_CHANNELS = ['hotline', 'business_hall', 'online', 'account_manager', 'partner', 'tmf'] as const;
export type WorkOrderChannel = (typeof WORK_ORDER_CHANNELS)[number];

export const WORK_ORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number];

export const SLA_TARGET_KINDS = ['resolution', 'delivery', 'revisit'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];

/** Statuses after which nothing more happens to an order. */
export const CLOSED_WORK_ORDER_STATUSES = ['archived', 'cancelled'] as const;

export interface WorkOrderRecord {
  id: number;
  orderNo: string;
  trackingCode: string;
  customerId: number;
  customerNo: string;
  customerName: string;
  customerOrgUnit: string;
  accountManagerId: number | null;
  lineId: number | null;
  lineNo: string | null;
  type: WorkOrderType;
  channel: WorkOrderChannel;
  priority: WorkOrderPriority;
  serviceItem: string | null;
  star: number | null;
  circuitScope: string | null;
  slaService: string | null;
  slaTier: string | null;
  standardFeeFen: number | null;
  chargedFeeFen: number | null;
  contractLimitWorkdays: number | null;
  appointmentStart: Date | null;
  appointmentEnd: Date | null;
  dispatchOrgUnitId: number | null;
  dispatchOrgUnit: string | null;
  assigneeId: number | null;
  assignee: string | null;
  assigneeName: string | null;
  deliveryPack: boolean;
  title: string;
  description: string | null;
  status: string;
  heldFrom: string | null;
  cycle: number;
  catalogueVersion: string | null;
  slaRuleVersion: string | null;
  calendarVersion: string;
  acceptedAt: Date;
  completedAt: Date | null;
  deliveredAt: Date | null;
  archivedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The target a list row's SLA badge shows: the open one due first, else the first one recorded. */
export interface WorkOrderListItem extends WorkOrderRecord {
  sla: {
    targetId: number;
    target: SlaTargetKind;
    state: string;
    clockStatus: string;
    deadline: Date | null;
    deadlineProjected: boolean;
    budget: { unit: string; amount: number };
    budgetMinutes: number;
    elapsedMinutes: number;
  } | null;
}

const columns = sql`o.id, o.order_no AS "orderNo", o.tracking_code AS "trackingCode", o.customer_id AS "customerId",
  c.customer_no AS "customerNo", c.name AS "customerName", co.code AS "customerOrgUnit", c.account_manager_id AS "accountManagerId",
  o.line_id AS "lineId", l.line_no AS "lineNo", o.type, o.channel, o.priority, o.service_item AS "serviceItem", o.star,
  o.circuit_scope AS "circuitScope", o.sla_service AS "slaService", o.sla_tier AS "slaTier",
  o.standard_fee_fen AS "standardFeeFen", o.charged_fee_fen AS "chargedFeeFen", o.contract_limit_workdays AS "contractLimitWorkdays",
  o.appointment_start AS "appointmentStart", o.appointment_end AS "appointmentEnd",
  o.dispatch_org_unit_id AS "dispatchOrgUnitId", du.code AS "dispatchOrgUnit",
  o.assignee_id AS "assigneeId", au.username AS assignee, au.display_name AS "assigneeName",
  o.delivery_pack AS "deliveryPack", o.title, o.description, o.status, o.held_from AS "heldFrom", o.cycle,
  o.catalogue_version AS "catalogueVersion", o.sla_rule_version AS "slaRuleVersion", o.calendar_version AS "calendarVersion",
  o.accepted_at AS "acceptedAt", o.completed_at AS "completedAt", o.delivered_at AS "deliveredAt",
  o.archived_at AS "archivedAt", o.cancelled_at AS "cancelledAt", o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

const from = sql`FROM work_orders o
  JOIN customers c ON c.id = o.customer_id
  JOIN org_units co ON co.id = c.org_unit_id
  LEFT JOIN lines l ON l.id = o.line_id
  LEFT JOIN users au ON au.id = o.assignee_id
  LEFT JOIN org_units du ON du.id = o.dispatch_org_unit_id`;

/** The open target due first; when none is open, the first target recorded (the resolution). */
const currentTarget = sql`LEFT JOIN LATERAL (
    SELECT t.id, t.target, t.state, t.clock_status, t.deadline, t.deadline_projected, t.budget, t.budget_minutes, t.elapsed_minutes,
      t.clock_status IN ('running', 'paused') AS open
    FROM work_order_sla_targets t WHERE t.work_order_id = o.id
    ORDER BY t.clock_status IN ('running', 'paused') DESC, CASE WHEN t.clock_status IN ('running', 'paused') THEN t.deadline END ASC NULLS LAST, t.id ASC
    LIMIT 1
  ) s ON true`;

/**
 * The count of a list joins only what the filter reads: the customer (scope, customer filters) and the
 * SLA target when filtering by its state. Display joins would cost one lookup per match.
 */
function countFrom(filter: WorkOrderFilter): SQL {
  return sql`FROM work_orders o JOIN customers c ON c.id = o.customer_id ${filter.slaState?.length ? currentTarget : sql``}`;
}

const slaColumns = sql`s.id AS "slaTargetId", s.target AS "slaTarget", s.state AS "slaState", s.clock_status AS "slaClockStatus",
  s.deadline AS "slaDeadline", s.deadline_projected AS "slaDeadlineProjected", s.budget AS "slaBudget",
  s.budget_minutes AS "slaBudgetMinutes", s.elapsed_minutes AS "slaElapsedMinutes"`;

interface ListRow extends WorkOrderRecord {
  slaTargetId: number | null;
  slaTarget: SlaTargetKind | null;
  slaState: string | null;
  slaClockStatus: string | null;
  slaDeadline: Date | null;
  slaDeadlineProjected: boolean | null;
  slaBudget: { unit: string; amount: number } | null;
  slaBudgetMinutes: number | null;
  slaElapsedMinutes: number | null;
}

function toListItem(row: ListRow): WorkOrderListItem {
  const { slaTargetId, slaTarget, slaState, slaClockStatus, slaDeadline, slaDeadlineProjected, slaBudget, slaBudgetMinutes, slaElapsedMinutes, ...order } =
    row;
  return {
    ...order,
    sla:
      slaTargetId === null || slaTarget === null
        ? null
        : {
            targetId: slaTargetId,
            target: slaTarget,
            state: slaState ?? 'on_track',
            clockStatus: slaClockStatus ?? 'running',
            deadline: slaDeadline,
            deadlineProjected: slaDeadlineProjected ?? false,
            budget: slaBudget ?? { unit: 'clock_minutes', amount: 0 },
            budgetMinutes: slaBudgetMinutes ?? 0,
            elapsedMinutes: slaElapsedMinutes ?? 0,
          },
  };
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export function findWorkOrder(db: Executor, ctx: AccessContext, id: number): Promise<WorkOrderRecord | undefined> {
  return db.first<WorkOrderRecord>(sql`SELECT ${columns} ${from} WHERE o.id = ${id} AND ${customerScope(ctx)}`);
}

/**
 * Row-locks the order (not its customer) for a transition; out of scope reads as absent. NO KEY
 * UPDATE, so the scanner's inserts that reference the order (compensations, events) never wait on
 * it while holding target locks the transition is about to take: no deadlock.
 */
export function lockWorkOrder(tx: Executor, ctx: AccessContext, id: number): Promise<WorkOrderRecord | undefined> {
  return tx.first<WorkOrderRecord>(sql`SELECT ${columns} ${from} WHERE o.id = ${id} AND ${customerScope(ctx)} FOR NO KEY UPDATE OF o`);
}

/** Unscoped: only for the public status page, which checks the phone digits itself. */
export function findWorkOrderByTrackingCode(
  db: Executor,
  trackingCode: string,
): Promise<(WorkOrderRecord & { customerPhone: string | null }) | undefined> {
  return db.first(sql`SELECT ${columns}, c.phone AS "customerPhone" ${from} WHERE o.tracking_code = ${trackingCode}`);
}

export const WORK_ORDER_SORTS = ['deadline', 'acceptedAt', '-acceptedAt', 'orderNo', '-orderNo'] as const;
export type WorkOrderSort = (typeof WORK_ORDER_SORTS)[number];

export interface WorkOrderFilter {
  status?: readonly string[];
  type?: readonly string[];
  slaState?: readonly string[];
  customerId?: number;
  customerNo?: string;
  /** A username; 'me' is resolved by the caller. */
  assigneeId?: number;
  /** Customer's org unit code: its whole subtree. */
  orgUnit?: string;
  /** Dispatch target org unit code: its whole subtree. */
  dispatchOrgUnit?: string;
  /** Only orders that are neither archived nor cancelled. */
  open?: boolean;
  /** Order number, tracking code or words of the title. */
  q?: string;
  sort?: WorkOrderSort;
}

function conditions(ctx: AccessContext, filter: WorkOrderFilter): SQL {
  const parts: SQL[] = [customerScope(ctx)];
  if (filter.status?.length) parts.push(sql`o.status IN (${sql.join(filter.status.map((s) => sql`${s}`), sql`, `)})`);
  if (filter.type?.length) parts.push(sql`o.type IN (${sql.join(filter.type.map((s) => sql`${s}`), sql`, `)})`);
  if (filter.slaState?.length) parts.push(sql`s.state IN (${sql.join(filter.slaState.map((s) => sql`${s}`), sql`, `)})`);
  if (filter.customerId !== undefined) parts.push(sql`o.customer_id = ${filter.customerId}`);
  if (filter.customerNo !== undefined) parts.push(sql`c.customer_no = ${filter.customerNo}`);
  if (filter.assigneeId !== undefined) parts.push(sql`o.assignee_id = ${filter.assigneeId}`);
  if (filter.orgUnit !== undefined) {
    parts.push(sql`c.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE code = ${filter.orgUnit}) || '%')`);
  }
  if (filter.dispatchOrgUnit !== undefined) {
    parts.push(
      sql`o.dispatch_org_unit_id IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE code = ${filter.dispatchOrgUnit}) || '%')`,
    );
  }
  if (filter.open) parts.push(sql`o.status NOT IN ('archived', 'cancelled')`);
  if (filter.q) {
    const words = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    parts.push(sql`(o.order_no = ${filter.q.toUpperCase()} OR o.tracking_code = ${filter.q.toUpperCase()} OR o.title ILIKE ${words})`);
  }
  return sql.join(parts, sql` AND `);
}

function orderBy(sort: WorkOrderSort | undefined): SQL {
  switch (sort ?? 'deadline') {
    case 'deadline':
      return sql`s.open DESC NULLS LAST, CASE WHEN s.open THEN s.deadline END ASC NULLS LAST, o.accepted_at DESC, o.id DESC`;
    case 'acceptedAt':
      return sql`o.accepted_at ASC, o.id ASC`;
    case '-acceptedAt':
      return sql`o.accepted_at DESC, o.id DESC`;
    case 'orderNo':
      return sql`o.order_no ASC`;
    case '-orderNo':
      return sql`o.order_no DESC`;
  }
}

export async function listWorkOrders(
  db: Executor,
  ctx: AccessContext,
  filter: WorkOrderFilter,
  paging: PageRequest,
): Promise<Page<WorkOrderListItem>> {
  const where = conditions(ctx, filter);
  const [rows, count] = await Promise.all([
    db.rows<ListRow>(sql`SELECT ${columns}, ${slaColumns} ${from} ${currentTarget} WHERE ${where}
      ORDER BY ${orderBy(filter.sort)} LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total ${countFrom(filter)} WHERE ${where}`),
  ]);
  return { items: rows.map(toListItem), total: count?.total ?? 0, ...paging };
}

export interface WorkOrderBoardCounts {
  byStatus: Record<string, number>;
  /** SLA state of the badge target, open orders only. */
  bySlaState: Record<string, number>;
  total: number;
}

export async function countWorkOrderBoard(db: Executor, ctx: AccessContext, filter: WorkOrderFilter): Promise<WorkOrderBoardCounts> {
  const where = conditions(ctx, filter);
  const rows = await db.rows<{ status: string; slaState: string | null; open: boolean | null; n: number }>(sql`
    SELECT o.status, s.state AS "slaState", s.open, count(*)::int AS n ${from} ${currentTarget}
    WHERE ${where} GROUP BY o.status, s.state, s.open`);
  const byStatus: Record<string, number> = {};
  const bySlaState: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.n;
    if (row.open && row.slaState) bySlaState[row.slaState] = (bySlaState[row.slaState] ?? 0) + row.n;
    total += row.n;
  }
  return { byStatus, bySlaState, total };
}

/** The customer a new order is for, within the caller's scope. */
export interface WorkOrderCustomer {
  id: number;
  customerNo: string;
  kind: 'individual' | 'group';
  star: number | null;
  archive: string;
  parentCustomerId: number | null;
  accountManagerId: number | null;
}

export function findWorkOrderCustomer(
  db: Executor,
  ctx: AccessContext,
  by: { id: number } | { customerNo: string },
): Promise<WorkOrderCustomer | undefined> {
  const match = 'id' in by ? sql`c.id = ${by.id}` : sql`c.customer_no = ${by.customerNo}`;
  return db.first<WorkOrderCustomer>(sql`
    SELECT c.id, c.customer_no AS "customerNo", c.kind, c.star, c.archive, c.parent_customer_id AS "parentCustomerId",
      c.account_manager_id AS "accountManagerId"
    FROM customers c WHERE ${match} AND ${customerScope(ctx)}`);
}

export async function lineBelongsTo(db: Executor, lineId: number, customerId: number): Promise<boolean> {
  const row = await db.first(sql`SELECT 1 FROM lines WHERE id = ${lineId} AND customer_id = ${customerId}`);
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/** WO + the business date (yyyymmdd) + that day's sequence, at least 4 digits: WO202611230001. */
export function nextOrderNo(tx: Executor, businessDate: string): Promise<string> {
  return nextDailyNumber(tx, 'work_order_sequences', 'WO', businessDate);
}

/** What an insert stores: the record's own columns, without what joins or later transitions fill in. */
export type NewWorkOrder = Pick<
  WorkOrderRecord,
  | 'orderNo'
  | 'trackingCode'
  | 'customerId'
  | 'lineId'
  | 'type'
  | 'channel'
  | 'priority'
  | 'serviceItem'
  | 'star'
  | 'circuitScope'
  | 'slaService'
  | 'slaTier'
  | 'standardFeeFen'
  | 'chargedFeeFen'
  | 'contractLimitWorkdays'
  | 'appointmentStart'
  | 'appointmentEnd'
  | 'dispatchOrgUnitId'
  | 'assigneeId'
  | 'deliveryPack'
  | 'title'
  | 'description'
  | 'catalogueVersion'
  | 'slaRuleVersion'
  | 'calendarVersion'
  | 'acceptedAt'
> & { createdBy: number | null };

/** Inserts an order; returns undefined when the tracking code is taken (the caller draws another). */
export async function insertWorkOrder(tx: Executor, order: NewWorkOrder): Promise<number | undefined> {
  const at = order.acceptedAt.toISOString();
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO work_orders (order_no, tracking_code, customer_id, line_id, type, channel, priority, service_item, star,
      circuit_scope, sla_service, sla_tier, standard_fee_fen, charged_fee_fen, contract_limit_workdays,
      appointment_start, appointment_end, dispatch_org_unit_id, assignee_id, delivery_pack, title, description,
      catalogue_version, sla_rule_version, calendar_version, accepted_at, created_by, created_at, updated_at)
    VALUES (${order.orderNo}, ${order.trackingCode}, ${order.customerId}, ${order.lineId}, ${order.type}, ${order.channel},
      ${order.priority}, ${order.serviceItem}, ${order.star}, ${order.circuitScope}, ${order.slaService}, ${order.slaTier},
      ${order.standardFeeFen}, ${order.chargedFeeFen}, ${order.contractLimitWorkdays},
      ${order.appointmentStart?.toISOString() ?? null}, ${order.appointmentEnd?.toISOString() ?? null},
      ${order.dispatchOrgUnitId}, ${order.assigneeId}, ${order.deliveryPack}, ${order.title}, ${order.description},
      ${order.catalogueVersion}, ${order.slaRuleVersion}, ${order.calendarVersion}, ${at}, ${order.createdBy}, ${at}, ${at})
    ON CONFLICT (tracking_code) DO NOTHING
    RETURNING id`);
  return row?.id;
}

export interface WorkOrderChange {
  status: string;
  heldFrom: string | null;
  cycle?: number;
  assigneeId?: number | null;
  dispatchOrgUnitId?: number | null;
  appointmentStart?: Date | null;
  appointmentEnd?: Date | null;
  /** Timestamps to stamp with `at`: completed_at, delivered_at, archived_at, cancelled_at. */
  stamp?: 'completed_at' | 'delivered_at' | 'archived_at' | 'cancelled_at';
}

export async function updateWorkOrderStatus(tx: Executor, id: number, change: WorkOrderChange, at: Date): Promise<void> {
  const sets: SQL[] = [sql`status = ${change.status}`, sql`held_from = ${change.heldFrom}`, sql`updated_at = ${at.toISOString()}`];
  if (change.cycle !== undefined) sets.push(sql`cycle = ${change.cycle}`);
  if (change.assigneeId !== undefined) sets.push(sql`assignee_id = ${change.assigneeId}`);
  if (change.dispatchOrgUnitId !== undefined) sets.push(sql`dispatch_org_unit_id = ${change.dispatchOrgUnitId}`);
  if (change.appointmentStart !== undefined) sets.push(sql`appointment_start = ${change.appointmentStart?.toISOString() ?? null}`);
  if (change.appointmentEnd !== undefined) sets.push(sql`appointment_end = ${change.appointmentEnd?.toISOString() ?? null}`);
  if (change.stamp !== undefined) sets.push(sql`${sql.raw(change.stamp)} = ${at.toISOString()}`);
  await tx.run(sql`UPDATE work_orders SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

// ---------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------

export type ClockOp = 'start' | 'pause' | 'resume' | 'stop';

export type NewWorkOrderEvent =
  | { kind: 'status'; fromStatus: string | null; toStatus: string; note?: string | null; reason?: string | null }
  | { kind: 'clock'; targetId: number; clock: ClockOp; reason?: string | null };

export interface WorkOrderEventRecord {
  id: number;
  occurredAt: Date;
  kind: 'status' | 'clock';
  fromStatus: string | null;
  toStatus: string | null;
  target: SlaTargetKind | null;
  targetId: number | null;
  clock: ClockOp | null;
  reason: string | null;
  note: string | null;
  actor: string | null;
}

export async function appendWorkOrderEvents(
  tx: Executor,
  workOrderId: number,
  at: Date,
  actor: { id: number | null; name: string | null },
  events: readonly NewWorkOrderEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const values = events.map((event) =>
    event.kind === 'status'
      ? sql`(${workOrderId}, ${at.toISOString()}, 'status', ${event.fromStatus}, ${event.toStatus}, NULL::bigint, NULL, ${event.reason ?? null},
          ${event.note ?? null}, ${actor.id}, ${actor.name})`
      : sql`(${workOrderId}, ${at.toISOString()}, 'clock', NULL, NULL, ${event.targetId}, ${event.clock}, ${event.reason ?? null},
          NULL, ${actor.id}, ${actor.name})`,
  );
  await tx.run(sql`INSERT INTO work_order_events (work_order_id, occurred_at, kind, from_status, to_status, target_id, clock, reason, note, actor_id, actor_name)
    VALUES ${sql.join(values, sql`, `)}`);
  // The targets' own copy of their clock history, which the SLA scanner reads without a join.
  const byTarget = new Map<number, [ClockOp, number, string | null][]>();
  for (const event of events) {
    if (event.kind !== 'clock') continue;
    byTarget.set(event.targetId, [...(byTarget.get(event.targetId) ?? []), [event.clock, at.getTime(), event.reason ?? null]]);
  }
  if (byTarget.size === 0) return;
  const payload = JSON.stringify([...byTarget].map(([id, entries]) => ({ id, entries })));
  await tx.run(sql`UPDATE work_order_sla_targets t SET clock = t.clock || v.entries
    FROM jsonb_to_recordset(${payload}::jsonb) AS v(id bigint, entries jsonb) WHERE t.id = v.id`);
}

export function listWorkOrderEvents(db: Executor, workOrderId: number): Promise<WorkOrderEventRecord[]> {
  return db.rows<WorkOrderEventRecord>(sql`
    SELECT e.id, e.occurred_at AS "occurredAt", e.kind, e.from_status AS "fromStatus", e.to_status AS "toStatus",
      t.target, e.target_id AS "targetId", e.clock, e.reason, e.note, e.actor_name AS actor
    FROM work_order_events e LEFT JOIN work_order_sla_targets t ON t.id = e.target_id
    WHERE e.work_order_id = ${workOrderId} ORDER BY e.occurred_at, e.id`);
}

/** Status changes only: what the public page may show (no actors, no notes). */
export function listStatusChanges(db: Executor, workOrderId: number): Promise<{ status: string; at: Date }[]> {
  return db.rows(sql`SELECT to_status AS status, occurred_at AS at FROM work_order_events
    WHERE work_order_id = ${workOrderId} AND kind = 'status' ORDER BY occurred_at, id`);
}

/** Users that may be named as assignee: active, not the built-in system user. */
export function findAssignableUser(db: Executor, username: string): Promise<{ id: number } | undefined> {
  return db.first(sql`SELECT id FROM users WHERE username = ${username} AND active AND NOT system`);
}

export function findActiveOrgUnitId(db: Executor, code: string): Promise<{ id: number } | undefined> {
  return db.first(sql`SELECT id FROM org_units WHERE code = ${code} AND active`);
}
