import { sql, type SQL } from 'drizzle-orm';
import {
  type AccessContext,
  type AppealStatus,
  type CompensationKind,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintRules,
  type ComplaintSeverity,
  DEFAULT_COMPLAINT_RULES,
} from '@patron/domain';
import type { Executor } from '../database';
import { nextDailyNumber } from './daily-sequence';
import { drillDownConditions, type DrillDownFilter } from './measure-groups';
import { likeContains, offsetOf, type Page, type PageRequest } from './paging';
import { customerScope } from './scope';

/**
 * Complaints a caller reaches: those of customers in their data scope, and, for the service desk
 * (revisit desk, outbound agents), every complaint of a customer in their org subtree.
 */
export function complaintScope(ctx: AccessContext, alias = 'c'): SQL {
  if (!ctx.permissions.has('service.desk')) return customerScope(ctx, alias);
  return sql`(${customerScope(ctx, alias)} OR ${sql.raw(alias)}.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${ctx.orgPath + '%'}))`;
}

export interface ComplaintRecord {
  id: number;
  complaintNo: string;
  customerId: number;
  customerNo: string;
  customerName: string;
  customerGrade: string;
  customerOrgUnit: string;
  accountManagerId: number | null;
  lineId: number | null;
  lineNo: string | null;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  description: string;
  status: string;
  level: 1 | 2 | 3;
  repeat: boolean;
  hot: boolean;
  hotKeywords: string[];
  assigneeId: number | null;
  assignee: string | null;
  assigneeName: string | null;
  receivedAt: Date;
  levelStartedAt: Date;
  levelDeadline: Date;
  finalDeadline: Date;
  escalatedOnce: boolean;
  reopenCount: number;
  resolution: string | null;
  rootCause: 'value' | 'system' | 'people' | null;
  rootCauseDetail: string | null;
  customerConfirmed: boolean | null;
  noConfirmationReason: string | null;
  firstContactResolved: boolean | null;
  resolvedAt: Date | null;
  resolvedLevel: number | null;
  closedAt: Date | null;
  topBreachNoticedFor: Date | null;
  finalBreachNoticedAt: Date | null;
  rulesVersion: string;
  calendarVersion: string;
  createdAt: Date;
  updatedAt: Date;
}

