import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_LOAD_LIMIT_RULES, tightestLoadLimits, type AccessContext, type BusinessDate, type LoadTier } from '@patron/domain';
import type { Executor } from '../database';
import type { CustomerArchive, CustomerGrade } from './customer.repository';
import { activeRuleSets, type RuleSet } from './rule-set.repository';
import { customerScope } from './scope';

/** Customers per account manager in each tier: VIP (diamond, gold, silver) and 贵宾 (guest). */
export type LoadLimits = { -readonly [T in LoadTier]: number };
export type LoadCounts = LoadLimits;

// Load counts only the in-network archive: retained records (churned, prospects) need no service capacity.
const loadCounts = sql`count(*) FILTER (WHERE c.grade IN ('diamond', 'gold', 'silver'))::int AS vip,
  count(*) FILTER (WHERE c.grade = 'guest')::int AS guest`;

/** The tightest of the active `load_limits` sets at or above `orgPath` (a province can only tighten HQ's). */
function limitsUnder(activeSets: readonly RuleSet<'load_limits'>[], orgPath: string): LoadLimits {
  const chain = activeSets.filter((set) => orgPath.startsWith(set.orgPath));
  return { ...tightestLoadLimits(chain.map((set) => set.body), DEFAULT_LOAD_LIMIT_RULES) };
}

/**
 * The load limits in force on `on` for account managers of the org at `orgPath`: how assignment,
 * import, the manager-load view and the re-grade's reassignment tasks all read them. Without any set
 * (HQ's was never seeded) the DOMAIN §3.6 sample applies.
 */
export async function resolveLoadLimits(db: Executor, orgPath: string, on: BusinessDate): Promise<LoadLimits> {
  return limitsUnder(await activeRuleSets(db, 'load_limits', on), orgPath);
}

/** `resolveLoadLimits` for several orgs with one read of the active sets, keyed by org path. */
export async function resolveLoadLimitsByOrg(db: Executor, orgPaths: Iterable<string>, on: BusinessDate): Promise<Map<string, LoadLimits>> {
  const activeSets = await activeRuleSets(db, 'load_limits', on);
  return new Map([...new Set(orgPaths)].map((path) => [path, limitsUnder(activeSets, path)]));
}

/**
 * The limits of each account manager `managerIds` selects (one id column), by their own org, as a JSON
 * array of `{managerId, vip, guest}` for set-based SQL to join with `jsonb_to_recordset`.
 */
export async function managerLoadLimitsJson(db: Executor, managerIds: SQL, on: BusinessDate): Promise<string> {
  const managers = await db.rows<{ managerId: number; orgPath: string }>(sql`
    SELECT u.id AS "managerId", o.path AS "orgPath" FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id IN (${managerIds})`);
  const limits = await resolveLoadLimitsByOrg(db, managers.map((m) => m.orgPath), on);
  return JSON.stringify(managers.map((m) => ({ managerId: m.managerId, ...limits.get(m.orgPath) })));
}

export interface AccountManagerRef {
  id: number;
  username: string;
  displayName: string;
  orgUnit: string;
  orgPath: string;
}

/**
 * An active account manager whose org unit lies in `orgPath`'s subtree, row-locked until the
 * transaction ends: two assignments to the same manager then take turns, so both cannot pass the
 * load check against the same count. NO KEY UPDATE leaves the row free for foreign-key checks
 * (the manager signing in meanwhile is not blocked).
 */
export function lockAccountManager(tx: Executor, username: string, orgPath: string): Promise<AccountManagerRef | undefined> {
  return tx.first<AccountManagerRef>(sql`
    SELECT u.id, u.username, u.display_name AS "displayName", o.code AS "orgUnit", o.path AS "orgPath"
    FROM users u JOIN org_units o ON o.id = u.org_unit_id
    WHERE u.username = ${username} AND u.active AND NOT u.system AND o.path LIKE ${orgPath + '%'}
      AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_code = 'account_manager')
    FOR NO KEY UPDATE OF u`);
}

/**
 * A manager's whole in-network load, whoever asks: a limit is about the manager's capacity, so
 * customers outside the caller's scope count too. Only counts leave this query, no customer rows.
 */
export async function readManagerLoad(db: Executor, userId: number): Promise<LoadCounts> {
  const row = await db.first<LoadCounts>(sql`
    SELECT ${loadCounts} FROM customers c WHERE c.account_manager_id = ${userId} AND c.archive = 'in_network'`);
  return row ?? { vip: 0, guest: 0 };
}

export interface ManagerLoadRow extends LoadCounts {
  username: string;
  displayName: string;
  orgUnit: string;
  orgUnitName: string;
  orgPath: string;
}

