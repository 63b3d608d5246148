import { sql, type SQL } from 'drizzle-orm';
import {
  type AccessContext,
  DEFAULT_REVISIT_ROUTING,
  type RevisitChannel,
  type RevisitOutcome,
  type RevisitRouting,
  type RevisitStatus,
  type RevisitTrigger,
  revisitChannelFor,
} from '@patron/domain';
import type { Executor } from '../database';
import { complaintScope } from './complaint.repository';
import { drillDownConditions, type DrillDownFilter } from './measure-groups';
import { offsetOf, type Page, type PageRequest } from './paging';

export interface RevisitRecord {
  id: number;
  trigger: RevisitTrigger;
  workOrderId: number | null;
  workOrderNo: string | null;
  complaintId: number | null;
  complaintNo: string | null;
  round: number;
  customerId: number;
  customerNo: string;
  customerName: string;
  accountManagerId: number | null;
  channel: RevisitChannel;
  ownerId: number | null;
  owner: string | null;
  dueAt: Date;
  status: RevisitStatus;
  attempts: number;
  outcome: RevisitOutcome | null;
  satisfaction: number | null;
  problems: string | null;
  lastAttemptAt: Date | null;
  doneAt: Date | null;
  createdAt: Date;
}

const columns = sql`r.id, r.trigger, r.work_order_id AS "workOrderId", o.order_no AS "workOrderNo", r.complaint_id AS "complaintId",
  p.complaint_no AS "complaintNo", r.round, r.customer_id AS "customerId", c.customer_no AS "customerNo", c.name AS "customerName",
  c.account_manager_id AS "accountManagerId", r.channel, r.owner_id AS "ownerId", ou.username AS owner, r.due_at AS "dueAt", r.status,
  r.attempts, r.outcome, r.satisfaction::int AS satisfaction, r.problems, r.last_attempt_at AS "lastAttemptAt", r.done_at AS "doneAt",
  r.created_at AS "createdAt"`;

const from = sql`FROM revisits r
  JOIN customers c ON c.id = r.customer_id
  LEFT JOIN work_orders o ON o.id = r.work_order_id
  LEFT JOIN complaints p ON p.id = r.complaint_id
  LEFT JOIN users ou ON ou.id = r.owner_id`;

export interface NewRevisit {
  trigger: RevisitTrigger;
  workOrderId: number | null;
  complaintId: number | null;
  round: number;
  customerId: number;
  dueAt: Date;
}

/** The newest saved routing, else the built-in default. */
export async function currentRevisitRouting(db: Executor): Promise<RevisitRouting> {
  const row = await db.first<{ routing: RevisitRouting }>(sql`SELECT routing FROM revisit_routing_versions ORDER BY created_at DESC, version DESC LIMIT 1`);
  return row?.routing ?? DEFAULT_REVISIT_ROUTING;
}

/** Saves a new routing version; false when the version name is taken. */
export async function insertRevisitRouting(tx: Executor, routing: RevisitRouting, at: Date, userId: number): Promise<boolean> {
  const inserted = await tx.run(sql`INSERT INTO revisit_routing_versions (version, routing, created_at, created_by)
    VALUES (${routing.version}, ${JSON.stringify(routing)}::jsonb, ${at.toISOString()}, ${userId}) ON CONFLICT (version) DO NOTHING`);
  return inserted > 0;
}

/**
 * Creates the revisit a closed item owes, once per item and round, in the one channel the routing
 * in force picks for its trigger and the customer's grade, without an owner until someone of that
 * channel takes it: never several people.
 */
