import { sql, type SQL } from 'drizzle-orm';
import { assertNever, type BusinessDate, type CreditRules, type GradingRules, type StarRules } from '@patron/domain';

/**
 * The grading, star and credit rules compiled into SQL over the columns of a facts row `f` (built by
 * regrade.repository and credit-profile.repository): the same arithmetic as the domain evaluators
 * (evaluateGrade, evaluateStar, evaluateCredit), set-based so a re-grade of a million customers is a few
 * statements. regrade.int.test.ts checks both give the same answers.
 */
export const GRADE_RANK = sql`ARRAY['none', 'guest', 'silver', 'gold', 'diamond']::text[]`;

const lit = (n: number) => sql.raw(String(Math.trunc(n)));

export function monthsBack(months: number): SQL {
  return sql.raw(`interval '${Math.max(0, Math.trunc(months))} months'`);
}

/**
 * Whole months from `c.activated_on` to `asOf` (rule-facts wholeMonthsBetween); 0 without an activation
 * date. The as-of parts are literals and the date's parts float8 cast to int: extract() would do this
 * in numeric arithmetic, a measurable cost over a million rows.
 */
export function tenureMonthsColumn(asOf: BusinessDate): SQL {
  const [year, month, day] = asOf.split('-').map(Number) as [number, number, number];
  const part = (field: 'year' | 'month' | 'day') => sql.raw(`date_part('${field}', c.activated_on)::int`);
  return sql`CASE WHEN c.activated_on IS NULL THEN 0 ELSE greatest(0,
    ${lit(year * 12 + month)} - (${part('year')} * 12 + ${part('month')}) - CASE WHEN ${lit(day)} < ${part('day')} THEN 1 ELSE 0 END) END`;
}

/** Arrears suspensions of `s` (arrearsSuspensionDays) on or after as-of minus `months` (none counted when the rule sets 0). */
export function arrearsWithin(months: number, asOf: BusinessDate): SQL {
  if (months <= 0) return sql`0`;
  return sql`count(*) FILTER (WHERE s.on_date >= (${asOf}::date - ${monthsBack(months)})::date)`;
}

/** Each customer's arrears suspensions up to `asOf` as business dates (customer_id, on_date), to aggregate as `s`. */
export function arrearsSuspensionDays(asOf: BusinessDate): SQL {
  return sql`(SELECT l.customer_id, (x.suspended_at AT TIME ZONE 'Asia/Shanghai')::date AS on_date
    FROM suspensions x JOIN lines l ON l.id = x.line_id
    WHERE x.kind = 'arrears' AND (x.suspended_at AT TIME ZONE 'Asia/Shanghai')::date <= ${asOf}::date)`;
}

/** An average-spend or growth-value measure: total fen over the window, or points. */
export function gradeMeasure(rules: GradingRules): SQL {
  switch (rules.scheme) {
    case 'average_spend':
      return sql`(f.grading_total / ${lit(rules.averageMonths)})`;
    case 'growth_value': {
      const bands = [...rules.tenurePoints].reverse().map((band) => sql`WHEN f.tenure_months / 12 >= ${lit(band.minYears)} THEN ${lit(band.points)}`);
      const tenure = bands.length === 0 ? sql`0` : sql`CASE ${sql.join(bands, sql` `)} ELSE 0 END`;
      return sql`(f.total12 / 100 + ${tenure})`;
    }
    default:
      return assertNever(rules, 'grading scheme');
  }
}

/** The grade the tiers award, before eligibility and group roles. */
function tierGrade(rules: GradingRules): SQL {
  const whens =
    rules.scheme === 'average_spend'
      ? rules.tiers.map((t) => sql`WHEN f.grading_total >= ${lit(t.minAverageFen)}::bigint * ${lit(rules.averageMonths)} THEN ${t.grade}::text`)
      : rules.tiers.map((t) => sql`WHEN ${gradeMeasure(rules)} >= ${lit(t.minPoints)} THEN ${t.grade}::text`);
  return sql`CASE ${sql.join(whens, sql` `)} ELSE 'none' END`;
}