/** Account managers in `orgPath`'s subtree (and in `filterPath`'s, when given) with their loads. */
export function listManagerLoads(db: Executor, orgPath: string, filterPath?: string): Promise<ManagerLoadRow[]> {
  return db.rows<ManagerLoadRow>(sql`
    SELECT u.username, u.display_name AS "displayName", o.code AS "orgUnit", o.name AS "orgUnitName", o.path AS "orgPath", l.vip, l.guest
    FROM users u JOIN org_units o ON o.id = u.org_unit_id
    CROSS JOIN LATERAL (
      SELECT ${loadCounts} FROM customers c WHERE c.account_manager_id = u.id AND c.archive = 'in_network'
    ) l
    WHERE u.active AND NOT u.system AND o.path LIKE ${orgPath + '%'}
      ${filterPath === undefined ? sql`` : sql`AND o.path LIKE ${filterPath + '%'}`}
      AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_code = 'account_manager')
    ORDER BY o.path, u.username`);
}

export interface AssignmentTarget {
  id: number;
  customerNo: string;
  grade: CustomerGrade;
  archive: CustomerArchive;
  accountManagerId: number | null;
  accountManager: string | null;
}

/** The requested customers that are in the caller's scope, row-locked; the caller compares counts. */
export function lockAssignmentTargets(tx: Executor, ctx: AccessContext, ids: readonly number[]): Promise<AssignmentTarget[]> {
  return tx.rows<AssignmentTarget>(sql`
    SELECT c.id, c.customer_no AS "customerNo", c.grade, c.archive, c.account_manager_id AS "accountManagerId",
      am.username AS "accountManager"
    FROM customers c LEFT JOIN users am ON am.id = c.account_manager_id
    WHERE c.id = ANY(${sql.param(ids)}::bigint[]) AND ${customerScope(ctx)}
    ORDER BY c.id FOR UPDATE OF c`);
}

export function setAccountManager(tx: Executor, ctx: AccessContext, ids: readonly number[], managerId: number): Promise<number> {
  return tx.run(sql`
    UPDATE customers c SET account_manager_id = ${managerId}, updated_at = now()
    WHERE c.id = ANY(${sql.param(ids)}::bigint[]) AND ${customerScope(ctx)}`);
}

/** An open reassignment task (a re-grade left the manager over a tier's limit), with the load now. */
export interface ReassignmentTaskRow {
  id: number;
  runId: number;
  month: BusinessDate;
  username: string;
  displayName: string;
  orgUnitName: string;
  orgPath: string;
  tier: LoadTier;
  /** The load and limit when the re-grade opened the task. */
  load: number;
  loadLimit: number;
  currentLoad: number;
  createdAt: Date;
}

const taskColumns = sql`t.id, t.run_id AS "runId", r.month, u.username, u.display_name AS "displayName", o.name AS "orgUnitName",
  o.path AS "orgPath", t.tier, t.load, t.load_limit AS "loadLimit", t.created_at AS "createdAt",
  CASE t.tier WHEN 'vip' THEN l.vip ELSE l.guest END AS "currentLoad"`;

const taskJoins = sql`reassignment_tasks t JOIN regrade_runs r ON r.id = t.run_id
  JOIN users u ON u.id = t.manager_id JOIN org_units o ON o.id = u.org_unit_id
  CROSS JOIN LATERAL (SELECT ${loadCounts} FROM customers c WHERE c.account_manager_id = u.id AND c.archive = 'in_network') l`;

/** The open tasks of account managers in `orgPath`'s subtree, oldest first. */
export function listOpenReassignmentTasks(db: Executor, orgPath: string): Promise<ReassignmentTaskRow[]> {
  return db.rows<ReassignmentTaskRow>(sql`
    SELECT ${taskColumns} FROM ${taskJoins}
    WHERE t.status = 'open' AND o.path LIKE ${orgPath + '%'} ORDER BY t.id`);
}

/** One task in `orgPath`'s subtree, locked, whatever its status. */
export function lockReassignmentTask(tx: Executor, id: number, orgPath: string): Promise<(ReassignmentTaskRow & { status: 'open' | 'done' }) | undefined> {
  return tx.first(sql`
    SELECT ${taskColumns}, t.status FROM ${taskJoins}
    WHERE t.id = ${id} AND o.path LIKE ${orgPath + '%'} FOR UPDATE OF t`);
}

export async function closeReassignmentTask(tx: Executor, id: number): Promise<void> {
  await tx.run(sql`UPDATE reassignment_tasks SET status = 'done' WHERE id = ${id}`);
}
