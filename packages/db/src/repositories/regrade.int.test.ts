import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreditBill,
  type CustomerFacts,
  type Grade,
  type GroupRole,
  billDueDate,
  creditBillFacts,
  evaluateCredit,
  evaluateGrade,
  evaluateStar,
  gradeValidity,
  DEFAULT_CREDIT_RULES,
  DEFAULT_GRADE_BENEFITS,
  DEFAULT_GRADING_RULES,
  DEFAULT_STAR_RULES,
  GROWTH_VALUE_GRADING_RULES,
} from '@patron/domain';
import { sql } from 'drizzle-orm';
import type { Database } from '../database';
import { seededRandom } from '../demo/seeded-random';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { creditRatingRows } from './credit-profile.repository';
import { listGradeBenefits, syncCustomerBenefits } from './customer-benefit.repository';
import { applyRegrade, planRegrade, proposeRegrade, regradeRows, simulateRegrade } from './regrade.repository';
import { activateRuleSet, activeRuleSets, insertRuleSet, listRuleSets } from './rule-set.repository';

const GRADES: Grade[] = ['diamond', 'gold', 'silver', 'guest', 'none'];
const MONTHS = ['2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-12', '2025-11', '2025-10', '2025-09', '2025-08', '2025-07'];

interface Fixture extends CustomerFacts {
  id: number;
  districtCode: string;
  bills: CreditBill[];
}

/** How a bill was settled: on its due date, a day early, a month late, in part, after the as-of date, or not at all. */
function settle(month: string, amountFen: number, pick: number): CreditBill {
  const due = billDueDate(`${month}-01`);
  const settled = (paidOn: string | null, paidFen = amountFen) => ({ month: `${month}-01`, amountFen, paidFen, paidOn });
  if (pick < 5) return settled(due);
  if (pick === 5) return settled(`${due.slice(0, 8)}${String(Number(due.slice(8)) - 1).padStart(2, '0')}`);
  if (pick === 6) return settled(billDueDate(`${due.slice(0, 8)}01`)); // a month late
  if (pick === 7) return settled(due, Math.floor(amountFen / 2));
  if (pick === 8) return settled('2026-07-02'); // after the as-of date: in arrears on it
  return settled(null, 0);
}

