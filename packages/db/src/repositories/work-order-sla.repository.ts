import { sql } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { offsetOf, type Page, type PageRequest } from './paging';
import { customerScope } from './scope';
import type { ClockOp, SlaTargetKind } from './work-order.repository';

export interface StoredBudget {
  unit: 'working_days' | 'clock_minutes' | 'business_minutes';
  amount: number;
}

export interface SlaTargetRecord {
  id: number;
  workOrderId: number;
  target: SlaTargetKind;
  cycle: number;
  budget: StoredBudget;
  source: string;
  ruleVersion: string | null;
  clockStatus: 'not_started' | 'running' | 'paused' | 'stopped';
  state: 'on_track' | 'warning_50' | 'warning_80' | 'breached';
  deadline: Date | null;
  deadlineProjected: boolean;
  budgetMinutes: number;
  elapsedMinutes: number;
  overdueMinutes: number;
  nextDueAt: Date | null;
  warned50At: Date | null;
  warned80At: Date | null;
  breachedAt: Date | null;
  calendarComplete: boolean;
  evaluatedAt: Date;
}

/** One clock event as [op, epoch ms, pause reason]; compact because the scanner reads thousands. */
export type StoredClockEvent = [op: ClockOp, atMs: number, reason: string | null];

/** A target with what re-evaluating it needs: its clock events and the order's SLA terms. */
export interface SlaTargetWork extends SlaTargetRecord {
  events: StoredClockEvent[];
  orderNo: string;
  orderStatus: string;
  slaTier: string | null;
  slaService: string | null;
  standardFeeFen: number | null;
  slaRuleVersion: string | null;
  acceptedAt: Date;
  /** The assignee, or the customer's account manager when nobody is assigned. */
  recipientId: number | null;
}

const targetColumns = sql`t.id, t.work_order_id AS "workOrderId", t.target, t.cycle, t.budget, t.source, t.rule_version AS "ruleVersion",
  t.clock_status AS "clockStatus", t.state, t.deadline, t.deadline_projected AS "deadlineProjected",
  t.budget_minutes AS "budgetMinutes", t.elapsed_minutes AS "elapsedMinutes", t.overdue_minutes AS "overdueMinutes",
  t.next_due_at AS "nextDueAt", t.warned_50_at AS "warned50At", t.warned_80_at AS "warned80At", t.breached_at AS "breachedAt",
  t.calendar_complete AS "calendarComplete", t.evaluated_at AS "evaluatedAt"`;

const workColumns = sql`${targetColumns}, t.clock AS events,
  o.order_no AS "orderNo", o.status AS "orderStatus", o.sla_tier AS "slaTier", o.sla_service AS "slaService",
  o.standard_fee_fen AS "standardFeeFen", o.sla_rule_version AS "slaRuleVersion", o.accepted_at AS "acceptedAt",
  COALESCE(o.assignee_id, (SELECT c.account_manager_id FROM customers c WHERE c.id = o.customer_id)) AS "recipientId"`;

export interface NewSlaTarget {
  workOrderId: number;
  target: SlaTargetKind;
  cycle: number;
  budget: StoredBudget;
  source: string;
  ruleVersion: string | null;
  budgetMinutes: number;
  evaluatedAt: Date;
}