const columns = sql`p.id, p.complaint_no AS "complaintNo", p.customer_id AS "customerId", c.customer_no AS "customerNo",
  c.name AS "customerName", c.grade AS "customerGrade", co.code AS "customerOrgUnit", c.account_manager_id AS "accountManagerId",
  p.line_id AS "lineId", l.line_no AS "lineNo", p.channel, p.category, p.severity, p.description, p.status, p.level::int AS level,
  p.repeat, p.hot, p.hot_keywords AS "hotKeywords", p.assignee_id AS "assigneeId", au.username AS assignee,
  au.display_name AS "assigneeName", p.received_at AS "receivedAt", p.level_started_at AS "levelStartedAt",
  p.level_deadline AS "levelDeadline", p.final_deadline AS "finalDeadline", p.escalated_once AS "escalatedOnce",
  p.reopen_count AS "reopenCount", p.resolution, p.root_cause AS "rootCause", p.root_cause_detail AS "rootCauseDetail",
  p.customer_confirmed AS "customerConfirmed", p.no_confirmation_reason AS "noConfirmationReason",
  p.first_contact_resolved AS "firstContactResolved", p.resolved_at AS "resolvedAt", p.resolved_level::int AS "resolvedLevel",
  p.closed_at AS "closedAt", p.top_breach_noticed_for AS "topBreachNoticedFor",
  p.final_breach_noticed_at AS "finalBreachNoticedAt", p.rules_version AS "rulesVersion", p.calendar_version AS "calendarVersion",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

const from = sql`FROM complaints p
  JOIN customers c ON c.id = p.customer_id
  JOIN org_units co ON co.id = c.org_unit_id
  LEFT JOIN lines l ON l.id = p.line_id
  LEFT JOIN users au ON au.id = p.assignee_id`;

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/** The newest saved rule set, else the built-in defaults. */
export async function currentComplaintRules(db: Executor): Promise<ComplaintRules> {
  const row = await db.first<{ rules: ComplaintRules }>(sql`SELECT rules FROM complaint_rule_versions ORDER BY created_at DESC, version DESC LIMIT 1`);
  return row?.rules ?? DEFAULT_COMPLAINT_RULES;
}

/** Saves a new version; false when the version name is taken. */
export async function insertComplaintRules(tx: Executor, rules: ComplaintRules, at: Date, userId: number): Promise<boolean> {
  const inserted = await tx.run(sql`INSERT INTO complaint_rule_versions (version, rules, created_at, created_by)
    VALUES (${rules.version}, ${JSON.stringify(rules)}::jsonb, ${at.toISOString()}, ${userId}) ON CONFLICT (version) DO NOTHING`);
  return inserted > 0;
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export interface ComplaintCustomer {
  id: number;
  customerNo: string;
  orgUnitId: number;
  accountManagerId: number | null;
}

export function findComplaintCustomer(db: Executor, ctx: AccessContext, by: { id: number } | { customerNo: string }): Promise<ComplaintCustomer | undefined> {
  const match = 'id' in by ? sql`c.id = ${by.id}` : sql`c.customer_no = ${by.customerNo}`;
  return db.first<ComplaintCustomer>(sql`SELECT c.id, c.customer_no AS "customerNo", c.org_unit_id AS "orgUnitId",
    c.account_manager_id AS "accountManagerId" FROM customers c WHERE ${match} AND ${complaintScope(ctx)}`);
}

/** When the customer complained in this category since `since` (the repeat check). */
export async function earlierComplaintTimes(db: Executor, customerId: number, category: string, since: Date): Promise<Date[]> {
  const rows = await db.rows<{ at: Date }>(sql`SELECT received_at AS at FROM complaints
    WHERE customer_id = ${customerId} AND category = ${category} AND received_at >= ${since.toISOString()}`);
  return rows.map((row) => row.at);
}

export function findComplaint(db: Executor, ctx: AccessContext, id: number): Promise<ComplaintRecord | undefined> {
  return db.first<ComplaintRecord>(sql`SELECT ${columns} ${from} WHERE p.id = ${id} AND ${complaintScope(ctx)}`);
}

export function lockComplaint(tx: Executor, ctx: AccessContext, id: number): Promise<ComplaintRecord | undefined> {
  return tx.first<ComplaintRecord>(sql`SELECT ${columns} ${from} WHERE p.id = ${id} AND ${complaintScope(ctx)} FOR NO KEY UPDATE OF p`);
}

/** Unscoped, for the escalation scan and revisit outcomes the system applies. */
export function lockComplaintById(tx: Executor, id: number): Promise<ComplaintRecord | undefined> {
  return tx.first<ComplaintRecord>(sql`SELECT ${columns} ${from} WHERE p.id = ${id} FOR NO KEY UPDATE OF p`);
}

export interface ComplaintFilter extends DrillDownFilter {
  status?: readonly string[];
  level?: readonly number[];
  category?: readonly string[];
  channel?: readonly string[];
  rootCause?: readonly string[];
  customerNo?: string;
  accountManagerId?: number;
  repeat?: boolean;
  hot?: boolean;
  open?: boolean;
  escalated?: boolean;
  reopened?: boolean;
  firstContactResolved?: boolean;
  /** Left this level (escalated or resolved); with levelOnTime, every time before its limit (true) or once after it (false). */
  levelExit?: number;
  levelOnTime?: boolean;
  /** Received in this business month (YYYY-MM, Asia/Shanghai). */
  month?: string;
  q?: string;
}

const inList = (column: SQL, values: readonly (string | number)[]) => sql`${column} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