/** Customers around every edge the rules have, plus random ones: the SQL and the domain must agree on all. */
async function seedCustomers(db: Database, count: number): Promise<Fixture[]> {
  const random = seededRandom(20260630);
  // Payments draw from their own sequence, so the grading fixtures stay what they always were.
  const payments = seededRandom(20260701);
  await db.exec(`
    INSERT INTO org_units (code, name, kind, parent_id, path) SELECT 'P', '省', 'province', id, '/HQ/P/' FROM org_units WHERE code = 'HQ';
    INSERT INTO org_units (code, name, kind, parent_id, path) SELECT 'P-1', '市', 'city', id, '/HQ/P/P-1/' FROM org_units WHERE code = 'P';
    INSERT INTO org_units (code, name, kind, parent_id, path) SELECT 'P-1-1', '甲区', 'district', id, '/HQ/P/P-1/P-1-1/' FROM org_units WHERE code = 'P-1';
    INSERT INTO org_units (code, name, kind, parent_id, path) SELECT 'P-1-2', '乙区', 'district', id, '/HQ/P/P-1/P-1-2/' FROM org_units WHERE code = 'P-1';
    INSERT INTO org_units (code, name, kind, parent_id, path) SELECT 'P-1-1-T', '甲组', 'team', id, '/HQ/P/P-1/P-1-1/P-1-1-T/' FROM org_units WHERE code = 'P-1-1';
    INSERT INTO customers (customer_no, kind, name, grade, org_unit_id, activated_on) SELECT 'G1', 'group', '集团', 'diamond', id, '2010-01-01' FROM org_units WHERE code = 'P-1-1';
    INSERT INTO bills (customer_id, month, amount_fen) SELECT c.id, m::date, 9000000 FROM customers c, generate_series(DATE '2025-07-01', DATE '2026-06-01', interval '1 month') m WHERE c.customer_no = 'G1';`);
  const group = (await db.first<{ id: number }>(sql`SELECT id FROM customers WHERE customer_no = 'G1'`))!.id;
  const fixtures: Fixture[] = [];
  for (let i = 0; i < count; i += 1) {
    const edge = [169_999, 170_000, 69_999, 70_000, 29_999, 30_000, 14_999, 15_000, 0][i % 9]!;
    const monthly = MONTHS.map(() => (i < 40 ? edge : random.int(0, 6) * random.int(0, 40_000)));
    const activatedOn = i % 5 === 0 ? '2025-12-31' : i % 7 === 0 ? '2025-12-30' : random.chance(0.1) ? null : `20${random.int(10, 25)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
    const suspensions = random.chance(0.2) ? [random.pick(['2026-03-30', '2026-03-29', '2026-02-28', '2025-07-01', '2025-06-29', '2026-06-30', '2026-07-01'])] : [];
    const groupRole: GroupRole | null = random.chance(0.1) ? random.pick(['key_person', 'important_member'] as const) : null;
    const contractUntil = random.chance(0.3) ? random.pick(['2026-06-29', '2026-06-30', '2027-01-01']) : null;
    const currentGrade = random.pick(GRADES);
    const district = random.chance(0.5) ? 'P-1-1-T' : 'P-1-2';
    const row = (await db.first<{ id: number }>(sql`
      INSERT INTO customers (customer_no, kind, name, grade, star, org_unit_id, activated_on, parent_customer_id, group_role, contract_until, archive, retained_reason)
      SELECT ${`C${i}`}, 'individual', ${`客户${i}`}, ${currentGrade}, ${random.int(0, 5)}, id, ${activatedOn}, ${groupRole ? group : null}, ${groupRole},
        ${contractUntil}, ${currentGrade === 'none' && i % 2 === 0 ? 'retained' : 'in_network'}, ${currentGrade === 'none' && i % 2 === 0 ? 'demoted' : null}
      FROM org_units WHERE code = ${district} RETURNING id`))!;
    const lineId = (await db.first<{ id: number }>(sql`INSERT INTO lines (line_no, customer_id, type) VALUES (${`L${i}`}, ${row.id}, 'mobile') RETURNING id`))!.id;
    const bills: CreditBill[] = [];
    for (const [index, month] of MONTHS.entries()) {
      if (monthly[index]! <= 0) continue;
      const bill = settle(month, monthly[index]!, payments.int(0, 9));
      bills.push(bill);
      await db.run(sql`INSERT INTO bills (customer_id, month, amount_fen, paid_fen, paid_on)
        VALUES (${row.id}, ${bill.month}, ${bill.amountFen}, ${bill.paidFen}, ${bill.paidOn})`);
    }
    for (const date of suspensions) {
      // 23:30 Beijing time is the next UTC day only for dates before it; business dates are Beijing dates.
      await db.run(sql`INSERT INTO suspensions (line_id, kind, suspended_at) VALUES (${lineId}, 'arrears', ${`${date}T23:30:00+08:00`}::timestamptz)`);
    }
    fixtures.push({
      id: row.id,
      districtCode: district === 'P-1-2' ? 'P-1-2' : 'P-1-1',
      asOf: '2026-06-30',
      activatedOn,
      monthlyBilledFen: monthly,
      arrearsSuspensionDates: suspensions,
      groupRole,
      contractUntil,
      currentGrade,
      bills,
    });
  }
  return fixtures;
}

/** Customers whose open benefits differ from what their grade carries (missing or extra, quota included). */
async function benefitMismatches(db: Database): Promise<number> {
  const row = await db.first<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM customers c
    WHERE EXISTS (
      (SELECT benefit, yearly_quota FROM grade_benefits WHERE grade = c.grade
       EXCEPT SELECT benefit, yearly_quota FROM customer_benefits WHERE customer_id = c.id AND revoked_at IS NULL)
      UNION ALL
      (SELECT benefit, yearly_quota FROM customer_benefits WHERE customer_id = c.id AND revoked_at IS NULL
       EXCEPT SELECT benefit, yearly_quota FROM grade_benefits WHERE grade = c.grade))`);
  return row?.n ?? 0;
}

