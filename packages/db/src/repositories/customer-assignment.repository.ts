import { sql } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import type { CustomerArchive, CustomerGrade } from './customer.repository';
import { customerScope } from './scope';

export const LOAD_LIMITS_KEY = 'assignment.load_limits';

/** Customers per account manager in each tier: VIP (diamond, gold, silver) and 贵宾 (guest). */
export interface LoadLimits {
  vip: number;
  guest: number;
}
export type LoadCounts = LoadLimits;

/** The migration's seed (the 2007 deck's observed maxima); used only if the setting row was deleted. */
export const DEFAULT_LOAD_LIMITS: LoadLimits = { vip: 50, guest: 300 };

// Load counts only the in-network archive: retained records (churned, prospects) need no service capacity.
const loadCounts = sql`count(*) FILTER (WHERE c.grade IN ('diamond', 'gold', 'silver'))::int AS vip,
  count(*) FILTER (WHERE c.grade = 'guest')::int AS guest`;

export async function readLoadLimits(db: Executor): Promise<LoadLimits> {
  const row = await db.first<{ value: Partial<LoadLimits> }>(sql`SELECT value FROM settings WHERE key = ${LOAD_LIMITS_KEY}`);
  return { ...DEFAULT_LOAD_LIMITS, ...row?.value };
}

export async function writeLoadLimits(tx: Executor, limits: LoadLimits, userId: number): Promise<void> {
  await tx.run(sql`
    INSERT INTO settings (key, value, updated_at, updated_by) VALUES (${LOAD_LIMITS_KEY}, ${JSON.stringify(limits)}::jsonb, now(), ${userId})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
}

export interface AccountManagerRef {
  id: number;
  username: string;
  displayName: string;
  orgUnit: string;
}

/**
 * An active account manager whose org unit lies in `orgPath`'s subtree, row-locked until the
 * transaction ends: two assignments to the same manager then take turns, so both cannot pass the
 * load check against the same count. NO KEY UPDATE leaves the row free for foreign-key checks
 * (the manager signing in meanwhile is not blocked).
 */
export function lockAccountManager(tx: Executor, username: string, orgPath: string): Promise<AccountManagerRef | undefined> {
  return tx.first<AccountManagerRef>(sql`
    SELECT u.id, u.username, u.display_name AS "displayName", o.code AS "orgUnit"
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
}

/** Account managers in `orgPath`'s subtree (and in `filterPath`'s, when given) with their loads. */
export function listManagerLoads(db: Executor, orgPath: string, filterPath?: string): Promise<ManagerLoadRow[]> {
  return db.rows<ManagerLoadRow>(sql`
    SELECT u.username, u.display_name AS "displayName", o.code AS "orgUnit", o.name AS "orgUnitName", l.vip, l.guest
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