function roleGrade(rules: GradingRules): SQL {
  const whens = Object.entries(rules.groupRoleGrades).map(([role, grade]) => sql`WHEN ${role}::text THEN ${grade}::text`);
  return whens.length === 0 ? sql`'none'` : sql`COALESCE(CASE f.group_role ${sql.join(whens, sql` `)} END, 'none')`;
}

/** `own_grade`, `own_reason`, `role_grade` columns for one customer row `f`. */
export function gradeColumns(rules: GradingRules): SQL {
  const tier = tierGrade(rules);
  const blocked = sql`f.tenure_months < ${lit(rules.minTenureMonths)} OR f.grading_arrears > 0`;
  return sql`CASE WHEN ${blocked} THEN 'none' ELSE ${tier} END AS own_grade,
    CASE WHEN f.tenure_months < ${lit(rules.minTenureMonths)} THEN 'tenure_short'
      WHEN f.grading_arrears > 0 THEN 'recent_arrears'
      WHEN ${tier} = 'none' THEN 'below_lowest_tier' ELSE 'tier' END AS own_reason,
    ${roleGrade(rules)} AS role_grade,
    ${gradeMeasure(rules)} AS measure`;
}

/** The star level column (0 = unrated). */
export function starColumn(rules: StarRules): SQL {
  const whens = rules.levels.map(
    (l) => sql`WHEN f.star_total >= ${lit(l.minAverageFen)}::bigint * ${lit(rules.averageMonths)} AND f.tenure_months >= ${lit(l.minTenureMonths)} THEN ${lit(l.star)}`,
  );
  const base = sql`CASE WHEN f.tenure_months < ${lit(rules.minTenureMonths)} THEN 0 ${sql.join(whens, sql` `)} ELSE 0 END`;
  const adjusted = sql`greatest(0, least(5, ${base} + CASE WHEN f.contract_until >= f.as_of THEN ${lit(rules.contractBonus)} ELSE 0 END
    - f.star_arrears * ${lit(rules.arrearsPenaltyPerSuspension)}))`;
  return sql`CASE WHEN ${base} = 0 THEN 0 ELSE ${adjusted} END`;
}

/**
 * The credit score over `f.tenure_months`, `f.bills_due`, `f.bills_on_time`, `f.arrears_age_days` and
 * `f.credit_arrears`: evaluateCredit's integer formula over the common denominator, floored once.
 */
export function creditScoreExpression(rules: CreditRules): SQL {
  const due = sql`(CASE WHEN f.bills_due = 0 THEN 2 ELSE f.bills_due END)`;
  const onTime = sql`(CASE WHEN f.bills_due = 0 THEN 1 ELSE f.bills_on_time END)`;
  const full = lit(rules.tenureFullMonths);
  const penalties = sql`(${lit(rules.baseScore)} - f.credit_arrears * ${lit(rules.suspensionPenalty)}
    - least(${lit(rules.maxArrearsPenalty)}, f.arrears_age_days * ${lit(rules.arrearsDayPenalty)}))`;
  const numerator = sql`(${penalties}::bigint * ${full} * ${due} + ${lit(rules.tenureWeight)}::bigint * least(f.tenure_months, ${full}) * ${due}
    + ${lit(rules.punctualityWeight)}::bigint * ${onTime} * ${full})`;
  return sql`greatest(0, least(100, floor(${numerator}::numeric / (${full} * ${due}))))::smallint`;
}

/** The credit limit (fen) of the first band whose minimum `score` reaches. */
export function creditLimitExpression(rules: CreditRules, score: SQL): SQL {
  const bands = rules.limits.map((band) => sql`WHEN ${score} >= ${lit(band.minScore)} THEN ${lit(band.limitFen)}::bigint`);
  return bands.length === 0 ? sql`0::bigint` : sql`CASE ${sql.join(bands, sql` `)} ELSE 0::bigint END`;
}
