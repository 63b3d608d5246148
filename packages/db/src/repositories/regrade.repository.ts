import { sql, type SQL } from 'drizzle-orm';
import { type BusinessDate, type Grade, type RuleKind, gradeValidity, monthEnd } from '@patron/domain';
import type { Executor } from '../database';
import { tuneBatchTransaction } from './batch-transaction';
import { writeCreditProfiles } from './credit-profile.repository';
import { managerLoadLimitsJson } from './customer-assignment.repository';
import { syncCustomerBenefits } from './customer-benefit.repository';
import { GRADE_RANK, arrearsSuspensionDays, arrearsWithin, gradeColumns, monthsBack, starColumn, tenureMonthsColumn } from './rule-expressions';
import { activeRuleSets, type RuleSet } from './rule-set.repository';

export const REGRADE_SCOPES = ['full', 'newly_eligible'] as const;
export type RegradeScope = (typeof REGRADE_SCOPES)[number];
export const REGRADE_MOVEMENTS = ['up', 'down', 'new', 'removed', 'unchanged'] as const;
export type RegradeMovement = (typeof REGRADE_MOVEMENTS)[number];
export type RegradeSummary = Record<RegradeMovement, number>;

/** One slice of the customers: the org subtree a grading set governs, minus deeper sets' subtrees. */
interface RegradePartition {
  grading: RuleSet<'grading'>;
  star: RuleSet<'star'> | undefined;
  excludedPaths: string[];
}

/** Everything a re-grade of one month reads: the month, the as-of date and the rule sets per slice. */
export interface RegradePlan {
  /** First day of the graded month. */
  month: BusinessDate;
  asOf: BusinessDate;
  scope: RegradeScope;
  partitions: RegradePartition[];
  /** Simulation of a draft: only customers under this path. */
  onlyPath?: string;
}

/** The sets of a kind in force, with `replacement` standing in for the active set of its org. */
function withReplacement<K extends RuleKind>(sets: RuleSet<K>[], replacement: RuleSet | undefined, kind: K): RuleSet<K>[] {
  if (replacement?.kind !== kind) return sets;
  const others = sets.filter((set) => set.orgUnitId !== replacement.orgUnitId);
  return [...others, replacement as RuleSet<K>].sort((a, b) => b.orgPath.length - a.orgPath.length || a.orgPath.localeCompare(b.orgPath));
}

/**
 * The plan for `month` (YYYY-MM) with the active rule sets, or with `replacement` (a draft being
 * simulated) in place of its org's active set of the same kind.
 */
export async function planRegrade(db: Executor, month: string, scope: RegradeScope, replacement?: RuleSet): Promise<RegradePlan> {
  const asOf = monthEnd(month);
  const grading = withReplacement(await activeRuleSets(db, 'grading', asOf), replacement, 'grading');
  const stars = withReplacement(await activeRuleSets(db, 'star', asOf), replacement, 'star');
  const partitions = grading.map((set) => ({
    grading: set,
    star: stars.find((star) => set.orgPath.startsWith(star.orgPath)),
    excludedPaths: grading.filter((other) => other !== set && other.orgPath.startsWith(set.orgPath)).map((other) => other.orgPath),
  }));
  return { month: `${month}-01`, asOf, scope, partitions, ...(replacement ? { onlyPath: replacement.orgPath } : {}) };
}

/** The customers (`c`, org unit `o`) one partition governs: in network or demoted, in its subtree, within the run's scope. */
function governedBy(plan: RegradePlan, part: RegradePartition): SQL {
  const excluded = part.excludedPaths.map((path) => sql`AND o.path NOT LIKE ${path + '%'}`);
  const onlyPath = plan.onlyPath === undefined ? sql`` : sql`AND o.path LIKE ${plan.onlyPath + '%'}`;
  const newlyEligible = plan.scope === 'newly_eligible' ? sql`AND c.grade = 'none'` : sql``;
  return sql`o.path LIKE ${part.grading.orgPath + '%'} ${onlyPath} ${newlyEligible} ${sql.join(excluded, sql` `)}
    AND (c.archive = 'in_network' OR c.retained_reason = 'demoted')`;
}

