import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext, Benefit, BusinessDate, Grade, KeyAccountGrade } from '@patron/domain';
import type { Executor } from '../database';
import { customerScope } from './scope';

/**
 * Benefits follow the grade (DOMAIN §2.3, §4.6): `grade_benefits` says what each grade carries;
 * `customer_benefits` holds one row per grant, closed when the grade stops carrying it, so the rows are
 * the history. A re-grade's apply brings the covered customers' open grants in line with their grade.
 */

export interface GradeBenefitRow {
  grade: KeyAccountGrade;
  benefit: Benefit;
  yearlyQuota: number | null;
}

export function listGradeBenefits(db: Executor): Promise<GradeBenefitRow[]> {
  return db.rows<GradeBenefitRow>(sql`
    SELECT grade, benefit, yearly_quota AS "yearlyQuota" FROM grade_benefits
    ORDER BY array_position(ARRAY['diamond', 'gold', 'silver', 'guest'], grade), benefit`);
}

/** An open grant matches the grade's entitlement when the grade carries the benefit with the same quota. */
const entitled = sql`EXISTS (SELECT 1 FROM grade_benefits gb WHERE gb.grade = c.grade AND gb.benefit = cb.benefit
  AND gb.yearly_quota IS NOT DISTINCT FROM cb.yearly_quota)`;

/**
 * Closes the open grants the customers' grade no longer carries, then grants what it carries and they
 * lack (a changed quota is a close plus a new grant). `customers` is a predicate on `c`. Idempotent:
 * customers already in line are untouched. Returns how many grants were opened and closed.
 */
export async function syncCustomerBenefits(tx: Executor, customers: SQL, runId: number | null): Promise<{ granted: number; revoked: number }> {
  const revoked = await tx.run(sql`
    UPDATE customer_benefits cb SET revoked_at = now(), revoked_run_id = ${runId}::bigint
    FROM customers c
    WHERE c.id = cb.customer_id AND cb.revoked_at IS NULL AND ${customers} AND NOT ${entitled}`);
  const granted = await tx.run(sql`
    INSERT INTO customer_benefits (customer_id, benefit, yearly_quota, grade, granted_run_id)
    SELECT c.id, gb.benefit, gb.yearly_quota, c.grade, ${runId}::bigint
    FROM customers c JOIN grade_benefits gb ON gb.grade = c.grade
    WHERE ${customers}
      AND NOT EXISTS (SELECT 1 FROM customer_benefits cb WHERE cb.customer_id = c.id AND cb.benefit = gb.benefit AND cb.revoked_at IS NULL)`);
  return { granted, revoked };
}

export interface CustomerBenefitRow {
  id: number;
  benefit: Benefit;
  yearlyQuota: number | null;
  /** The grade that granted it. */
  grade: Grade;
  grantedAt: Date;
  revokedAt: Date | null;
}

export interface CustomerCreditProfile {
  score: number | null;
  limitFen: number | null;
  temporaryFen: number | null;
  temporaryUntil: BusinessDate | null;
  nonCreditControl: boolean;
  evaluatedOn: BusinessDate | null;
  /** `credit@HQ v1`: the rule set that produced the score. */
  ruleSet: string | null;
}

export interface CustomerEntitlements {
  grade: Grade;
  gradeValidFrom: BusinessDate | null;
  gradeValidTo: BusinessDate | null;
  credit: CustomerCreditProfile;
  /** Open grants first, then the closed ones, newest first: the history. */
  benefits: CustomerBenefitRow[];
}

/** A customer's credit profile and benefits with their history, in the caller's scope (undefined when out of reach). */
export async function findCustomerEntitlements(db: Executor, ctx: AccessContext, customerId: number): Promise<CustomerEntitlements | undefined> {
  const scoped = sql`c.id = ${customerId} AND ${customerScope(ctx)}`;
  const [profile, benefits] = await Promise.all([
    db.first<Omit<CustomerEntitlements, 'credit' | 'benefits'> & { credit: CustomerCreditProfile }>(sql`
      SELECT c.grade, c.grade_valid_from AS "gradeValidFrom", c.grade_valid_to AS "gradeValidTo",
        jsonb_build_object('score', c.credit_score, 'limitFen', c.credit_limit_fen, 'temporaryFen', c.temp_credit_fen,
          'temporaryUntil', c.temp_credit_until, 'nonCreditControl', c.non_credit_control, 'evaluatedOn', c.credit_evaluated_on,
          'ruleSet', CASE WHEN r.id IS NULL THEN NULL ELSE r.kind || '@' || o.code || ' v' || r.version END) AS credit
      FROM customers c LEFT JOIN rule_sets r ON r.id = c.credit_rule_set_id LEFT JOIN org_units o ON o.id = r.org_unit_id
      WHERE ${scoped}`),
    db.rows<CustomerBenefitRow>(sql`
      SELECT cb.id, cb.benefit, cb.yearly_quota AS "yearlyQuota", cb.grade, cb.granted_at AS "grantedAt", cb.revoked_at AS "revokedAt"
      FROM customer_benefits cb JOIN customers c ON c.id = cb.customer_id
      WHERE ${scoped} ORDER BY cb.revoked_at IS NOT NULL, COALESCE(cb.revoked_at, cb.granted_at) DESC, cb.id DESC LIMIT 200`),
  ]);
  return profile ? { ...profile, benefits } : undefined;
}