function conditions(ctx: AccessContext, filter: ComplaintFilter): SQL {
  const parts: SQL[] = [complaintScope(ctx)];
  if (filter.status?.length) parts.push(inList(sql`p.status`, filter.status));
  if (filter.level?.length) parts.push(inList(sql`p.level`, filter.level));
  if (filter.category?.length) parts.push(inList(sql`p.category`, filter.category));
  if (filter.channel?.length) parts.push(inList(sql`p.channel`, filter.channel));
  if (filter.rootCause?.length) parts.push(inList(sql`p.root_cause`, filter.rootCause));
  if (filter.customerNo !== undefined) parts.push(sql`c.customer_no = ${filter.customerNo}`);
  if (filter.accountManagerId !== undefined) parts.push(sql`c.account_manager_id = ${filter.accountManagerId}`);
  parts.push(...drillDownConditions(filter, { orgUnitId: sql`c.org_unit_id`, managerId: sql`c.account_manager_id`, at: sql`p.received_at` }));
  if (filter.escalated !== undefined) parts.push(sql`p.escalated_once = ${filter.escalated}`);
  if (filter.reopened !== undefined) parts.push(filter.reopened ? sql`p.reopen_count > 0` : sql`p.reopen_count = 0`);
  if (filter.firstContactResolved !== undefined) parts.push(sql`p.first_contact_resolved IS ${sql.raw(filter.firstContactResolved ? 'TRUE' : 'NOT TRUE')}`);
  if (filter.levelExit !== undefined) {
    const exits = (test: SQL) => sql`EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = p.id AND e.from_level = ${filter.levelExit} AND ${test})`;
    parts.push(exits(sql`e.on_time IS NOT NULL`));
    // On time means every exit from the level was (a reopened complaint leaves a level twice).
    if (filter.levelOnTime !== undefined) parts.push(filter.levelOnTime ? sql`NOT ${exits(sql`NOT e.on_time`)}` : exits(sql`NOT e.on_time`));
  }
  if (filter.repeat !== undefined) parts.push(sql`p.repeat = ${filter.repeat}`);
  if (filter.hot !== undefined) parts.push(sql`p.hot = ${filter.hot}`);
  if (filter.open) parts.push(sql`p.status NOT IN ('resolved', 'closed')`);
  if (filter.month !== undefined) parts.push(sql`to_char(p.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${filter.month}`);
  if (filter.q) parts.push(sql`(p.complaint_no = ${filter.q.toUpperCase()} OR p.description ILIKE ${likeContains(filter.q)} OR c.name ILIKE ${likeContains(filter.q)})`);
  return sql.join(parts, sql` AND `);
}

export async function listComplaints(db: Executor, ctx: AccessContext, filter: ComplaintFilter, paging: PageRequest): Promise<Page<ComplaintRecord>> {
  const where = conditions(ctx, filter);
  const [items, count] = await Promise.all([
    db.rows<ComplaintRecord>(sql`SELECT ${columns} ${from} WHERE ${where}
      ORDER BY p.status IN ('resolved', 'closed'), p.level_deadline, p.id DESC LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total ${from} WHERE ${where}`),
  ]);
  return { items, total: count?.total ?? 0, ...paging };
}

/**
 * Open complaints the escalation scan owes something at `now`, oldest first: a level limit ran out
 * below the top level, level 3's limit ran out unnoticed, or the final answer is late unnoticed.
 */
export async function dueComplaintIds(db: Executor, now: Date, limit: number): Promise<number[]> {
  const at = now.toISOString();
  const rows = await db.rows<{ id: number }>(sql`SELECT id FROM complaints
    WHERE status IN ('received', 'assigned', 'processing', 'escalated')
      AND ((level_deadline <= ${at} AND (level < 3 OR top_breach_noticed_for IS DISTINCT FROM level_deadline))
        OR (final_breach_noticed_at IS NULL AND final_deadline <= ${at}))
    ORDER BY least(level_deadline, final_deadline), id LIMIT ${limit}`);
  return rows.map((row) => row.id);
}