/** How many customers the plan grades (every one is a proposal row, moving or not). */
function governedCount(plan: RegradePlan): SQL {
  const counts = plan.partitions.map((part) => sql`SELECT count(*) AS n FROM customers c JOIN org_units o ON o.id = c.org_unit_id WHERE ${governedBy(plan, part)}`);
  return sql`SELECT COALESCE(sum(n), 0)::int AS n FROM (${sql.join(counts, sql` UNION ALL `)}) counts`;
}

/**
 * The proposal rows of one partition: every governed customer, with its current and computed grade and
 * star. Each layer (facts f → rule columns g → final grade x) ends in OFFSET 0 so the planner keeps it a
 * subquery: otherwise it inlines the layers and re-evaluates every fact and tier CASE in each expression
 * that mentions it (the movement alone names the grade six times), which was half the query's time.
 */
function partitionRows(plan: RegradePlan, part: RegradePartition): SQL {
  const { grading, star } = part;
  const rules = grading.body;
  const averageMonths = rules.scheme === 'average_spend' ? rules.averageMonths : 12;
  const starMonths = star?.body.averageMonths ?? 0;
  // Only the billed months the rules read are scanned: six for the default rules, twelve for growth value.
  const windowMonths = Math.max(averageMonths, starMonths);
  const m = sql`${plan.month}::date`;
  // A window as long as the scanned one is a plain sum, which PostgreSQL computes once for every column
  // naming it (with the defaults, grading and star both read six months: one sum instead of two filtered).
  // Summed as float8, exact for whole fen below 2^53 (¥90 trillion), because its state is one number in
  // the hash table where a bigint sum keeps a numeric per customer: a million customers' sums then fit
  // the batch's hash memory instead of spilling to disk.
  const billedOver = (months: number) =>
    months === windowMonths ? sql`sum(amount_fen::float8)::bigint` : sql`(sum(amount_fen::float8) FILTER (WHERE month > (${m} - ${monthsBack(months)})::date))::bigint`;
  return sql`(WITH f AS (
      SELECT c.id AS customer_id, c.org_unit_id, c.grade AS from_grade, c.star AS from_star, c.contract_until,
        ${plan.asOf}::date AS as_of,
        CASE WHEN g.id IS NOT NULL THEN c.group_role END AS group_role,
        ${tenureMonthsColumn(plan.asOf)} AS tenure_months,
        COALESCE(b.grading_total, 0) AS grading_total, COALESCE(b.star_total, 0) AS star_total, COALESCE(b.total12, 0) AS total12,
        COALESCE(s.grading_arrears, 0) AS grading_arrears, COALESCE(s.star_arrears, 0) AS star_arrears
      FROM customers c
      JOIN org_units o ON o.id = c.org_unit_id
      LEFT JOIN customers g ON g.id = c.parent_customer_id AND c.group_role IS NOT NULL AND g.kind = 'group' AND g.archive = 'in_network'
      LEFT JOIN (
        SELECT customer_id,
          ${billedOver(averageMonths)} AS grading_total, ${billedOver(starMonths)} AS star_total,
          ${rules.scheme === 'growth_value' ? billedOver(12) : sql`0::bigint`} AS total12
        FROM bills WHERE month > (${m} - ${monthsBack(windowMonths)})::date AND month <= ${m} GROUP BY customer_id
      ) b ON b.customer_id = c.id
      LEFT JOIN (
        SELECT s.customer_id, ${arrearsWithin(rules.arrearsFreeMonths, plan.asOf)} AS grading_arrears,
          ${star === undefined ? sql`0` : arrearsWithin(star.body.arrearsLookbackMonths, plan.asOf)} AS star_arrears
        FROM ${arrearsSuspensionDays(plan.asOf)} s GROUP BY s.customer_id
      ) s ON s.customer_id = c.id
      WHERE ${governedBy(plan, part)}
      OFFSET 0
    ), g AS (
      SELECT f.*, ${gradeColumns(rules)}, ${star === undefined ? sql`f.from_star` : starColumn(star.body)} AS to_star FROM f OFFSET 0
    ), x AS (
      SELECT g.*,
        CASE WHEN array_position(${GRADE_RANK}, g.role_grade) > array_position(${GRADE_RANK}, g.own_grade) THEN g.role_grade ELSE g.own_grade END AS to_grade,
        CASE WHEN array_position(${GRADE_RANK}, g.role_grade) > array_position(${GRADE_RANK}, g.own_grade) THEN 'group_role' ELSE g.own_reason END AS reason
      FROM g OFFSET 0
    )
    SELECT x.customer_id, x.org_unit_id, x.from_grade, x.to_grade, x.from_star, x.to_star::smallint AS to_star, x.reason,
      x.measure::bigint AS measure, x.tenure_months,
      CASE WHEN x.from_grade = x.to_grade THEN 'unchanged' WHEN x.from_grade = 'none' THEN 'new' WHEN x.to_grade = 'none' THEN 'removed'
        WHEN array_position(${GRADE_RANK}, x.to_grade) > array_position(${GRADE_RANK}, x.from_grade) THEN 'up' ELSE 'down' END AS movement,
      ${grading.id}::bigint AS grade_rule_set_id, ${star?.id ?? null}::bigint AS star_rule_set_id
    FROM x)`;
}