export async function insertSlaTarget(tx: Executor, target: NewSlaTarget): Promise<number> {
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO work_order_sla_targets (work_order_id, target, cycle, budget, source, rule_version, clock_status, budget_minutes, evaluated_at)
    VALUES (${target.workOrderId}, ${target.target}, ${target.cycle}, ${JSON.stringify(target.budget)}::jsonb, ${target.source},
      ${target.ruleVersion}, 'running', ${target.budgetMinutes}, ${target.evaluatedAt.toISOString()})
    RETURNING id`);
  return row!.id;
}

export function listSlaTargets(db: Executor, workOrderId: number): Promise<SlaTargetRecord[]> {
  return db.rows<SlaTargetRecord>(sql`SELECT ${targetColumns} FROM work_order_sla_targets t WHERE t.work_order_id = ${workOrderId} ORDER BY t.id`);
}

/** Every target of one order with its clock history (transitions re-evaluate them all). */
export function loadSlaTargetWork(tx: Executor, workOrderId: number): Promise<SlaTargetWork[]> {
  return tx.rows<SlaTargetWork>(sql`SELECT ${workColumns} FROM work_order_sla_targets t JOIN work_orders o ON o.id = t.work_order_id
    WHERE t.work_order_id = ${workOrderId} ORDER BY t.id`);
}

export interface DueCursor {
  at: Date;
  id: number;
}

/**
 * The scanner's batch: targets due by `now` after the cursor, in (next_due_at, id) order over the
 * partial index, row-locked so that two scanners (or a scanner and a transition) never evaluate the
 * same target at once; rows another transaction holds are skipped and wait for the next pass.
 */
export function claimDueSlaTargets(tx: Executor, now: Date, after: DueCursor | null, limit: number): Promise<SlaTargetWork[]> {
  const cursor = after === null ? sql`true` : sql`(t.next_due_at, t.id) > (${after.at.toISOString()}::timestamptz, ${after.id}::bigint)`;
  return tx.rows<SlaTargetWork>(sql`
    SELECT ${workColumns}
    FROM work_order_sla_targets t JOIN work_orders o ON o.id = t.work_order_id
    WHERE t.next_due_at <= ${now.toISOString()} AND ${cursor}
    ORDER BY t.next_due_at, t.id
    LIMIT ${limit}
    FOR UPDATE OF t SKIP LOCKED`);
}

/** The bare range read over the same index: the benchmark's baseline. */
export function listDueSlaTargetIds(db: Executor, now: Date, limit: number): Promise<{ id: number }[]> {
  return db.rows(sql`SELECT t.id FROM work_order_sla_targets t WHERE t.next_due_at <= ${now.toISOString()}
    ORDER BY t.next_due_at, t.id LIMIT ${limit}`);
}

/** What a re-evaluation writes back: the target's derived columns. */
export type SlaTargetEvaluationRow = Pick<
  SlaTargetRecord,
  | 'id'
  | 'clockStatus'
  | 'state'
  | 'deadline'
  | 'deadlineProjected'
  | 'budgetMinutes'
  | 'elapsedMinutes'
  | 'overdueMinutes'
  | 'nextDueAt'
  | 'warned50At'
  | 'warned80At'
  | 'breachedAt'
  | 'calendarComplete'
>;

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

/** One set-based UPDATE for a batch. Raised markers are never cleared once set. */
export async function saveSlaTargetEvaluations(tx: Executor, rows: readonly SlaTargetEvaluationRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(
    rows.map((row) => ({
      id: row.id,
      clock_status: row.clockStatus,
      state: row.state,
      deadline: iso(row.deadline),
      deadline_projected: row.deadlineProjected,
      budget_minutes: row.budgetMinutes,
      elapsed_minutes: row.elapsedMinutes,
      overdue_minutes: row.overdueMinutes,
      next_due_at: iso(row.nextDueAt),
      warned_50_at: iso(row.warned50At),
      warned_80_at: iso(row.warned80At),
      breached_at: iso(row.breachedAt),
      calendar_complete: row.calendarComplete,
    })),
  );
  await tx.run(sql`
    UPDATE work_order_sla_targets t SET
      clock_status = v.clock_status, state = v.state, deadline = v.deadline, deadline_projected = v.deadline_projected,
      budget_minutes = v.budget_minutes, elapsed_minutes = v.elapsed_minutes, overdue_minutes = v.overdue_minutes,
      next_due_at = v.next_due_at,
      warned_50_at = COALESCE(t.warned_50_at, v.warned_50_at),
      warned_80_at = COALESCE(t.warned_80_at, v.warned_80_at),
      breached_at = COALESCE(t.breached_at, v.breached_at),
      calendar_complete = v.calendar_complete, evaluated_at = ${now.toISOString()}
    FROM jsonb_to_recordset(${payload}::jsonb) AS v(id bigint, clock_status text, state text, deadline timestamptz,
      deadline_projected boolean, budget_minutes integer, elapsed_minutes integer, overdue_minutes integer, next_due_at timestamptz,
      warned_50_at timestamptz, warned_80_at timestamptz, breached_at timestamptz, calendar_complete boolean)
    WHERE t.id = v.id`);
}

// ---------------------------------------------------------------------------------------------
// Escalation
// ---------------------------------------------------------------------------------------------

/** Roles a breach escalates to, nearest first by org level (team lead, then district, city, province). */
export const ESCALATION_ROLES = ['team_lead', 'district_manager', 'city_manager', 'province_manager'] as const;

/** '/HQ/GD/GD-GZ/' → ['/HQ/GD/GD-GZ/', '/HQ/GD/', '/HQ/'], nearest first. */
function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, parts.length - i).join('/')}/`);
}