export async function insertRevisit(tx: Executor, revisit: NewRevisit, at: Date): Promise<number | undefined> {
  const [routing, customer] = await Promise.all([
    currentRevisitRouting(tx),
    tx.first<{ grade: string }>(sql`SELECT grade FROM customers WHERE id = ${revisit.customerId}`),
  ]);
  const channel = revisitChannelFor(routing, { trigger: revisit.trigger, customerGrade: customer?.grade ?? 'none' });
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO revisits (trigger, work_order_id, complaint_id, round, customer_id, channel, due_at, created_at)
    VALUES (${revisit.trigger}, ${revisit.workOrderId}, ${revisit.complaintId}, ${revisit.round}, ${revisit.customerId}, ${channel},
      ${revisit.dueAt.toISOString()}, ${at.toISOString()})
    ON CONFLICT DO NOTHING RETURNING id`);
  return row?.id;
}

export interface RevisitFilter extends DrillDownFilter {
  status?: readonly string[];
  trigger?: readonly string[];
  channel?: RevisitChannel;
  /** Only tasks this user may take: owned by them or by nobody, not of their own customers. */
  queueOf?: number;
  complaintId?: number;
  workOrderId?: number;
  overdueAt?: Date;
  outcome?: RevisitOutcome;
  /** Done by the due time (true) or after it (false). */
  onTime?: boolean;
}

function conditions(ctx: AccessContext, filter: RevisitFilter): SQL {
  const parts: SQL[] = [complaintScope(ctx)];
  if (filter.status?.length) parts.push(sql`r.status IN (${sql.join(filter.status.map((s) => sql`${s}`), sql`, `)})`);
  if (filter.trigger?.length) parts.push(sql`r.trigger IN (${sql.join(filter.trigger.map((s) => sql`${s}`), sql`, `)})`);
  if (filter.channel !== undefined) parts.push(sql`r.channel = ${filter.channel}`);
  // A queue offers what the caller may take: not yet taken or theirs, and never their own customer's.
  if (filter.queueOf !== undefined) {
    parts.push(sql`(r.owner_id IS NULL OR r.owner_id = ${filter.queueOf}) AND c.account_manager_id IS DISTINCT FROM ${filter.queueOf}`);
  }
  if (filter.complaintId !== undefined) parts.push(sql`r.complaint_id = ${filter.complaintId}`);
  if (filter.workOrderId !== undefined) parts.push(sql`r.work_order_id = ${filter.workOrderId}`);
  parts.push(...drillDownConditions(filter, { orgUnitId: sql`c.org_unit_id`, managerId: sql`c.account_manager_id`, at: sql`r.due_at` }));
  if (filter.outcome !== undefined) parts.push(sql`r.outcome = ${filter.outcome}`);
  if (filter.onTime !== undefined) parts.push(sql`r.status = 'done' AND (r.done_at <= r.due_at) = ${filter.onTime}`);
  if (filter.overdueAt !== undefined) parts.push(sql`r.status = 'pending' AND r.due_at < ${filter.overdueAt.toISOString()}`);
  return sql.join(parts, sql` AND `);
}

export async function listRevisits(db: Executor, ctx: AccessContext, filter: RevisitFilter, paging: PageRequest): Promise<Page<RevisitRecord>> {
  const where = conditions(ctx, filter);
  const [items, count] = await Promise.all([
    db.rows<RevisitRecord>(sql`SELECT ${columns} ${from} WHERE ${where}
      ORDER BY r.status <> 'pending', r.due_at, r.id LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total ${from} WHERE ${where}`),
  ]);
  return { items, total: count?.total ?? 0, ...paging };
}

export function findRevisit(db: Executor, ctx: AccessContext, id: number): Promise<RevisitRecord | undefined> {
  return db.first<RevisitRecord>(sql`SELECT ${columns} ${from} WHERE r.id = ${id} AND ${complaintScope(ctx)}`);
}

export function lockRevisit(tx: Executor, ctx: AccessContext, id: number): Promise<RevisitRecord | undefined> {
  return tx.first<RevisitRecord>(sql`SELECT ${columns} ${from} WHERE r.id = ${id} AND ${complaintScope(ctx)} FOR NO KEY UPDATE OF r`);
}

export interface RevisitChange {
  status: RevisitStatus;
  attempts: number;
  ownerId: number;
  outcome: RevisitOutcome | null;
  satisfaction: number | null;
  problems: string | null;
}

export async function recordRevisitAttempt(tx: Executor, id: number, change: RevisitChange, at: Date): Promise<void> {
  const done = change.status === 'done';
  await tx.run(sql`UPDATE revisits SET status = ${change.status}, attempts = ${change.attempts}, owner_id = ${change.ownerId},
    outcome = ${change.outcome}, satisfaction = ${change.satisfaction}, problems = ${change.problems}, last_attempt_at = ${at.toISOString()},
    done_at = ${done ? at.toISOString() : null}, done_by = ${done ? change.ownerId : null}
    WHERE id = ${id}`);
}
