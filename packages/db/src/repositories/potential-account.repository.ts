import { sql } from 'drizzle-orm';
import { type BusinessDate, lowestTierAverageFen } from '@patron/domain';
import type { Executor } from '../database';
import { activeRuleSets, governingRuleSet } from './rule-set.repository';

/**
 * Potential key accounts (潜在大客户, DOMAIN §3.5): customers who are not key accounts but qualify by
 * the potential rules (spend near the lowest tier, a group key person, a high-spending competitor
 * customer). The account manager confirms a prospect, the district approves the promotion.
 */
export const POTENTIAL_STATUSES = ['qualified', 'confirmed', 'approved', 'rejected'] as const;
export type PotentialStatus = (typeof POTENTIAL_STATUSES)[number];

export interface PotentialAccount {
  customerId: number;
  customerNo: string;
  name: string;
  orgUnit: string;
  reason: 'spend' | 'group_key_person' | 'competitor_spend';
  month: BusinessDate;
  status: PotentialStatus;
  confirmedBy: string | null;
  approvedBy: string | null;
}

/** Qualifies prospects for `month` (YYYY-MM); customers already listed keep their status. Returns how many were added. */
export async function qualifyPotentialAccounts(tx: Executor, month: string): Promise<number> {
  const first = `${month}-01`;
  const sets = await activeRuleSets(tx, 'potential', first);
  let added = 0;
  for (const set of sets) {
    const grading = await governingRuleSet(tx, 'grading', set.orgPath, first);
    if (!grading) continue;
    const rules = set.body;
    // Compared as totals × 100 so that no average is rounded: total × 100 ≥ bar × share × months.
    const bar = lowestTierAverageFen(grading.body) * rules.shareOfLowestTierPercent * rules.averageMonths;
    const deeper = sets.filter((other) => other !== set && other.orgPath.startsWith(set.orgPath)).map((other) => sql`AND o.path NOT LIKE ${other.orgPath + '%'}`);
    added += await tx.run(sql`
      INSERT INTO potential_accounts (customer_id, reason, month, rule_set_id)
      SELECT c.id,
        CASE WHEN COALESCE(b.total, 0) * 100 >= ${bar} THEN 'spend'
          WHEN ${rules.groupKeyPerson} AND c.group_role = 'key_person' THEN 'group_key_person' ELSE 'competitor_spend' END,
        ${first}::date, ${set.id}
      FROM customers c JOIN org_units o ON o.id = c.org_unit_id
      LEFT JOIN (SELECT customer_id, sum(amount_fen) AS total FROM bills
        WHERE month > (${first}::date - ${sql.raw(`interval '${Math.trunc(rules.averageMonths)} months'`)})::date AND month <= ${first}::date
        GROUP BY customer_id) b ON b.customer_id = c.id
      LEFT JOIN (SELECT customer_id, max(monthly_spend_fen) AS spend FROM customer_competitors GROUP BY customer_id) k ON k.customer_id = c.id
      WHERE c.grade = 'none' AND (c.archive = 'in_network' OR c.retained_reason IN ('potential', 'demoted'))
        AND o.path LIKE ${set.orgPath + '%'} ${sql.join(deeper, sql` `)}
        AND (COALESCE(b.total, 0) * 100 >= ${bar}
          OR (${rules.groupKeyPerson} AND c.group_role = 'key_person')
          OR (${rules.competitorMinMonthlyFen} > 0 AND COALESCE(k.spend, 0) >= ${rules.competitorMinMonthlyFen}))
      ON CONFLICT (customer_id) DO NOTHING`);
  }
  return added;
}

/** Prospects under `orgPath` (a district manager's district, an AM's own customers via `managerId`). */
export function listPotentialAccounts(db: Executor, filter: { orgPath: string; managerId?: number; status?: PotentialStatus }): Promise<PotentialAccount[]> {
  return db.rows<PotentialAccount>(sql`
    SELECT p.customer_id AS "customerId", c.customer_no AS "customerNo", c.name, o.code AS "orgUnit", p.reason, p.month, p.status,
      p.confirmed_by AS "confirmedBy", p.approved_by AS "approvedBy"
    FROM potential_accounts p JOIN customers c ON c.id = p.customer_id JOIN org_units o ON o.id = c.org_unit_id
    WHERE o.path LIKE ${filter.orgPath + '%'}
      AND (${filter.managerId ?? null}::bigint IS NULL OR c.account_manager_id = ${filter.managerId ?? null})
      AND (${filter.status ?? null}::text IS NULL OR p.status = ${filter.status ?? null})
    ORDER BY o.path, p.status, c.customer_no LIMIT 500`);
}

export function findPotentialAccount(tx: Executor, customerId: number): Promise<{ status: PotentialStatus; orgPath: string; accountManagerId: number | null } | undefined> {
  return tx.first(sql`
    SELECT p.status, o.path AS "orgPath", c.account_manager_id AS "accountManagerId"
    FROM potential_accounts p JOIN customers c ON c.id = p.customer_id JOIN org_units o ON o.id = c.org_unit_id
    WHERE p.customer_id = ${customerId} FOR UPDATE OF p`);
}

/** Moves a prospect on; approval promotes the customer to the lowest key-account grade, in network. */
export async function setPotentialStatus(tx: Executor, customerId: number, status: PotentialStatus, by: string, note: string | null): Promise<void> {
  await tx.run(sql`UPDATE potential_accounts SET status = ${status}, note = COALESCE(${note}, note), updated_at = now(),
      confirmed_by = CASE WHEN ${status} = 'confirmed' THEN ${by} ELSE confirmed_by END,
      approved_by = CASE WHEN ${status} IN ('approved', 'rejected') THEN ${by} ELSE approved_by END
    WHERE customer_id = ${customerId}`);
  if (status !== 'approved') return;
  await tx.run(sql`
    INSERT INTO customer_history (customer_id, actor_name, action, before, after, reason)
    SELECT id, ${by}, 'customer.promote', jsonb_build_object('grade', grade, 'archive', archive), jsonb_build_object('grade', 'guest', 'archive', 'in_network'),
      'potential key account approved' FROM customers WHERE id = ${customerId}`);
  await tx.run(sql`UPDATE customers SET grade = 'guest', archive = 'in_network', retained_reason = NULL, retained_at = NULL, updated_at = now()
    WHERE id = ${customerId}`);
}
