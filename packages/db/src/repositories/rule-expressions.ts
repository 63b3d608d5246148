import { sql, type SQL } from 'drizzle-orm';
import { assertNever, type GradingRules, type StarRules } from '@patron/domain';

/**
 * The grading and star rules compiled into SQL over the columns of `regradeFacts` (regrade.repository):
 * the same arithmetic as the domain evaluators (evaluateGrade, evaluateStar), set-based so a re-grade of
 * a million customers is a few statements. regrade.int.test.ts checks both give the same answers.
 */
export const GRADE_RANK = sql`ARRAY['none', 'guest', 'silver', 'gold', 'diamond']::text[]`;

const lit = (n: number) => sql.raw(String(Math.trunc(n)));

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