/** Every governed customer's proposal row, as one SELECT. */
export function regradeRows(plan: RegradePlan): SQL {
  if (plan.partitions.length === 0) throw new Error('No active grading rule set: migration 0010 seeds one');
  return sql.join(plan.partitions.map((part) => partitionRows(plan, part)), sql` UNION ALL `);
}

/** A row worth storing: the grade or the star level moves. */
const changed = sql`(r.movement <> 'unchanged' OR r.to_star IS DISTINCT FROM r.from_star)`;

function emptySummary(): RegradeSummary {
  return { up: 0, down: 0, new: 0, removed: 0, unchanged: 0 };
}

function toSummary(rows: { movement: RegradeMovement; count: number }[]): RegradeSummary {
  const summary = emptySummary();
  for (const row of rows) summary[row.movement] = row.count;
  return summary;
}

export interface RegradeSample {
  customerId: number;
  customerNo: string;
  name: string;
  orgUnit: string;
  movement: RegradeMovement;
  fromGrade: Grade;
  toGrade: Grade;
  fromStar: number | null;
  toStar: number | null;
  reason: string;
  measure: number;
  tenureMonths: number;
}

export interface RegradeSimulation {
  month: BusinessDate;
  summary: RegradeSummary;
  /** Per district (or the org unit above the customers when they sit higher). */
  byOrgUnit: { orgUnitCode: string; orgUnitName: string; summary: RegradeSummary }[];
  /** How many customers move from each grade to each other grade. */
  grades: { fromGrade: Grade; toGrade: Grade; count: number }[];
  stars: { fromStar: number | null; toStar: number | null; count: number }[];
  samples: RegradeSample[];
}

/** The district path above an org path ('/HQ/P/C/D/…' → '/HQ/P/C/D/'); shallower paths stay as they are. */
const districtPath = (path: SQL) => sql`COALESCE((regexp_match(${path}, '^(/[^/]+/[^/]+/[^/]+/[^/]+/)'))[1], ${path})`;