/**
 * Who a breach escalates to: the managers (ESCALATION_ROLES) of the nearest org unit at or above
 * the recipient's (or, with nobody to notify, the customer's) that has any, excluding the
 * recipient. One row per (work order, manager). Two indexed reads; the matching is done here.
 */
export async function findEscalationManagers(
  tx: Executor,
  items: readonly { workOrderId: number; recipientId: number | null }[],
): Promise<{ workOrderId: number; managerId: number }[]> {
  if (items.length === 0) return [];
  const payload = JSON.stringify(items.map((item) => ({ work_order_id: item.workOrderId, recipient_id: item.recipientId })));
  const bases = await tx.rows<{ workOrderId: number; recipientId: number | null; path: string }>(sql`
    SELECT v.work_order_id AS "workOrderId", v.recipient_id AS "recipientId", COALESCE(ro.path, co.path) AS path
    FROM jsonb_to_recordset(${payload}::jsonb) AS v(work_order_id bigint, recipient_id bigint)
    JOIN work_orders o ON o.id = v.work_order_id
    JOIN customers c ON c.id = o.customer_id
    JOIN org_units co ON co.id = c.org_unit_id
    LEFT JOIN users ru ON ru.id = v.recipient_id
    LEFT JOIN org_units ro ON ro.id = ru.org_unit_id`);
  const paths = [...new Set(bases.flatMap((base) => ancestorPaths(base.path)))];
  if (paths.length === 0) return [];
  const managers = await tx.rows<{ id: number; path: string }>(sql`
    SELECT u.id, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id
    WHERE o.path IN (${sql.join(paths.map((path) => sql`${path}`), sql`, `)}) AND u.active AND NOT u.system
      AND EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id
        AND ur.role_code IN (${sql.join(ESCALATION_ROLES.map((role) => sql`${role}`), sql`, `)}))
    ORDER BY u.id`);
  const byPath = new Map<string, number[]>();
  for (const manager of managers) byPath.set(manager.path, [...(byPath.get(manager.path) ?? []), manager.id]);
  const out: { workOrderId: number; managerId: number }[] = [];
  for (const base of bases) {
    for (const path of ancestorPaths(base.path)) {
      const found = (byPath.get(path) ?? []).filter((id) => id !== base.recipientId);
      if (found.length === 0) continue;
      for (const managerId of found) out.push({ workOrderId: base.workOrderId, managerId });
      break;
    }
  }
  return out;
}

export interface BreachAudit {
  workOrderId: number;
  after: Record<string, unknown>;
}