/** Records which breaches the province was told about. */
export async function markComplaintBreachesNoticed(tx: Executor, id: number, noticed: { topLevelFor?: Date; finalAt?: Date }): Promise<void> {
  const sets: SQL[] = [];
  if (noticed.topLevelFor !== undefined) sets.push(sql`top_breach_noticed_for = ${noticed.topLevelFor.toISOString()}`);
  if (noticed.finalAt !== undefined) sets.push(sql`final_breach_noticed_at = ${noticed.finalAt.toISOString()}`);
  if (sets.length > 0) await tx.run(sql`UPDATE complaints SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/** CP + the business date (yyyymmdd) + that day's sequence: CP202611230001. */
export function nextComplaintNo(tx: Executor, businessDate: string): Promise<string> {
  return nextDailyNumber(tx, 'complaint_sequences', 'CP', businessDate);
}

export type NewComplaint = Pick<
  ComplaintRecord,
  | 'complaintNo'
  | 'customerId'
  | 'lineId'
  | 'channel'
  | 'category'
  | 'severity'
  | 'description'
  | 'level'
  | 'repeat'
  | 'hot'
  | 'hotKeywords'
  | 'assigneeId'
  | 'receivedAt'
  | 'levelDeadline'
  | 'finalDeadline'
  | 'rulesVersion'
  | 'calendarVersion'
> & { createdBy: number | null };

export async function insertComplaint(tx: Executor, complaint: NewComplaint): Promise<number> {
  const at = complaint.receivedAt.toISOString();
  const keywords = sql`ARRAY[${sql.join([sql`''`, ...complaint.hotKeywords.map((k) => sql`${k}`)], sql`, `)}]::text[]`;
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO complaints (complaint_no, customer_id, line_id, channel, category, severity, description, status, level, repeat, hot,
      hot_keywords, assignee_id, received_at, level_started_at, level_deadline, final_deadline, rules_version, calendar_version,
      created_by, created_at, updated_at)
    VALUES (${complaint.complaintNo}, ${complaint.customerId}, ${complaint.lineId}, ${complaint.channel}, ${complaint.category},
      ${complaint.severity}, ${complaint.description}, 'received', ${complaint.level}, ${complaint.repeat}, ${complaint.hot},
      array_remove(${keywords}, ''), ${complaint.assigneeId}, ${at}, ${at}, ${complaint.levelDeadline.toISOString()},
      ${complaint.finalDeadline.toISOString()}, ${complaint.rulesVersion}, ${complaint.calendarVersion}, ${complaint.createdBy}, ${at}, ${at})
    RETURNING id`);
  return row!.id;
}