/** What applying the plan would do, computed without writing anything. */
export async function simulateRegrade(db: Executor, plan: RegradePlan, sampleSize = 20): Promise<RegradeSimulation> {
  return db.transaction(async (tx) => {
    await tuneBatchTransaction(tx);
    // One evaluation, then several summaries of it.
    await tx.run(sql`CREATE TEMP TABLE regrade_simulation ON COMMIT DROP AS ${regradeRows(plan)}`);
    const [summary, byOrg, grades, stars, samples] = await Promise.all([
      tx.rows<{ movement: RegradeMovement; count: number }>(sql`SELECT movement, count(*)::int AS count FROM regrade_simulation GROUP BY movement`),
      tx.rows<{ code: string; name: string; movement: RegradeMovement; count: number }>(sql`
        SELECT d.code, d.name, r.movement, count(*)::int AS count
        FROM regrade_simulation r JOIN org_units o ON o.id = r.org_unit_id JOIN org_units d ON d.path = ${districtPath(sql`o.path`)}
        GROUP BY d.code, d.name, r.movement ORDER BY d.code`),
      tx.rows<{ fromGrade: Grade; toGrade: Grade; count: number }>(sql`
        SELECT from_grade AS "fromGrade", to_grade AS "toGrade", count(*)::int AS count FROM regrade_simulation
        GROUP BY from_grade, to_grade ORDER BY array_position(${GRADE_RANK}, from_grade) DESC, array_position(${GRADE_RANK}, to_grade) DESC`),
      tx.rows<{ fromStar: number | null; toStar: number | null; count: number }>(sql`
        SELECT from_star AS "fromStar", to_star AS "toStar", count(*)::int AS count FROM regrade_simulation
        GROUP BY from_star, to_star ORDER BY from_star DESC NULLS LAST, to_star DESC NULLS LAST`),
      tx.rows<RegradeSample>(sql`
        SELECT r.customer_id AS "customerId", c.customer_no AS "customerNo", c.name, o.code AS "orgUnit", r.movement,
          r.from_grade AS "fromGrade", r.to_grade AS "toGrade", r.from_star AS "fromStar", r.to_star AS "toStar",
          r.reason, r.measure, r.tenure_months AS "tenureMonths"
        FROM regrade_simulation r JOIN customers c ON c.id = r.customer_id JOIN org_units o ON o.id = r.org_unit_id
        WHERE r.movement <> 'unchanged' ORDER BY r.movement, r.customer_id LIMIT ${sampleSize}`),
    ]);
    const perOrg = new Map<string, { orgUnitCode: string; orgUnitName: string; summary: RegradeSummary }>();
    for (const row of byOrg) {
      const entry = perOrg.get(row.code) ?? { orgUnitCode: row.code, orgUnitName: row.name, summary: emptySummary() };
      entry.summary[row.movement] = row.count;
      perOrg.set(row.code, entry);
    }
    await tx.run(sql`DROP TABLE regrade_simulation`);
    return { month: plan.month, summary: toSummary(summary), byOrgUnit: [...perOrg.values()], grades, stars, samples };
  });
}

export interface RegradeRun {
  id: number;
  month: BusinessDate;
  scope: RegradeScope;
  status: 'proposed' | 'applied' | 'discarded';
  summary: RegradeSummary;
  createdBy: string;
  createdAt: Date;
  appliedBy: string | null;
  appliedAt: Date | null;
}

const runColumns = sql`id, month, scope, status, jsonb_build_object('up', up, 'down', down, 'new', new, 'removed', removed, 'unchanged', unchanged) AS summary,
  created_by AS "createdBy", created_at AS "createdAt", applied_by AS "appliedBy", applied_at AS "appliedAt"`;

