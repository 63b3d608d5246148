import { sql, type SQL } from 'drizzle-orm';
import type { BusinessDate, PointsRules } from '@patron/domain';
import type { Executor } from '../database';
import { tuneBatchTransaction } from './batch-transaction';
import { activeRuleSets, type RuleSet } from './rule-set.repository';

/**
 * The points ledger (DOMAIN §3.4, §8 #12). Every change is a row; a customer's balance is the sum of
 * its counted rows, read through the (customer_id, id) index, never a second copy that could drift
 * (the customer record reads it the same way). Points are consumed oldest first, so what expires on a
 * date is what was earned to expire by then, less everything ever spent or expired.
 */
export const POINTS_ENTRY_KINDS = ['accrual', 'redemption', 'expiry', 'adjustment'] as const;
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number];

export interface PointsEntry {
  id: number;
  kind: PointsEntryKind;
  points: number;
  month: BusinessDate | null;
  expiresOn: BusinessDate | null;
  ruleSet: string | null;
  status: 'counted' | 'pending' | 'rejected';
  reason: string | null;
  createdBy: string;
  approvedBy: string | null;
  createdAt: Date;
}

export async function pointsBalance(db: Executor, customerId: number): Promise<number> {
  const row = await db.first<{ balance: number }>(sql`
    SELECT COALESCE(sum(points), 0)::bigint AS balance FROM points_ledger WHERE customer_id = ${customerId} AND status = 'counted'`);
  return Number(row?.balance ?? 0);
}

export function listPointsEntries(db: Executor, customerId: number, limit = 100): Promise<PointsEntry[]> {
  return db.rows<PointsEntry>(sql`
    SELECT p.id, p.kind, p.points, p.month, p.expires_on AS "expiresOn",
      CASE WHEN r.id IS NULL THEN NULL ELSE r.kind || '@' || o.code || ' v' || r.version END AS "ruleSet",
      p.status, p.reason, p.created_by AS "createdBy", p.approved_by AS "approvedBy", p.created_at AS "createdAt"
    FROM points_ledger p LEFT JOIN rule_sets r ON r.id = p.rule_set_id LEFT JOIN org_units o ON o.id = r.org_unit_id
    WHERE p.customer_id = ${customerId} ORDER BY p.id DESC LIMIT ${limit}`);
}

/** Adds counted rows and reports how many and how many points. */
function insertCounted(rows: SQL): SQL {
  return sql`WITH added AS (${rows} RETURNING customer_id, points)
    SELECT (SELECT count(*) FROM added)::int AS entries, (SELECT COALESCE(sum(points), 0) FROM added)::bigint AS points`;
}

function multiplier(rules: PointsRules): SQL {
  const m = rules.multiplierPercent;
  const n = (value: number) => sql.raw(String(Math.trunc(value)));
  return sql`CASE c.star WHEN 1 THEN ${n(m.star1)} WHEN 2 THEN ${n(m.star2)} WHEN 3 THEN ${n(m.star3)} WHEN 4 THEN ${n(m.star4)}
    WHEN 5 THEN CASE WHEN c.grade IN ('gold', 'diamond') THEN ${n(m.star5Premium)} ELSE ${n(m.star5)} END ELSE 0 END`;
}

