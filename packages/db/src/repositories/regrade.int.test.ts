import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CustomerFacts, type Grade, type GroupRole, evaluateGrade, evaluateStar, DEFAULT_GRADING_RULES, DEFAULT_STAR_RULES, GROWTH_VALUE_GRADING_RULES } from '@patron/domain';
import { sql } from 'drizzle-orm';
import type { Database } from '../database';
import { seededRandom } from '../demo/seeded-random';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import { applyRegrade, planRegrade, proposeRegrade, regradeRows, simulateRegrade } from './regrade.repository';
import { activateRuleSet, activeRuleSets, insertRuleSet, listRuleSets } from './rule-set.repository';

const GRADES: Grade[] = ['diamond', 'gold', 'silver', 'guest', 'none'];
const MONTHS = ['2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-12', '2025-11', '2025-10', '2025-09', '2025-08', '2025-07'];

interface Fixture extends CustomerFacts {
  id: number;
  districtCode: string;
}

/** Customers around every edge the rules have, plus random ones: the SQL and the domain must agree on all. */
async function seedCustomers(db: Database, count: number): Promise<Fixture[]> {
  const random = seededRandom(20260630);
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
    for (const [index, month] of MONTHS.entries()) {
      if (monthly[index]! > 0) await db.run(sql`INSERT INTO bills (customer_id, month, amount_fen) VALUES (${row.id}, ${`${month}-01`}, ${monthly[index]!})`);
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
    });
  }
  return fixtures;
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
});