export function findRegradeRun(db: Executor, id: number, lock = false): Promise<RegradeRun | undefined> {
  return db.first<RegradeRun>(sql`SELECT ${runColumns} FROM regrade_runs WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
}

export function listRegradeRuns(db: Executor, limit = 50): Promise<RegradeRun[]> {
  return db.rows<RegradeRun>(sql`SELECT ${runColumns} FROM regrade_runs ORDER BY month DESC, id DESC LIMIT ${limit}`);
}

/**
 * The NOT NULL and CHECK constraints of regrade_items, read from the catalog and added to `items` (with
 * the run's bound, so attaching skips a scan): a table must carry them all to become a partition.
 */
async function adoptItemConstraints(tx: Executor, items: SQL, runId: SQL): Promise<void> {
  const notNull = await tx.rows<{ name: string }>(sql`
    SELECT attname AS name FROM pg_attribute WHERE attrelid = 'regrade_items'::regclass AND attnum > 0 AND NOT attisdropped AND attnotnull`);
  const checks = await tx.rows<{ name: string; definition: string }>(sql`
    SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = 'regrade_items'::regclass AND contype = 'c'`);
  const actions = [
    ...notNull.map((column) => sql`ALTER ${sql.identifier(column.name)} SET NOT NULL`),
    ...checks.map((check) => sql`ADD CONSTRAINT ${sql.identifier(check.name)} ${sql.raw(check.definition)}`),
    sql`ADD CHECK (run_id = ${runId})`,
  ];
  await tx.run(sql`ALTER TABLE ${items} ${sql.join(actions, sql`, `)}`);
}

/**
 * Computes the plan and stores it as a proposal: the run with its counts, and one item per customer
 * whose grade or star moves. The items are written as a new table in one bulk pass (CREATE TABLE AS
 * writes pages whole, an INSERT row by row), which then becomes the run's partition of regrade_items
 * (migration 0080), its key built once over the written rows. The unchanged customers are the governed
 * ones left over (a count over customers, no bills), rather than storing every customer's row.
 */
export async function proposeRegrade(tx: Executor, plan: RegradePlan, createdBy: string): Promise<RegradeRun> {
  await tuneBatchTransaction(tx, 'rerunnable');
  const run = (await tx.first<{ id: number }>(sql`
    INSERT INTO regrade_runs (month, scope, created_by) VALUES (${plan.month}, ${plan.scope}, ${createdBy}) RETURNING id`)) as { id: number };
  // DDL takes no parameters; the id is the bigint the insert returned.
  const runId = sql.raw(String(Math.trunc(run.id)));
  const items = sql`${sql.identifier(`regrade_items_${run.id}`)}`;
  await tx.run(sql`CREATE TABLE ${items} AS
    SELECT ${runId}::bigint AS run_id, r.customer_id, r.org_unit_id, r.movement, r.from_grade, r.to_grade, r.from_star, r.to_star, r.reason,
      r.measure, r.tenure_months, r.grade_rule_set_id, r.star_rule_set_id,
      'apply'::text AS decision, NULL::text AS decision_reason, NULL::text AS decided_by, NULL::timestamptz AS decided_at
    FROM (${regradeRows(plan)}) r WHERE ${changed}`);
  await adoptItemConstraints(tx, items, runId);
  await tx.run(sql`ALTER TABLE regrade_items ATTACH PARTITION ${items} FOR VALUES IN (${runId})`);
  const stored = await tx.rows<{ movement: RegradeMovement; count: number }>(sql`
    SELECT movement, count(*)::int AS count FROM ${items} WHERE movement <> 'unchanged' GROUP BY movement`);
  const governed = (await tx.first<{ n: number }>(governedCount(plan)))?.n ?? 0;
  const s = toSummary(stored);
  s.unchanged = governed - s.up - s.down - s.new - s.removed;
  await tx.run(sql`UPDATE regrade_runs SET up = ${s.up}, down = ${s.down}, new = ${s.new}, removed = ${s.removed}, unchanged = ${s.unchanged}
    WHERE id = ${run.id}`);
  return (await findRegradeRun(tx, run.id)) as RegradeRun;
}

/** A proposal line: the simulated move plus the district's decision on it. */
export interface RegradeItem extends RegradeSample {
  decision: 'apply' | 'keep';
  decisionReason: string | null;
  decidedBy: string | null;
}

export interface RegradeItemFilter {
  orgPath: string;
  movement?: RegradeMovement;
  page: number;
  pageSize: number;
}

/** A run's items under the caller's org subtree (district managers review their own district). */
export async function listRegradeItems(db: Executor, runId: number, filter: RegradeItemFilter): Promise<{ items: RegradeItem[]; total: number }> {
  const where = sql`i.run_id = ${runId} AND o.path LIKE ${filter.orgPath + '%'}
    AND (${filter.movement ?? null}::text IS NULL OR i.movement = ${filter.movement ?? null})`;
  const [items, total] = await Promise.all([
    db.rows<RegradeItem>(sql`
      SELECT i.customer_id AS "customerId", c.customer_no AS "customerNo", c.name, o.code AS "orgUnit", i.movement,
        i.from_grade AS "fromGrade", i.to_grade AS "toGrade", i.from_star AS "fromStar", i.to_star AS "toStar", i.reason,
        i.measure, i.tenure_months AS "tenureMonths", i.decision, i.decision_reason AS "decisionReason", i.decided_by AS "decidedBy"
      FROM regrade_items i JOIN customers c ON c.id = i.customer_id JOIN org_units o ON o.id = i.org_unit_id
      WHERE ${where} ORDER BY o.path, i.movement, i.customer_id
      LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total FROM regrade_items i JOIN org_units o ON o.id = i.org_unit_id WHERE ${where}`),
  ]);
  return { items, total: total?.total ?? 0 };
}

/** A reviewer's decision on one item in their subtree: keep the current grade (with a reason) or apply. Returns false when out of reach. */
export async function decideRegradeItem(
  tx: Executor,
  input: { runId: number; customerId: number; orgPath: string; decision: 'apply' | 'keep'; reason: string | null; by: string },
): Promise<boolean> {
  // Keyed by (run, org unit, customer): one exact lookup per org unit of the reviewer's subtree.
  const updated = await tx.run(sql`
    UPDATE regrade_items i SET decision = ${input.decision}, decision_reason = ${input.reason}, decided_by = ${input.by}, decided_at = now()
    WHERE i.run_id = ${input.runId} AND i.customer_id = ${input.customerId}
      AND i.org_unit_id IN (SELECT o.id FROM org_units o WHERE o.path LIKE ${input.orgPath + '%'})`);
  return updated > 0;
}

export interface AppliedRegrade {
  run: RegradeRun;
  changedCustomers: number;
  /** Key accounts whose grade held in a full run and whose validity moved to the new grade year. */
  renewedCustomers: number;
  /** Credit profiles written with new figures. */
  creditProfiles: number;
  benefitsGranted: number;
  benefitsRevoked: number;
  smsQueued: number;
  reassignmentTasks: number;
}

/** The customers a run's apply re-rates: every governed customer for a full run, the applied items' customers for a monthly one. */
function coveredBy(run: RegradeRun): SQL {
  return run.scope === 'full'
    ? sql`(c.archive = 'in_network' OR c.retained_reason = 'demoted')`
    : sql`c.id IN (SELECT i.customer_id FROM regrade_items i WHERE i.run_id = ${run.id} AND i.decision = 'apply')`;
}

/**
 * Applies a proposed run in the caller's transaction: grades, star levels and validity dates (a full run
 * sets the grade year 1 Feb – 31 Jan, also for the key accounts whose grade held; a monthly run grants
 * until the grade year ends), the retained archive for customers who lose key-account status (reason
 * "demoted") and back for those who regain it, customer history, the credit profile and the grade's
 * benefits of the customers the run covers, an SMS per changed grade into the outbox, and reassignment
 * tasks for account managers now over a load limit. Items a reviewer kept are left alone. Re-applying
 * what is already in place writes nothing.
 */
export async function applyRegrade(tx: Executor, runId: number, by: string): Promise<AppliedRegrade> {
  const proposed = await findRegradeRun(tx, runId);
  if (!proposed) throw new Error(`regrade run ${runId} not found`);
  await tuneBatchTransaction(tx);
  const month = proposed.month.slice(0, 7);
  const { validFrom, validTo } = gradeValidity(proposed.scope === 'full' ? 'yearly' : 'monthly', month);
  await tx.run(sql`
    INSERT INTO customer_history (customer_id, actor_name, action, before, after, reason)
    SELECT i.customer_id, ${by}, 'customer.regrade',
      jsonb_build_object('grade', i.from_grade, 'star', i.from_star),
      jsonb_build_object('grade', i.to_grade, 'star', i.to_star, 'gradeRuleSetId', i.grade_rule_set_id, 'starRuleSetId', i.star_rule_set_id,
        'gradeValidFrom', CASE WHEN i.to_grade = 'none' THEN NULL ELSE ${validFrom}::text END,
        'gradeValidTo', CASE WHEN i.to_grade = 'none' THEN NULL ELSE ${validTo}::text END),
      'regrade ' || ${month}::text || ': ' || i.reason
    FROM regrade_items i WHERE i.run_id = ${runId} AND i.decision = 'apply'`);
  const changedCustomers = await tx.run(sql`
    UPDATE customers c SET
      grade = i.to_grade,
      star = CASE WHEN i.star_rule_set_id IS NULL THEN c.star ELSE i.to_star END,
      grade_rule_set_id = i.grade_rule_set_id,
      star_rule_set_id = COALESCE(i.star_rule_set_id, c.star_rule_set_id),
      grade_valid_from = CASE WHEN i.to_grade = 'none' THEN NULL ELSE ${validFrom}::date END,
      grade_valid_to = CASE WHEN i.to_grade = 'none' THEN NULL ELSE ${validTo}::date END,
      archive = CASE WHEN i.to_grade = 'none' THEN 'retained' WHEN i.from_grade = 'none' THEN 'in_network' ELSE c.archive END,
      retained_reason = CASE WHEN i.to_grade = 'none' THEN 'demoted' WHEN i.from_grade = 'none' THEN NULL ELSE c.retained_reason END,
      retained_at = CASE WHEN i.to_grade = 'none' THEN now() WHEN i.from_grade = 'none' THEN NULL ELSE c.retained_at END,
      updated_at = now()
    FROM regrade_items i
    WHERE i.run_id = ${runId} AND i.decision = 'apply' AND c.id = i.customer_id`);
  // A full run confirms the grades that held for the new grade year; a reviewer's kept exception keeps its dates.
  const renewedCustomers =
    proposed.scope !== 'full'
      ? 0
      : await tx.run(sql`
    UPDATE customers c SET grade_valid_from = ${validFrom}::date, grade_valid_to = ${validTo}::date, updated_at = now()
    WHERE c.archive = 'in_network' AND c.grade <> 'none'
      AND (c.grade_valid_from, c.grade_valid_to) IS DISTINCT FROM (${validFrom}::date, ${validTo}::date)
      AND NOT EXISTS (SELECT 1 FROM regrade_items i WHERE i.run_id = ${runId} AND i.customer_id = c.id AND i.decision = 'keep')`);
  const creditProfiles = await writeCreditProfiles(tx, month, coveredBy(proposed));
  const benefits = await syncCustomerBenefits(tx, coveredBy(proposed), runId);
  const smsQueued = await tx.run(sql`
    INSERT INTO sms_outbox (customer_id, kind, params, dedupe_key)
    SELECT i.customer_id, 'grade_change',
      jsonb_build_object('fromGrade', i.from_grade, 'toGrade', i.to_grade, 'month', ${month}::text,
        'validFrom', CASE WHEN i.to_grade = 'none' THEN NULL ELSE ${validFrom}::text END,
        'validTo', CASE WHEN i.to_grade = 'none' THEN NULL ELSE ${validTo}::text END),
      'grade_change:' || i.run_id || ':' || i.customer_id
    FROM regrade_items i
    WHERE i.run_id = ${runId} AND i.decision = 'apply' AND i.from_grade <> i.to_grade
    ON CONFLICT (dedupe_key) DO NOTHING`);
  // The managers whose load the applied moves changed, each held to the limits of their own org in the graded month.
  const movedManagers = sql`SELECT x.account_manager_id FROM regrade_items i JOIN customers x ON x.id = i.customer_id
        WHERE i.run_id = ${runId} AND i.decision = 'apply' AND i.from_grade <> i.to_grade`;
  const limits = await managerLoadLimitsJson(tx, movedManagers, monthEnd(month));
  const reassignmentTasks = await tx.run(sql`
    INSERT INTO reassignment_tasks (run_id, manager_id, tier, load, load_limit)
    SELECT ${runId}, l.manager_id, t.tier, t.load, t.load_limit
    FROM (
      SELECT c.account_manager_id AS manager_id,
        count(*) FILTER (WHERE c.grade IN ('diamond', 'gold', 'silver'))::int AS vip, count(*) FILTER (WHERE c.grade = 'guest')::int AS guest
      FROM customers c
      WHERE c.archive = 'in_network' AND c.account_manager_id IN (${movedManagers})
      GROUP BY c.account_manager_id
    ) l
    JOIN jsonb_to_recordset(${limits}::jsonb) AS lim ("managerId" bigint, vip int, guest int) ON lim."managerId" = l.manager_id
    CROSS JOIN LATERAL (VALUES ('vip', l.vip, lim.vip), ('guest', l.guest, lim.guest)) AS t (tier, load, load_limit)
    WHERE t.load > t.load_limit`);
  await tx.run(sql`UPDATE regrade_runs SET status = 'applied', applied_by = ${by}, applied_at = now() WHERE id = ${runId}`);
  return {
    run: (await findRegradeRun(tx, runId)) as RegradeRun,
    changedCustomers,
    renewedCustomers,
    creditProfiles,
    benefitsGranted: benefits.granted,
    benefitsRevoked: benefits.revoked,
    smsQueued,
    reassignmentTasks,
  };
}

export async function discardRegrade(tx: Executor, runId: number): Promise<void> {
  await tx.run(sql`UPDATE regrade_runs SET status = 'discarded' WHERE id = ${runId} AND status = 'proposed'`);
}