/** Audit entries for breaches the system raised, in one statement (actor: the system user). */
export async function appendBreachAudits(tx: Executor, entries: readonly BreachAudit[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  const payload = JSON.stringify(entries.map((entry) => ({ entity_id: String(entry.workOrderId), after: entry.after })));
  await tx.run(sql`
    INSERT INTO audit_events (occurred_at, actor_id, actor_name, action, entity_type, entity_id, after)
    SELECT ${now.toISOString()}, (SELECT id FROM users WHERE username = 'system'), 'system', 'work_order.sla_breached', 'work_order',
      v.entity_id, v.after
    FROM jsonb_to_recordset(${payload}::jsonb) AS v(entity_id text, after jsonb)`);
}

// ---------------------------------------------------------------------------------------------
// Compensations
// ---------------------------------------------------------------------------------------------

export interface CompensationDraft {
  workOrderId: number;
  targetId: number;
  amountFen: number;
  baseFen: number;
  capFen: number;
  rateBpPerWorkday: number;
  overdueWorkdays: number;
  ruleVersion: string;
  final: boolean;
}

/**
 * Creates the draft of each order once, and afterwards moves its amount with the overdue working
 * days while it is still a draft and the order's clock runs. Each insert or change is audited as
 * the system user in the same statement. Returns how many were created and updated.
 */
export async function upsertCompensationDrafts(
  tx: Executor,
  drafts: readonly CompensationDraft[],
  now: Date,
): Promise<{ created: number; updated: number }> {
  if (drafts.length === 0) return { created: 0, updated: 0 };
  const at = now.toISOString();
  const payload = JSON.stringify(
    drafts.map((d) => ({
      work_order_id: d.workOrderId,
      target_id: d.targetId,
      amount_fen: d.amountFen,
      base_fen: d.baseFen,
      cap_fen: d.capFen,
      rate_bp: d.rateBpPerWorkday,
      overdue_workdays: d.overdueWorkdays,
      rule_version: d.ruleVersion,
      final: d.final,
    })),
  );
  const rows = await tx.rows<{ inserted: boolean; n: number }>(sql`
    WITH up AS (
      INSERT INTO compensations (work_order_id, target_id, amount_fen, base_fen, cap_fen, rate_bp_per_workday, overdue_workdays,
        rule_version, final, created_at, updated_at)
      SELECT v.work_order_id, v.target_id, v.amount_fen, v.base_fen, v.cap_fen, v.rate_bp, v.overdue_workdays, v.rule_version, v.final, ${at}, ${at}
      FROM jsonb_to_recordset(${payload}::jsonb) AS v(work_order_id bigint, target_id bigint, amount_fen bigint, base_fen bigint,
        cap_fen bigint, rate_bp integer, overdue_workdays integer, rule_version text, final boolean)
      ON CONFLICT (work_order_id) DO UPDATE SET amount_fen = EXCLUDED.amount_fen, overdue_workdays = EXCLUDED.overdue_workdays,
        final = EXCLUDED.final, updated_at = EXCLUDED.updated_at
      WHERE compensations.status = 'drafted' AND NOT compensations.final
        AND (compensations.amount_fen, compensations.overdue_workdays, compensations.final)
          IS DISTINCT FROM (EXCLUDED.amount_fen, EXCLUDED.overdue_workdays, EXCLUDED.final)
      RETURNING id, work_order_id, amount_fen, overdue_workdays, rule_version, final, (xmax = 0) AS inserted
    ),
    logged AS (
      INSERT INTO audit_events (occurred_at, actor_id, actor_name, action, entity_type, entity_id, after)
      SELECT ${at}, (SELECT id FROM users WHERE username = 'system'), 'system',
        CASE WHEN up.inserted THEN 'compensation.draft' ELSE 'compensation.recalculate' END, 'compensation', up.id::text,
        jsonb_build_object('workOrderId', up.work_order_id, 'amountFen', up.amount_fen, 'overdueWorkdays', up.overdue_workdays,
          'ruleVersion', up.rule_version, 'final', up.final)
      FROM up
      RETURNING 1
    )
    SELECT inserted, count(*)::int AS n FROM up GROUP BY inserted`);
  let created = 0;
  let updated = 0;
  for (const row of rows) {
    if (row.inserted) created += row.n;
    else updated += row.n;
  }
  return { created, updated };
}

export const COMPENSATION_STATUSES = ['drafted', 'agreed', 'settled'] as const;
export type CompensationStatus = (typeof COMPENSATION_STATUSES)[number];

export interface CompensationRecord {
  id: number;
  workOrderId: number;
  orderNo: string;
  customerId: number;
  customerNo: string;
  slaService: string | null;
  slaTier: string | null;
  amountFen: number;
  baseFen: number;
  capFen: number;
  rateBpPerWorkday: number;
  overdueWorkdays: number;
  ruleVersion: string;
  final: boolean;
  status: CompensationStatus;
  notes: { at: string; status: string; note: string | null; actor: string | null }[];
  createdAt: Date;
  updatedAt: Date;
  agreedAt: Date | null;
  agreedBy: string | null;
  settledAt: Date | null;
  settledBy: string | null;
}

const compensationColumns = sql`k.id, k.work_order_id AS "workOrderId", o.order_no AS "orderNo", o.customer_id AS "customerId",
  c.customer_no AS "customerNo", o.sla_service AS "slaService", o.sla_tier AS "slaTier", k.amount_fen AS "amountFen",
  k.base_fen AS "baseFen", k.cap_fen AS "capFen", k.rate_bp_per_workday AS "rateBpPerWorkday", k.overdue_workdays AS "overdueWorkdays",
  k.rule_version AS "ruleVersion", k.final, k.status, k.notes, k.created_at AS "createdAt", k.updated_at AS "updatedAt",
  k.agreed_at AS "agreedAt", ua.username AS "agreedBy", k.settled_at AS "settledAt", us.username AS "settledBy"`;

const compensationFrom = sql`FROM compensations k JOIN work_orders o ON o.id = k.work_order_id JOIN customers c ON c.id = o.customer_id
  LEFT JOIN users ua ON ua.id = k.agreed_by LEFT JOIN users us ON us.id = k.settled_by`;

export interface CompensationFilter {
  status?: readonly string[];
  workOrderId?: number;
}

export async function listCompensations(
  db: Executor,
  ctx: AccessContext,
  filter: CompensationFilter,
  paging: PageRequest,
): Promise<Page<CompensationRecord>> {
  const parts = [customerScope(ctx)];
  if (filter.status?.length) parts.push(sql`k.status IN (${sql.join(filter.status.map((s) => sql`${s}`), sql`, `)})`);
  if (filter.workOrderId !== undefined) parts.push(sql`k.work_order_id = ${filter.workOrderId}`);
  const where = sql.join(parts, sql` AND `);
  const [items, count] = await Promise.all([
    db.rows<CompensationRecord>(sql`SELECT ${compensationColumns} ${compensationFrom} WHERE ${where}
      ORDER BY k.created_at DESC, k.id DESC LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total ${compensationFrom} WHERE ${where}`),
  ]);
  return { items, total: count?.total ?? 0, ...paging };
}

export function findCompensationForOrder(db: Executor, workOrderId: number): Promise<CompensationRecord | undefined> {
  return db.first<CompensationRecord>(sql`SELECT ${compensationColumns} ${compensationFrom} WHERE k.work_order_id = ${workOrderId}`);
}

export function lockCompensation(tx: Executor, ctx: AccessContext, id: number): Promise<CompensationRecord | undefined> {
  return tx.first<CompensationRecord>(sql`SELECT ${compensationColumns} ${compensationFrom} WHERE k.id = ${id} AND ${customerScope(ctx)}
    FOR UPDATE OF k`);
}

export async function updateCompensationStatus(
  tx: Executor,
  id: number,
  to: 'agreed' | 'settled',
  actor: { id: number; name: string },
  note: string | null,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const entry = JSON.stringify([{ at, status: to, note, actor: actor.name }]);
  const stamp = to === 'agreed' ? sql`agreed_at = ${at}, agreed_by = ${actor.id}` : sql`settled_at = ${at}, settled_by = ${actor.id}`;
  await tx.run(sql`UPDATE compensations SET status = ${to}, ${stamp}, updated_at = ${at}, notes = notes || ${entry}::jsonb WHERE id = ${id}`);
}