/** The accrual of one governed slice: the month's bill less gifted credit × the star multiplier, rounded per the rule. */
function accrualRows(set: RuleSet<'points'>, deeper: string[], month: BusinessDate, by: string): SQL {
  const rules = set.body;
  const product = sql`(greatest(0, b.amount_fen - b.gifted_fen) * ${multiplier(rules)})`;
  // fen × percent / 10,000 = yuan × ratio; integer ceiling for 'up'.
  const points = rules.rounding === 'up' ? sql`((${product} + 9999) / 10000)` : sql`(${product} / 10000)`;
  const expiresOn = sql`make_date(extract(year FROM ${month}::date)::int + ${sql.raw(String(Math.trunc(rules.expiryYearsAfter)))}, 12, 31)`;
  const excluded = deeper.map((path) => sql`AND o.path NOT LIKE ${path + '%'}`);
  return sql`INSERT INTO points_ledger (customer_id, kind, points, month, expires_on, rule_set_id, created_by)
    SELECT b.customer_id, 'accrual', ${points}, b.month, ${expiresOn}, ${set.id}, ${by}
    FROM bills b JOIN customers c ON c.id = b.customer_id JOIN org_units o ON o.id = c.org_unit_id
    WHERE b.month = ${month}::date AND c.archive = 'in_network' AND o.path LIKE ${set.orgPath + '%'} ${sql.join(excluded, sql` `)}
    ON CONFLICT (customer_id, month) WHERE kind = 'accrual' DO NOTHING`;
}

/** Monthly accrual for `month` (YYYY-MM) under the points rules in force; a second run adds nothing. */
export async function accruePoints(tx: Executor, month: string, by: string): Promise<{ entries: number; points: number }> {
  const first = `${month}-01`;
  const sets = await activeRuleSets(tx, 'points', first);
  // A lost accrual is run again: one row per customer and month, so it adds only what is missing.
  await tuneBatchTransaction(tx, 'rerunnable');
  let entries = 0;
  let points = 0;
  for (const set of sets) {
    const deeper = sets.filter((other) => other !== set && other.orgPath.startsWith(set.orgPath)).map((other) => other.orgPath);
    const row = await tx.first<{ entries: number; points: number }>(insertCounted(accrualRows(set, deeper, first, by)));
    entries += row?.entries ?? 0;
    points += Number(row?.points ?? 0);
  }
  return { entries, points };
}

export class InsufficientPointsError extends Error {
  constructor(readonly balance: number) {
    super(`The balance is ${balance} points`);
  }
}

/**
 * Spends points. The caller holds the customer's row lock (lockCustomer), so two redemptions for one
 * customer run one after the other and the second sees the first: the balance never goes negative.
 */
export async function redeemPoints(tx: Executor, customerId: number, points: number, reason: string, by: string): Promise<PointsEntry> {
  const balance = await pointsBalance(tx, customerId);
  if (balance < points) throw new InsufficientPointsError(balance);
  const row = await tx.first<{ entries: number }>(insertCounted(sql`
    INSERT INTO points_ledger (customer_id, kind, points, reason, created_by) VALUES (${customerId}, 'redemption', ${-points}, ${reason}, ${by})`));
  if (row?.entries !== 1) throw new Error('redemption not written');
  return (await listPointsEntries(tx, customerId, 1))[0] as PointsEntry;
}

/** A manual adjustment waits for approval; a positive one expires like points earned today. */
export async function requestPointsAdjustment(
  tx: Executor,
  input: { customerId: number; points: number; reason: string; by: string; today: BusinessDate; expiryYearsAfter: number },
): Promise<PointsEntry> {
  const expiresOn = input.points > 0 ? `${Number(input.today.slice(0, 4)) + input.expiryYearsAfter}-12-31` : null;
  await tx.run(sql`INSERT INTO points_ledger (customer_id, kind, points, expires_on, status, reason, created_by)
    VALUES (${input.customerId}, 'adjustment', ${input.points}, ${expiresOn}, 'pending', ${input.reason}, ${input.by})`);
  return (await listPointsEntries(tx, input.customerId, 1))[0] as PointsEntry;
}

export interface PendingAdjustment {
  id: number;
  customerId: number;
  orgPath: string;
  points: number;
  status: string;
  createdBy: string;
}