export interface ComplaintChange {
  status: string;
  level: number;
  levelStartedAt?: Date;
  levelDeadline?: Date;
  escalatedOnce?: boolean;
  reopenCount?: number;
  assigneeId?: number;
  resolution?: string | null;
  rootCause?: string | null;
  rootCauseDetail?: string | null;
  customerConfirmed?: boolean | null;
  noConfirmationReason?: string | null;
  firstContactResolved?: boolean | null;
  resolvedAt?: Date | null;
  resolvedLevel?: number | null;
  closedAt?: Date | null;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

export async function updateComplaint(tx: Executor, id: number, change: ComplaintChange, at: Date): Promise<void> {
  const sets: SQL[] = [sql`status = ${change.status}`, sql`level = ${change.level}`, sql`updated_at = ${at.toISOString()}`];
  if (change.levelStartedAt !== undefined) sets.push(sql`level_started_at = ${change.levelStartedAt.toISOString()}`);
  if (change.levelDeadline !== undefined) sets.push(sql`level_deadline = ${change.levelDeadline.toISOString()}`);
  if (change.escalatedOnce !== undefined) sets.push(sql`escalated_once = ${change.escalatedOnce}`);
  if (change.reopenCount !== undefined) sets.push(sql`reopen_count = ${change.reopenCount}`);
  if (change.assigneeId !== undefined) sets.push(sql`assignee_id = ${change.assigneeId}`);
  if (change.resolution !== undefined) sets.push(sql`resolution = ${change.resolution}`);
  if (change.rootCause !== undefined) sets.push(sql`root_cause = ${change.rootCause}`);
  if (change.rootCauseDetail !== undefined) sets.push(sql`root_cause_detail = ${change.rootCauseDetail}`);
  if (change.customerConfirmed !== undefined) sets.push(sql`customer_confirmed = ${change.customerConfirmed}`);
  if (change.noConfirmationReason !== undefined) sets.push(sql`no_confirmation_reason = ${change.noConfirmationReason}`);
  if (change.firstContactResolved !== undefined) sets.push(sql`first_contact_resolved = ${change.firstContactResolved}`);
  if (change.resolvedAt !== undefined) sets.push(sql`resolved_at = ${iso(change.resolvedAt)}`);
  if (change.resolvedLevel !== undefined) sets.push(sql`resolved_level = ${change.resolvedLevel}`);
  if (change.closedAt !== undefined) sets.push(sql`closed_at = ${iso(change.closedAt)}`);
  await tx.run(sql`UPDATE complaints SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

export interface NewComplaintEvent {
  fromStatus: string | null;
  toStatus: string;
  fromLevel: number | null;
  toLevel: number;
  automatic?: boolean;
  onTime?: boolean | null;
  note?: string | null;
}

export interface ComplaintEventRecord extends Required<NewComplaintEvent> {
  id: number;
  occurredAt: Date;
  actor: string | null;
}

export async function appendComplaintEvent(
  tx: Executor,
  complaintId: number,
  at: Date,
  actor: { id: number | null; name: string | null },
  event: NewComplaintEvent,
): Promise<void> {
  await tx.run(sql`INSERT INTO complaint_events (complaint_id, occurred_at, from_status, to_status, from_level, to_level, automatic, on_time, note, actor_id, actor_name)
    VALUES (${complaintId}, ${at.toISOString()}, ${event.fromStatus}, ${event.toStatus}, ${event.fromLevel}, ${event.toLevel},
      ${event.automatic ?? false}, ${event.onTime ?? null}, ${event.note ?? null}, ${actor.id}, ${actor.name})`);
}

export function listComplaintEvents(db: Executor, complaintId: number): Promise<ComplaintEventRecord[]> {
  return db.rows<ComplaintEventRecord>(sql`SELECT id, occurred_at AS "occurredAt", from_status AS "fromStatus", to_status AS "toStatus",
    from_level::int AS "fromLevel", to_level::int AS "toLevel", automatic, on_time AS "onTime", note, actor_name AS actor
    FROM complaint_events WHERE complaint_id = ${complaintId} ORDER BY occurred_at, id`);
}

// ---------------------------------------------------------------------------------------------
// Linked work orders, appeals, compensation
// ---------------------------------------------------------------------------------------------

export async function linkComplaintWorkOrder(tx: Executor, complaintId: number, workOrderId: number): Promise<void> {
  await tx.run(sql`INSERT INTO complaint_work_orders (complaint_id, work_order_id) VALUES (${complaintId}, ${workOrderId}) ON CONFLICT DO NOTHING`);
}

export function listComplaintWorkOrders(db: Executor, complaintId: number): Promise<{ id: number; orderNo: string; type: string; status: string }[]> {
  return db.rows(sql`SELECT o.id, o.order_no AS "orderNo", o.type, o.status FROM complaint_work_orders x
    JOIN work_orders o ON o.id = x.work_order_id WHERE x.complaint_id = ${complaintId} ORDER BY o.id`);
}

/** A work order of the same customer (checked when linking). */
export function findCustomerWorkOrder(db: Executor, customerId: number, workOrderId: number): Promise<{ id: number } | undefined> {
  return db.first(sql`SELECT id FROM work_orders WHERE id = ${workOrderId} AND customer_id = ${customerId}`);
}

export interface AppealRecord {
  id: number;
  complaintId: number;
  reference: string;
  authority: string;
  receivedAt: Date;
  acceptanceDue: Date;
  handlingDue: Date;
  status: AppealStatus;
  acceptedAt: Date | null;
  answeredAt: Date | null;
}

const appealColumns = sql`id, complaint_id AS "complaintId", reference, authority, received_at AS "receivedAt", acceptance_due AS "acceptanceDue",
  handling_due AS "handlingDue", status, accepted_at AS "acceptedAt", answered_at AS "answeredAt"`;

export async function insertAppeal(
  tx: Executor,
  appeal: Pick<AppealRecord, 'complaintId' | 'reference' | 'authority' | 'receivedAt' | 'acceptanceDue' | 'handlingDue'>,
  userId: number,
): Promise<number | undefined> {
  const row = await tx.first<{ id: number }>(sql`INSERT INTO complaint_appeals (complaint_id, reference, authority, received_at, acceptance_due, handling_due, created_by)
    VALUES (${appeal.complaintId}, ${appeal.reference}, ${appeal.authority}, ${appeal.receivedAt.toISOString()}, ${appeal.acceptanceDue.toISOString()},
      ${appeal.handlingDue.toISOString()}, ${userId}) ON CONFLICT (authority, reference) DO NOTHING RETURNING id`);
  return row?.id;
}

export function listAppeals(db: Executor, complaintId: number): Promise<AppealRecord[]> {
  return db.rows<AppealRecord>(sql`SELECT ${appealColumns} FROM complaint_appeals WHERE complaint_id = ${complaintId} ORDER BY id`);
}

export function lockAppeal(tx: Executor, complaintId: number, appealId: number): Promise<AppealRecord | undefined> {
  return tx.first<AppealRecord>(sql`SELECT ${appealColumns} FROM complaint_appeals WHERE id = ${appealId} AND complaint_id = ${complaintId} FOR UPDATE`);
}

/** Records the appeal body's decision: acceptance or rejection stamps `accepted_at`, the answer `answered_at`. */
export async function updateAppealStatus(tx: Executor, appealId: number, to: 'accepted' | 'rejected' | 'answered', at: Date): Promise<void> {
  const stamp = to === 'answered' ? sql`answered_at` : sql`accepted_at`;
  await tx.run(sql`UPDATE complaint_appeals SET status = ${to}, ${stamp} = ${at.toISOString()} WHERE id = ${appealId}`);
}

export interface CompensationOfferRecord {
  id: number;
  complaintId: number;
  kind: CompensationKind;
  amountFen: number;
  requiredLevel: number;
  status: 'proposed' | 'approved' | 'rejected';
  note: string | null;
  proposedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

const offerColumns = sql`o.id, o.complaint_id AS "complaintId", o.kind, o.amount_fen AS "amountFen", o.required_level::int AS "requiredLevel",
  o.status, o.note, o.proposed_at AS "proposedAt", o.decided_at AS "decidedAt", u.username AS "decidedBy"`;

export async function insertCompensationOffer(
  tx: Executor,
  offer: Pick<CompensationOfferRecord, 'complaintId' | 'kind' | 'amountFen' | 'requiredLevel' | 'note' | 'proposedAt'>,
  userId: number,
): Promise<number> {
  const row = await tx.first<{ id: number }>(sql`INSERT INTO complaint_compensations (complaint_id, kind, amount_fen, required_level, note, proposed_by, proposed_at)
    VALUES (${offer.complaintId}, ${offer.kind}, ${offer.amountFen}, ${offer.requiredLevel}, ${offer.note}, ${userId}, ${offer.proposedAt.toISOString()})
    RETURNING id`);
  return row!.id;
}

export function listCompensationOffers(db: Executor, complaintId: number): Promise<CompensationOfferRecord[]> {
  return db.rows<CompensationOfferRecord>(sql`SELECT ${offerColumns} FROM complaint_compensations o LEFT JOIN users u ON u.id = o.decided_by
    WHERE o.complaint_id = ${complaintId} ORDER BY o.id`);
}

export function lockCompensationOffer(tx: Executor, complaintId: number, offerId: number): Promise<CompensationOfferRecord | undefined> {
  return tx.first<CompensationOfferRecord>(sql`SELECT ${offerColumns} FROM complaint_compensations o LEFT JOIN users u ON u.id = o.decided_by
    WHERE o.id = ${offerId} AND o.complaint_id = ${complaintId} FOR UPDATE OF o`);
}

export async function decideCompensationOffer(tx: Executor, offerId: number, status: 'approved' | 'rejected', userId: number, at: Date): Promise<void> {
  await tx.run(sql`UPDATE complaint_compensations SET status = ${status}, decided_by = ${userId}, decided_at = ${at.toISOString()} WHERE id = ${offerId}`);
}

/** The users to notify when a complaint reaches `level`: managers of the customer's district (2) or province (3). */
export async function complaintLevelManagers(db: Executor, complaintId: number, level: number): Promise<number[]> {
  const roles = level >= 3 ? ['province_manager'] : ['district_manager', 'city_manager'];
  const rows = await db.rows<{ id: number }>(sql`
    SELECT DISTINCT u.id FROM complaints p JOIN customers c ON c.id = p.customer_id JOIN org_units co ON co.id = c.org_unit_id
    JOIN users u ON u.active AND NOT u.system JOIN org_units uo ON uo.id = u.org_unit_id
    JOIN user_roles ur ON ur.user_id = u.id AND ${inList(sql`ur.role_code`, roles)}
    WHERE p.id = ${complaintId} AND co.path LIKE uo.path || '%'
    ORDER BY u.id`);
  return rows.map((row) => row.id);
}