describe.each(testDatabaseKinds())('re-grading on %s', (kind) => {
  let db: Database;
  let customers: Fixture[];
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    customers = await seedCustomers(db, 240);
  }, 60_000);
  afterAll(() => db.close());

  it('seeds the default rule sets, active at HQ, and the growth-value scheme as a draft', async () => {
    const sets = await listRuleSets(db);
    const active = sets.filter((s) => s.status === 'active');
    expect(active.map((s) => s.kind).sort()).toEqual(['credit', 'grading', 'load_limits', 'points', 'potential', 'star']);
    expect(active.find((s) => s.kind === 'grading')?.body).toEqual(DEFAULT_GRADING_RULES);
    expect(active.find((s) => s.kind === 'star')?.body).toEqual(DEFAULT_STAR_RULES);
    expect(sets.find((s) => s.status === 'draft')).toMatchObject({ label: 'grading@HQ v2', body: GROWTH_VALUE_GRADING_RULES });
  });

  it('computes in SQL exactly what the domain evaluators compute', async () => {
    const plan = await planRegrade(db, '2026-06', 'full');
    const all = await db.rows<{ customerId: number; toGrade: Grade; toStar: number; reason: string }>(sql`
      SELECT customer_id AS "customerId", to_grade AS "toGrade", to_star AS "toStar", reason FROM (${regradeRows(plan)}) r`);
    const byId = new Map(all.map((r) => [r.customerId, r]));
    for (const facts of customers) {
      const grade = evaluateGrade(DEFAULT_GRADING_RULES, facts);
      const star = evaluateStar(DEFAULT_STAR_RULES, facts);
      expect({ id: facts.id, ...byId.get(facts.id) }).toEqual({ id: facts.id, customerId: facts.id, toGrade: grade.grade, toStar: star.star, reason: grade.reason });
    }
    const credit = await db.rows<{ customerId: number; score: number; limitFen: number }>(sql`
      SELECT customer_id AS "customerId", credit_score AS score, credit_limit_fen AS "limitFen" FROM (${await creditRatingRows(db, '2026-06', sql`true`)}) r`);
    const creditById = new Map(credit.map((r) => [r.customerId, r]));
    const scores = new Set<number>();
    for (const facts of customers) {
      const expected = evaluateCredit(DEFAULT_CREDIT_RULES, { ...facts, ...creditBillFacts(facts.bills, facts.asOf) });
      scores.add(expected.score);
      expect({ id: facts.id, ...creditById.get(facts.id) }).toEqual({ id: facts.id, customerId: facts.id, score: expected.score, limitFen: expected.limitFen });
    }
    expect(scores.size).toBeGreaterThan(10); // the fixtures reach across the score range, not one value
  });

  it('simulates a draft without writing, and applying it then does exactly what the simulation said', async () => {
    const draft = (await listRuleSets(db, { kind: 'grading', status: 'draft' }))[0]!;
    const before = await db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM customers WHERE grade_rule_set_id IS NOT NULL`);
    const simulation = await simulateRegrade(db, await planRegrade(db, '2026-06', 'full', draft));
    expect(await db.first(sql`SELECT count(*)::int AS n FROM customers WHERE grade_rule_set_id IS NOT NULL`)).toEqual(before);
    expect(await db.first(sql`SELECT count(*)::int AS n FROM regrade_runs`)).toEqual({ n: 0 });
    const total = Object.values(simulation.summary).reduce((a, b) => a + b, 0);
    expect(total).toBe(customers.length + 1); // the group G1 is graded too
    expect(simulation.byOrgUnit.map((o) => o.orgUnitCode).sort()).toEqual(['P-1-1', 'P-1-2']);
    expect(simulation.samples.length).toBeGreaterThan(0);
    for (const sample of simulation.samples) expect(sample.reason).toMatch(/^(tier|below_lowest_tier|tenure_short|recent_arrears|group_role)$/);

    await db.transaction((tx) => activateRuleSet(tx, draft.id, 'tester'));
    const applied = await db.transaction(async (tx) => {
      const run = await proposeRegrade(tx, await planRegrade(tx, '2026-06', 'full'), 'tester');
      return applyRegrade(tx, run.id, 'tester');
    });
    expect(applied.run.summary).toEqual(simulation.summary);
    expect(applied.run.status).toBe('applied');
    const distribution = await db.rows<{ grade: Grade; n: number }>(sql`SELECT grade, count(*)::int AS n FROM customers GROUP BY grade`);
    const expected = new Map<Grade, number>();
    for (const facts of customers) {
      const grade = evaluateGrade(GROWTH_VALUE_GRADING_RULES, facts).grade;
      expected.set(grade, (expected.get(grade) ?? 0) + 1);
    }
    expected.set('diamond', (expected.get('diamond') ?? 0) + 1); // the group G1
    expect(new Map(distribution.map((d) => [d.grade, d.n]))).toEqual(expected);
  });

  it('apply writes the credit profile of every customer it covers, with the rule set and the evaluation date', async () => {
    const creditSet = (await activeRuleSets(db, 'credit', '2026-06-30'))[0]!;
    const rows = await db.rows<{ id: number; score: number; limitFen: number; ruleSetId: number; evaluatedOn: string }>(sql`
      SELECT id, credit_score AS score, credit_limit_fen AS "limitFen", credit_rule_set_id AS "ruleSetId", credit_evaluated_on AS "evaluatedOn"
      FROM customers WHERE customer_no LIKE 'C%'`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const facts of customers) {
      const expected = evaluateCredit(DEFAULT_CREDIT_RULES, { ...facts, ...creditBillFacts(facts.bills, facts.asOf) });
      expect(byId.get(facts.id)).toEqual({ id: facts.id, score: expected.score, limitFen: expected.limitFen, ruleSetId: creditSet.id, evaluatedOn: '2026-06-30' });
    }
  });

  it('apply dates the grades to the end of the grade year and grants exactly what each grade carries', async () => {
    expect(await listGradeBenefits(db)).toEqual(
      [...DEFAULT_GRADE_BENEFITS].sort((a, b) => GRADES.indexOf(a.grade) - GRADES.indexOf(b.grade) || a.benefit.localeCompare(b.benefit)),
    );
    // An off-cycle full run on June's bills: from July to the end of the grade year, for the moved and the held alike.
    const validity = await db.rows<{ grade: Grade; from: string | null; to: string | null; n: number }>(sql`
      SELECT grade = 'none' AS grade, grade_valid_from AS from, grade_valid_to AS to, count(*)::int AS n FROM customers GROUP BY 1, 2, 3 ORDER BY 1`);
    expect(validity.map(({ from, to }) => [from, to])).toEqual([
      ['2026-07-01', '2027-01-31'],
      [null, null],
    ]);
    expect(gradeValidity('yearly', '2026-06')).toEqual({ validFrom: '2026-07-01', validTo: '2027-01-31' });
    expect(await benefitMismatches(db)).toBe(0);
    const granted = await db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM customer_benefits WHERE revoked_at IS NULL AND granted_run_id IS NOT NULL`);
    expect(granted!.n).toBeGreaterThan(customers.length); // several benefits per key account
  });

  it('moves customers who lose key-account status to the retained archive as demoted, queues SMS, and a re-run changes nothing', async () => {
    const demoted = await db.first<{ n: number; wrong: number }>(sql`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE archive <> 'retained' OR retained_reason <> 'demoted')::int AS wrong
      FROM customers c WHERE grade = 'none' AND customer_no LIKE 'C%' AND EXISTS (SELECT 1 FROM regrade_items i WHERE i.customer_id = c.id AND i.movement = 'removed')`);
    expect(demoted!.n).toBeGreaterThan(0);
    expect(demoted!.wrong).toBe(0);
    const sms = await db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM sms_outbox WHERE kind = 'grade_change'`);
    const moved = await db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM regrade_items WHERE from_grade <> to_grade`);
    expect(sms!.n).toBe(moved!.n);
    const history = await db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM customer_history WHERE action = 'customer.regrade'`);
    expect(history!.n).toBeGreaterThanOrEqual(moved!.n);

    const again = await db.transaction(async (tx) => proposeRegrade(tx, await planRegrade(tx, '2026-06', 'full'), 'tester'));
    expect(again.summary).toEqual({ up: 0, down: 0, new: 0, removed: 0, unchanged: customers.length + 1 });
    expect(await db.first(sql`SELECT count(*)::int AS n FROM regrade_items WHERE run_id = ${again.id}`)).toEqual({ n: 0 });
  });

  it('grants and revokes benefits when the grade changes, keeps the history, and re-applying an applied month changes nothing', async () => {
    const pick = (grade: Grade) => db.first<{ id: number }>(sql`SELECT id FROM customers WHERE customer_no LIKE 'C%' AND grade = ${grade} ORDER BY id LIMIT 1`);
    const wasNone = (await pick('none'))!.id;
    const wasDiamond = (await pick('diamond'))!.id;
    // Out-of-band changes the next re-grade corrects: a non-key account made gold, a diamond made 贵宾.
    await db.transaction(async (tx) => {
      await tx.run(sql`UPDATE customers SET grade = 'gold', archive = 'in_network', retained_reason = NULL WHERE id = ${wasNone}`);
      await tx.run(sql`UPDATE customers SET grade = 'guest' WHERE id = ${wasDiamond}`);
      await syncCustomerBenefits(tx, sql`c.id IN (${wasNone}, ${wasDiamond})`, null);
    });
    const open = (id: number) =>
      db.rows<{ benefit: string }>(sql`SELECT benefit FROM customer_benefits WHERE customer_id = ${id} AND revoked_at IS NULL ORDER BY benefit`);
    expect((await open(wasNone)).length).toBe(DEFAULT_GRADE_BENEFITS.filter((b) => b.grade === 'gold').length);
    expect((await open(wasDiamond)).map((b) => b.benefit)).toEqual(['account_manager', 'vip_hotline']);

    const applied = await db.transaction(async (tx) => applyRegrade(tx, (await proposeRegrade(tx, await planRegrade(tx, '2026-06', 'full'), 'tester')).id, 'tester'));
    expect(applied.run.summary).toMatchObject({ up: 1, removed: 1 });
    expect(await open(wasNone)).toEqual([]);
    expect((await open(wasDiamond)).length).toBe(DEFAULT_GRADE_BENEFITS.filter((b) => b.grade === 'diamond').length);
    expect(await benefitMismatches(db)).toBe(0);
    // History: the gold grants closed by this run; the diamond ones closed when made 贵宾, then granted again by the run.
    const history = await db.rows<{ customerId: number; closedByRun: number; openedByRun: number; closedOutOfBand: number }>(sql`
      SELECT customer_id AS "customerId", count(*) FILTER (WHERE revoked_run_id = ${applied.run.id})::int AS "closedByRun",
        count(*) FILTER (WHERE granted_run_id = ${applied.run.id})::int AS "openedByRun",
        count(*) FILTER (WHERE revoked_at IS NOT NULL AND revoked_run_id IS NULL)::int AS "closedOutOfBand"
      FROM customer_benefits WHERE customer_id IN (${wasNone}, ${wasDiamond}) GROUP BY customer_id ORDER BY customer_id`);
    const gold = DEFAULT_GRADE_BENEFITS.filter((b) => b.grade === 'gold').length;
    const diamondOnly = DEFAULT_GRADE_BENEFITS.filter((b) => b.grade === 'diamond').length - 2;
    expect(history).toEqual(
      [
        { customerId: wasNone, closedByRun: gold, openedByRun: 0, closedOutOfBand: 0 },
        { customerId: wasDiamond, closedByRun: 0, openedByRun: diamondOnly, closedOutOfBand: diamondOnly },
      ].sort((a, b) => a.customerId - b.customerId),
    );
    expect(applied).toMatchObject({ benefitsGranted: diamondOnly, benefitsRevoked: gold, smsQueued: 2 });

    // The month again: nothing moves, nothing is rewritten, no SMS.
    const again = await db.transaction(async (tx) => applyRegrade(tx, (await proposeRegrade(tx, await planRegrade(tx, '2026-06', 'full'), 'tester')).id, 'tester'));
    expect(again).toMatchObject({ changedCustomers: 0, renewedCustomers: 0, creditProfiles: 0, benefitsGranted: 0, benefitsRevoked: 0, smsQueued: 0 });
    expect(again.run.summary).toEqual({ up: 0, down: 0, new: 0, removed: 0, unchanged: customers.length + 1 });
  });

  it("a deeper org's active set governs its subtree; the rest keeps the HQ set", async () => {
    const district = (await db.first<{ id: number }>(sql`SELECT id FROM org_units WHERE code = 'P-1-2'`))!.id;
    const strict = await db.transaction(async (tx) => {
      const set = await insertRuleSet(tx, {
        kind: 'grading',
        orgUnitId: district,
        name: 'nobody qualifies',
        effectiveFrom: '2026-01-01',
        body: { ...DEFAULT_GRADING_RULES, minTenureMonths: 1_000, groupRoleGrades: {} },
        author: 'tester',
        reason: 'test',
      });
      await activateRuleSet(tx, set.id, 'tester');
      return set;
    });
    expect((await activeRuleSets(db, 'grading', '2026-06-30')).map((s) => s.label)).toEqual(['grading@P-1-2 v1', 'grading@HQ v2']);
    const simulation = await simulateRegrade(db, await planRegrade(db, '2026-06', 'full'));
    const p12 = simulation.byOrgUnit.find((o) => o.orgUnitCode === 'P-1-2')!.summary;
    const p11 = simulation.byOrgUnit.find((o) => o.orgUnitCode === 'P-1-1')!.summary;
    expect(p12.up + p12.new).toBe(0);
    expect(p11).toEqual({ up: 0, down: 0, new: 0, removed: 0, unchanged: customers.filter((c) => c.districtCode === 'P-1-1').length + 1 });
    expect(strict.status).toBe('draft');
  });

  it('a yearly re-grade on December sets the grade year 1 Feb – 31 Jan; a monthly one grants the newly eligible until 31 Jan', async () => {
    const yearly = await db.transaction(async (tx) => applyRegrade(tx, (await proposeRegrade(tx, await planRegrade(tx, '2025-12', 'full'), 'tester')).id, 'tester'));
    expect(yearly.changedCustomers).toBeGreaterThan(0);
    const keyAccounts = await db.rows<{ from: string; to: string; evaluatedOn: string; n: number }>(sql`
      SELECT grade_valid_from AS from, grade_valid_to AS to, credit_evaluated_on AS "evaluatedOn", count(*)::int AS n
      FROM customers WHERE grade <> 'none' GROUP BY 1, 2, 3`);
    expect(keyAccounts.map(({ from, to, evaluatedOn }) => [from, to, evaluatedOn])).toEqual([['2026-02-01', '2027-01-31', '2025-12-31']]);

    const monthly = await db.transaction(async (tx) => {
      const run = await proposeRegrade(tx, await planRegrade(tx, '2026-06', 'newly_eligible'), 'tester');
      return applyRegrade(tx, run.id, 'tester');
    });
    expect(monthly.run.summary.new).toBeGreaterThan(0);
    expect(monthly.run.summary.up + monthly.run.summary.down + monthly.run.summary.removed).toBe(0);
    const byRun = await db.rows<{ keyAccount: boolean; from: string | null; to: string | null; evaluatedOn: string }>(sql`
      SELECT DISTINCT i.to_grade <> 'none' AS "keyAccount", c.grade_valid_from AS from, c.grade_valid_to AS to, c.credit_evaluated_on AS "evaluatedOn"
      FROM regrade_items i JOIN customers c ON c.id = i.customer_id WHERE i.run_id = ${monthly.run.id} ORDER BY 1`);
    // Items also carry star-only moves of customers who stay below the tiers: re-rated, but no grade to date.
    expect(byRun).toEqual([
      { keyAccount: false, from: null, to: null, evaluatedOn: '2026-06-30' },
      { keyAccount: true, from: '2026-07-01', to: '2027-01-31', evaluatedOn: '2026-06-30' },
    ]);
    // Only the run's customers are re-rated; the rest keep December's validity and credit evaluation.
    const others = await db.first<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM customers WHERE grade <> 'none' AND (grade_valid_from <> '2026-02-01' OR credit_evaluated_on <> '2025-12-31')
        AND id NOT IN (SELECT customer_id FROM regrade_items WHERE run_id = ${monthly.run.id})`);
    expect(others).toEqual({ n: 0 });
  });
});