/** An adjustment awaiting approval, with its customer, for a reviewer's list. */
export interface PendingAdjustmentRow {
  id: number;
  customerId: number;
  customerNo: string;
  name: string;
  orgUnit: string;
  points: number;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

/** The adjustments awaiting approval for customers under `orgPath`, oldest first. */
export function listPendingAdjustments(db: Executor, orgPath: string, limit = 200): Promise<PendingAdjustmentRow[]> {
  return db.rows<PendingAdjustmentRow>(sql`
    SELECT p.id, p.customer_id AS "customerId", c.customer_no AS "customerNo", c.name, o.code AS "orgUnit", p.points, p.reason,
      p.created_by AS "createdBy", p.created_at AS "createdAt"
    FROM points_ledger p JOIN customers c ON c.id = p.customer_id JOIN org_units o ON o.id = c.org_unit_id
    WHERE p.status = 'pending' AND o.path LIKE ${orgPath + '%'}
    ORDER BY p.id LIMIT ${limit}`);
}

export function findPointsAdjustment(tx: Executor, id: number): Promise<PendingAdjustment | undefined> {
  return tx.first<PendingAdjustment>(sql`
    SELECT p.id, p.customer_id AS "customerId", o.path AS "orgPath", p.points, p.status, p.created_by AS "createdBy"
    FROM points_ledger p JOIN customers c ON c.id = p.customer_id JOIN org_units o ON o.id = c.org_unit_id
    WHERE p.id = ${id} AND p.kind = 'adjustment' FOR UPDATE OF p`);
}

/** Approves (counting it; a deduction may not take the balance below zero) or rejects a pending adjustment. */
export async function decidePointsAdjustment(tx: Executor, adjustment: PendingAdjustment, approve: boolean, by: string): Promise<void> {
  if (!approve) {
    await tx.run(sql`UPDATE points_ledger SET status = 'rejected', approved_by = ${by} WHERE id = ${adjustment.id}`);
    return;
  }
  if (adjustment.points < 0) {
    const balance = await pointsBalance(tx, adjustment.customerId);
    if (balance + adjustment.points < 0) throw new InsufficientPointsError(balance);
  }
  await tx.run(sql`UPDATE points_ledger SET status = 'counted', approved_by = ${by} WHERE id = ${adjustment.id}`);
}

/** Per customer: points earned to expire on or before `date` that are still unspent. */
function unspentBy(date: SQL): SQL {
  return sql`SELECT customer_id,
      sum(points) FILTER (WHERE points > 0 AND expires_on <= ${date}) + COALESCE(sum(points) FILTER (WHERE points < 0), 0) AS unspent,
      max(expires_on) FILTER (WHERE points > 0 AND expires_on <= ${date}) AS expires_on
    FROM points_ledger WHERE status = 'counted'
      AND customer_id IN (SELECT customer_id FROM points_ledger WHERE points > 0 AND expires_on <= ${date})
    GROUP BY customer_id`;
}

/**
 * Writes off the points whose expiry date is before `today` (one row per customer and date, so a
 * re-run adds nothing) and queues an SMS, 30 days ahead by default, for points about to expire.
 */
export async function expirePoints(tx: Executor, today: BusinessDate, noticeDays: number, by: string): Promise<{ expired: number; notices: number }> {
  const expired = await tx.first<{ entries: number }>(insertCounted(sql`
    INSERT INTO points_ledger (customer_id, kind, points, expires_on, created_by)
    SELECT u.customer_id, 'expiry', -u.unspent, u.expires_on, ${by}
    FROM (${unspentBy(sql`(${today}::date - 1)`)}) u WHERE u.unspent > 0
    ON CONFLICT (customer_id, expires_on) WHERE kind = 'expiry' DO NOTHING`));
  const notices = await tx.run(sql`
    INSERT INTO sms_outbox (customer_id, kind, params, dedupe_key)
    SELECT u.customer_id, 'points_expiry', jsonb_build_object('points', u.unspent, 'expiresOn', u.expires_on),
      'points_expiry:' || u.customer_id || ':' || u.expires_on
    FROM (${unspentBy(sql`(${today}::date + ${noticeDays}::int)`)}) u
    WHERE u.unspent > 0 AND u.expires_on >= ${today}::date
    ON CONFLICT (dedupe_key) DO NOTHING`);
  return { expired: expired?.entries ?? 0, notices };
}
