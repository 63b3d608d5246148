import { sql, type SQL } from 'drizzle-orm';
import { type BusinessDate, CREDIT_BILL_LOOKBACK_MONTHS, monthEnd } from '@patron/domain';
import type { Executor } from '../database';
import { arrearsSuspensionDays, arrearsWithin, creditLimitExpression, creditScoreExpression, monthsBack, tenureMonthsColumn } from './rule-expressions';
import { activeRuleSets, type RuleSet } from './rule-set.repository';

/**
 * The credit profile (信誉度, DOMAIN §2.1, §3.3, §8 #2): score 0–100, long-term credit limit, the rule
 * set that produced them and the evaluation date, rated set-based by a re-grade for the customers it
 * covers, counted at the end of the graded month like the grades.
 */

/** A bill's due date: the last day of the month after the billed one (credit.policy billDueDate). */
const dueDate = sql`(b.month + interval '2 months' - interval '1 day')::date`;

/** Per customer: bills due in the lookback before `asOf`, those paid in full by their due date, and days the oldest unpaid one is overdue. */
function billFacts(month: BusinessDate, asOf: BusinessDate, customers: SQL): SQL {
  // Bills of months M−12 … M−2 fall due after as-of − 12 months and before as-of (credit.policy creditBillFacts).
  const first = sql`(${month}::date - ${monthsBack(CREDIT_BILL_LOOKBACK_MONTHS)})::date`;
  const last = sql`(${month}::date - ${monthsBack(2)})::date`;
  const unpaidAtAsOf = sql`b.amount_fen > 0 AND (b.paid_fen < b.amount_fen OR b.paid_on IS NULL OR b.paid_on > ${asOf}::date)`;
  return sql`(SELECT b.customer_id, count(*)::int AS bills_due,
      count(*) FILTER (WHERE b.amount_fen = 0 OR (b.paid_fen >= b.amount_fen AND b.paid_on <= ${dueDate}))::int AS bills_on_time,
      COALESCE(${asOf}::date - min(${dueDate}) FILTER (WHERE ${unpaidAtAsOf}), 0) AS arrears_age_days
    FROM bills b WHERE b.month BETWEEN ${first} AND ${last} AND b.customer_id IN (SELECT c.id FROM customers c WHERE ${customers})
    GROUP BY b.customer_id)`;
}

/** The credit rows of one credit set's slice: customer id, score, limit. */
function creditRows(set: RuleSet<'credit'>, deeper: string[], month: BusinessDate, asOf: BusinessDate, customers: SQL): SQL {
  const rules = set.body;
  const excluded = deeper.map((path) => sql`AND o.path NOT LIKE ${path + '%'}`);
  const score = creditScoreExpression(rules);
  return sql`SELECT f.customer_id, ${score} AS credit_score, ${creditLimitExpression(rules, score)} AS credit_limit_fen
    FROM (
      SELECT c.id AS customer_id, ${tenureMonthsColumn(asOf)} AS tenure_months,
        COALESCE(b.bills_due, 0) AS bills_due, COALESCE(b.bills_on_time, 0) AS bills_on_time,
        COALESCE(b.arrears_age_days, 0) AS arrears_age_days, COALESCE(s.credit_arrears, 0) AS credit_arrears
      FROM customers c JOIN org_units o ON o.id = c.org_unit_id
      LEFT JOIN ${billFacts(month, asOf, customers)} b ON b.customer_id = c.id
      LEFT JOIN (
        SELECT s.customer_id, ${arrearsWithin(rules.suspensionLookbackMonths, asOf)} AS credit_arrears
        FROM ${arrearsSuspensionDays(asOf)} s GROUP BY s.customer_id
      ) s ON s.customer_id = c.id
      WHERE ${customers} AND o.path LIKE ${set.orgPath + '%'} ${sql.join(excluded, sql` `)}
    ) f`;
}

/** Every covered customer's computed credit, as one SELECT (customer_id, credit_score, credit_limit_fen, credit_rule_set_id). */
export async function creditRatingRows(db: Executor, month: string, customers: SQL): Promise<SQL> {
  const first = `${month}-01`;
  const asOf = monthEnd(month);
  const sets = await activeRuleSets(db, 'credit', asOf);
  if (sets.length === 0) throw new Error('No active credit rule set: migration 0010 seeds one');
  return sql.join(
    sets.map((set) => {
      const deeper = sets.filter((other) => other !== set && other.orgPath.startsWith(set.orgPath)).map((other) => other.orgPath);
      return sql`(SELECT r.*, ${set.id}::bigint AS credit_rule_set_id FROM (${creditRows(set, deeper, first, asOf, customers)}) r)`;
    }),
    sql` UNION ALL `,
  );
}

/**
 * Rates `customers` (a predicate on `c`) for the re-grade of `month` and writes each one's credit
 * profile, with the rule set and the evaluation date (the graded month's last day). Rows already holding
 * the same figures are left alone, so re-applying a month writes nothing. Returns how many changed.
 */
export async function writeCreditProfiles(tx: Executor, month: string, customers: SQL): Promise<number> {
  const rows = await creditRatingRows(tx, month, customers);
  const evaluatedOn = monthEnd(month);
  return tx.run(sql`
    UPDATE customers c SET credit_score = r.credit_score, credit_limit_fen = r.credit_limit_fen,
      credit_rule_set_id = r.credit_rule_set_id, credit_evaluated_on = ${evaluatedOn}::date, updated_at = now()
    FROM (${rows}) r
    WHERE c.id = r.customer_id
      AND (c.credit_score, c.credit_limit_fen, c.credit_rule_set_id, c.credit_evaluated_on)
        IS DISTINCT FROM (r.credit_score, r.credit_limit_fen, r.credit_rule_set_id, ${evaluatedOn}::date)`);
}
