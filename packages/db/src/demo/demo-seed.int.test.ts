import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { isValidResidentId } from '@patron/domain/validation/resident-id';
import { isMainlandMobile } from '@patron/domain/validation/phone';
import { isValidUscc } from '@patron/domain/validation/uscc';
import type { Database } from '../database';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import {
  ACCOUNT_MANAGER_USERNAMES,
  DEMO_GRADE_MIN_MONTHLY_FEN,
  DEMO_GUEST_LOAD_LIMIT,
  DEMO_MAIN_CITY_GRADES,
  DEMO_PAYMENT_MONTHS,
  DEMO_RETAINED,
  DEMO_SHOWCASE_LINES,
  DEMO_PERSONAS,
  DEMO_SECOND_CITY_MANAGERS,
  DEMO_VIP_LOAD_LIMIT,
  DemoAlreadySeededError,
  isDemoSeeded,
  seedDemo,
  type DemoSeedSummary,
} from './index';

const SEED = 7;
const HASH = '$scrypt$demo-test-hash';

const firstNames = (db: Database) =>
  db.rows<{ name: string }>(sql`SELECT name FROM customers ORDER BY customer_no LIMIT 5`).then((rows) => rows.map((row) => row.name));

/** Key accounts: in-network customers with a grade (isKeyAccount); member units and retained records have none. */
const KEY_ACCOUNT = sql.raw(`c.archive = 'in_network' AND c.grade <> 'none'`);

/** Digests of the archive tables, by customer number and line number rather than generated ids. */
const archiveDigest = (db: Database) =>
  db.first<Record<string, string>>(sql`SELECT
    (SELECT md5(string_agg(concat_ws('|', c.customer_no, b.month, b.amount_fen, b.paid_fen, b.paid_on), ',' ORDER BY c.customer_no, b.month))
      FROM bills b JOIN customers c ON c.id = b.customer_id) AS bills,
    (SELECT md5(string_agg(concat_ws('|', c.customer_no, p.month, p.amount_fen, p.paid_on), ',' ORDER BY c.customer_no, p.month))
      FROM payments p JOIN customers c ON c.id = p.customer_id) AS payments,
    (SELECT md5(string_agg(concat_ws('|', l.line_no, c.customer_no, l.type, l.package, l.status, l.activated_on, l.holder_name, l.b_end), ',' ORDER BY l.line_no))
      FROM lines l JOIN customers c ON c.id = l.customer_id) AS lines,
    (SELECT md5(string_agg(concat_ws('|', l.line_no, s.kind, s.suspended_at, s.restored_at, s.reminded_at, u.username, s.reminder_channel), ',' ORDER BY l.line_no, s.suspended_at))
      FROM suspensions s JOIN lines l ON l.id = s.line_id LEFT JOIN users u ON u.id = s.reminded_by) AS suspensions,
    (SELECT md5(string_agg(concat_ws('|', c.customer_no, c.uscc, c.industry, c.credit_score, c.credit_limit_fen, c.points_balance, c.brand, c.email,
      c.retained_reason, p.customer_no), ',' ORDER BY c.customer_no)) FROM customers c LEFT JOIN customers p ON p.id = c.parent_customer_id) AS profiles,
    (SELECT md5(string_agg(concat_ws('|', c.customer_no, k.role, k.name, k.phone), ',' ORDER BY c.customer_no, k.phone))
      FROM customer_contacts k JOIN customers c ON c.id = k.customer_id) AS contacts,
    (SELECT md5(string_agg(concat_ws('|', p.complaint_no, c.customer_no, p.channel, p.category, p.level, p.repeat, p.hot, p.received_at, p.closed_at,
      p.root_cause), ',' ORDER BY p.complaint_no)) FROM complaints p JOIN customers c ON c.id = p.customer_id) AS complaints,
    (SELECT md5(string_agg(concat_ws('|', c.customer_no, s.questionnaire_code, s.answered_at, s.score_index, s.approves, s.answers::text), ','
      ORDER BY c.customer_no, s.questionnaire_code, s.answered_at)) FROM survey_responses s JOIN customers c ON c.id = s.customer_id) AS surveys`);

const foreignKeys = (db: Database) =>
  db
    .rows<{ name: string }>(sql`SELECT conrelid::regclass::text || '.' || conname || ' ' || pg_get_constraintdef(oid) AS name
      FROM pg_constraint WHERE contype = 'f' ORDER BY 1`)
    .then((rows) => rows.map((row) => row.name));

const fingerprint = (db: Database) =>
  db
    .first<{ digest: string }>(sql`SELECT md5(string_agg(concat_ws('|', c.customer_no, c.name, c.phone, c.id_number, c.address,
      c.grade, c.star, am.username, c.activated_on), ',' ORDER BY c.customer_no)) AS digest
      FROM customers c LEFT JOIN users am ON am.id = c.account_manager_id`)
    .then((row) => row?.digest);

describe.each(testDatabaseKinds())('demo data on %s', (kind) => {
  let db: Database;
  let summary: DemoSeedSummary;
  let keysBefore: string[];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    expect(await isDemoSeeded(db)).toBe(false);
    keysBefore = await foreignKeys(db);
    const started = performance.now();
    summary = await seedDemo(db, { passwordHash: HASH, random: SEED });
    console.log(`seedDemo on ${kind}: ${Math.round(performance.now() - started)} ms`, summary);
  }, 180_000);
  afterAll(() => db?.close());

  it('reports what it created', async () => {
    expect(await isDemoSeeded(db)).toBe(true);
    const counts = await db.first(sql`SELECT
      (SELECT count(*)::int FROM org_units WHERE path LIKE '/HQ/DEMO/%') AS "orgUnits",
      (SELECT count(*)::int FROM users WHERE NOT system) AS users,
      (SELECT count(*)::int FROM customers) AS customers,
      (SELECT count(*)::int FROM customers c WHERE ${KEY_ACCOUNT}) AS "keyAccounts",
      (SELECT count(*)::int FROM customers WHERE parent_customer_id IS NOT NULL) AS "memberUnits",
      (SELECT count(*)::int FROM customers WHERE archive = 'retained') AS retained,
      (SELECT count(*)::int FROM customer_managers) AS "assistingManagers",
      (SELECT count(*)::int FROM customer_contacts) AS contacts,
      (SELECT count(*)::int FROM customer_events) AS events,
      (SELECT count(*)::int FROM customer_competitors) AS competitors,
      (SELECT count(*)::int FROM lines) AS lines,
      (SELECT count(*)::int FROM bills) AS bills,
      (SELECT count(*)::int FROM payments) AS payments,
      (SELECT count(*)::int FROM suspensions) AS suspensions,
      (SELECT count(*)::int FROM complaints) AS complaints,
      (SELECT count(*)::int FROM revisits) AS revisits,
      (SELECT count(*)::int FROM survey_responses) AS "surveyResponses"`);
    const { seed: _seed, byGrade: _byGrade, byCity: _byCity, showcaseCustomerNo: _showcase, ...expected } = summary;
    expect(counts).toEqual(expected);
    expect(summary.keyAccounts).toBe(summary.customers - summary.memberUnits - summary.retained);
    expect(summary.lines).toBeGreaterThan(20_000);
    expect(summary.bills).toBeGreaterThanOrEqual(summary.keyAccounts * 24);
    expect(summary.byCity['DEMO-01']).toBe(10_178);
    expect(summary.byCity['DEMO-02']).toBeGreaterThanOrEqual(700);
    expect(summary.byCity['DEMO-02']).toBeLessThanOrEqual(900);
  });

  it('builds the org tree under HQ with prefix paths', async () => {
    const units = await db.rows<{ code: string; kind: string; path: string; parentPath: string }>(sql`
      SELECT o.code, o.kind, o.path, p.path AS "parentPath" FROM org_units o JOIN org_units p ON p.id = o.parent_id
      WHERE o.path LIKE '/HQ/DEMO/%' ORDER BY o.path`);
    for (const unit of units) expect(unit.path).toBe(`${unit.parentPath}${unit.code}/`);
    const byKind = (k: string) => units.filter((unit) => unit.kind === k).map((unit) => unit.code);
    expect(byKind('province')).toEqual(['DEMO']);
    expect(byKind('city')).toEqual(['DEMO-01', 'DEMO-02']);
    expect(byKind('district').filter((code) => code.startsWith('DEMO-01-'))).toHaveLength(6);
    expect(byKind('district').filter((code) => code.startsWith('DEMO-02-'))).toHaveLength(3);
    expect(byKind('team')).toContain('DEMO-01-01-T01');
  });

  it('puts exactly the deck’s key accounts in DEMO-01', async () => {
    const rows = await db.rows<{ grade: string; total: number }>(sql`
      SELECT c.grade, count(*)::int AS total FROM customers c JOIN org_units o ON o.id = c.org_unit_id
      WHERE o.path LIKE '/HQ/DEMO/DEMO-01/%' AND ${KEY_ACCOUNT} GROUP BY c.grade`);
    expect(Object.fromEntries(rows.map((row) => [row.grade, row.total]))).toEqual(DEMO_MAIN_CITY_GRADES);
    // Every other customer row is a member unit or a retained record, both without a grade.
    const others = await db.first<{ graded: number; total: number }>(sql`
      SELECT count(*) FILTER (WHERE c.grade <> 'none')::int AS graded, count(*)::int AS total FROM customers c
      WHERE c.parent_customer_id IS NOT NULL OR c.archive = 'retained'`);
    expect(others?.graded).toBe(0);
    expect(others?.total).toBe(summary.memberUnits + summary.retained);
  });

  it('gives every individual a valid resident ID and groups none', async () => {
    const rows = await db.rows<{ kind: string; idNumber: string | null }>(sql`SELECT kind, id_number AS "idNumber" FROM customers`);
    const invalid = rows.filter((row) => (row.kind === 'individual' ? !isValidResidentId(row.idNumber) : row.idNumber !== null));
    expect(invalid).toEqual([]);
    const ids = rows.flatMap((row) => (row.idNumber ? [row.idNumber] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every customer a unique valid mobile number', async () => {
    const phones = (await db.rows<{ phone: string }>(sql`SELECT phone FROM customers`)).map((row) => row.phone);
    expect(phones.filter((phone) => !isMainlandMobile(phone))).toEqual([]);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('keeps every account manager within the load limits', async () => {
    const loads = await db.rows<{ username: string; vip: number; guest: number }>(sql`
      SELECT u.username, count(*) FILTER (WHERE c.grade IN ('diamond', 'gold', 'silver'))::int AS vip,
        count(*) FILTER (WHERE c.grade = 'guest')::int AS guest
      FROM users u JOIN customers c ON c.account_manager_id = u.id GROUP BY u.username`);
    expect(loads.length).toBeGreaterThanOrEqual(34);
    for (const load of loads) {
      expect(load.vip, load.username).toBeLessThanOrEqual(DEMO_VIP_LOAD_LIMIT);
      expect(load.guest, load.username).toBeLessThanOrEqual(DEMO_GUEST_LOAD_LIMIT);
    }
    const served = new Set(loads.map((load) => load.username));
    for (const username of ACCOUNT_MANAGER_USERNAMES) expect(served.has(username), username).toBe(true);
  });

  it('assigns every DEMO-01 customer to an AM of the city, in that AM’s district', async () => {
    const rows = await db.rows<{ am: string | null; amPath: string | null; customerPath: string; customerKind: string }>(sql`
      SELECT am.username AS am, ao.path AS "amPath", o.path AS "customerPath", o.kind AS "customerKind"
      FROM customers c JOIN org_units o ON o.id = c.org_unit_id
      LEFT JOIN users am ON am.id = c.account_manager_id LEFT JOIN org_units ao ON ao.id = am.org_unit_id
      WHERE o.path LIKE '/HQ/DEMO/DEMO-01/%'`);
    const allowed = new Set([...ACCOUNT_MANAGER_USERNAMES, 'account_manager']);
    const misplaced = rows.filter(
      (row) => !row.am || !allowed.has(row.am) || row.customerKind !== 'district' || !row.amPath?.startsWith(row.customerPath),
    );
    expect(misplaced).toEqual([]);
  });

  it('seats am01–am34 in teams under DEMO-01 districts, spread over all of them', async () => {
    const rows = await db.rows<{ username: string; kind: string; path: string; roles: string[] }>(sql`
      SELECT u.username, o.kind, o.path, array_agg(r.role_code ORDER BY r.role_code) AS roles
      FROM users u JOIN org_units o ON o.id = u.org_unit_id JOIN user_roles r ON r.user_id = u.id
      WHERE u.username LIKE 'am__' GROUP BY u.username, o.kind, o.path ORDER BY u.username`);
    expect(rows.map((row) => row.username)).toEqual(ACCOUNT_MANAGER_USERNAMES);
    for (const row of rows) {
      expect(row.kind).toBe('team');
      expect(row.path).toMatch(/^\/HQ\/DEMO\/DEMO-01\/DEMO-01-0\d\/DEMO-01-0\d-T\d\d\/$/);
      expect(row.roles).toEqual(['account_manager']);
    }
    expect(new Set(rows.map((row) => row.path.split('/')[4])).size).toBe(6);
  });

  it('creates one login per role with the given hash, and no admin', async () => {
    const rows = await db.rows<{ username: string; orgUnit: string; roles: string[]; hash: string; displayName: string }>(sql`
      SELECT u.username, o.code AS "orgUnit", array_agg(r.role_code) AS roles, u.password_hash AS hash, u.display_name AS "displayName"
      FROM users u JOIN org_units o ON o.id = u.org_unit_id JOIN user_roles r ON r.user_id = u.id
      GROUP BY u.username, o.code, u.password_hash, u.display_name`);
    const byName = new Map(rows.map((row) => [row.username, row]));
    for (const persona of DEMO_PERSONAS) {
      expect(byName.get(persona.username)).toMatchObject({ orgUnit: persona.orgUnit, roles: [persona.role], hash: HASH });
    }
    for (const manager of DEMO_SECOND_CITY_MANAGERS) {
      expect(byName.get(manager.username)).toMatchObject({ orgUnit: manager.orgUnit, roles: ['account_manager'] });
    }
    expect(byName.has('admin')).toBe(false);
    expect(rows.every((row) => row.hash === HASH && /\p{Script=Han}/u.test(row.displayName))).toBe(true);
  });

  it('gives the account_manager login a small book and the phone manager some 贵宾 of that team', async () => {
    const book = await db.rows<{ grade: string; total: number; district: string; withPhoneManager: number }>(sql`
      SELECT c.grade, o.code AS district, count(*)::int AS total, count(c.phone_manager_id)::int AS "withPhoneManager"
      FROM customers c JOIN users am ON am.id = c.account_manager_id JOIN org_units o ON o.id = c.org_unit_id
      WHERE am.username = 'account_manager' AND ${KEY_ACCOUNT} GROUP BY c.grade, o.code ORDER BY c.grade`);
    expect(book.every((row) => row.district === 'DEMO-01-01')).toBe(true);
    expect(book.reduce((sum, row) => sum + row.total, 0)).toBe(230);
    const phoneManaged = await db.first<{ total: number; guests: number; outsideTeam: number }>(sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE c.grade = 'guest')::int AS guests,
        count(*) FILTER (WHERE ao.code <> 'DEMO-01-01-T01')::int AS "outsideTeam"
      FROM customers c JOIN users pm ON pm.id = c.phone_manager_id
      JOIN users am ON am.id = c.account_manager_id JOIN org_units ao ON ao.id = am.org_unit_id
      WHERE pm.username = 'phone_manager'`);
    expect(phoneManaged?.total).toBeGreaterThan(200);
    expect(phoneManaged?.guests).toBe(phoneManaged?.total);
    expect(phoneManaged?.outsideTeam).toBe(0);
  });

  it('names customers realistically, with search keys', async () => {
    const rows = await db.rows<{ kind: string; name: string; pinyin: string; initials: string }>(sql`
      SELECT kind, name, name_pinyin AS pinyin, name_initials AS initials FROM customers`);
    expect(rows.filter((row) => row.name.includes('中国移动'))).toEqual([]);
    const groups = rows.filter((row) => row.kind === 'group');
    expect(new Set(groups.map((row) => row.name)).size).toBe(groups.length);
    const keyAccounts = await db.first<{ groups: number; total: number }>(sql`
      SELECT count(*) FILTER (WHERE c.kind = 'group')::int AS groups, count(*)::int AS total FROM customers c WHERE ${KEY_ACCOUNT}`);
    expect(keyAccounts!.groups / keyAccounts!.total).toBeGreaterThan(0.03);
    expect(keyAccounts!.groups / keyAccounts!.total).toBeLessThan(0.07);
    expect(groups.some((row) => /银行.*分行$/.test(row.name))).toBe(true);
    expect(rows.filter((row) => !/^[a-z0-9]+$/.test(row.pinyin) || !/^[a-z0-9]+$/.test(row.initials))).toEqual([]);
  });

  it('keeps the second city separate, partly unassigned', async () => {
    // Its own key accounts only: member units of DEMO-01 groups there keep their group's lead AM.
    const row = await db.first<{ total: number; unassigned: number; foreignAm: number }>(sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE c.account_manager_id IS NULL)::int AS unassigned,
        count(*) FILTER (WHERE am.username NOT LIKE 'dm2am%')::int AS "foreignAm"
      FROM customers c JOIN org_units o ON o.id = c.org_unit_id LEFT JOIN users am ON am.id = c.account_manager_id
      WHERE o.path LIKE '/HQ/DEMO/DEMO-02/%' AND ${KEY_ACCOUNT}`);
    expect(row?.total).toBe(summary.byCity['DEMO-02']);
    expect(row?.unassigned).toBeGreaterThan(0);
    expect(row?.foreignAm).toBe(0);
  });

  it('makes groups cross-region through member units that a local AM assists', async () => {
    const units = await db.rows<{ unit: string; parent: string; lead: string; parentLead: string; assisting: string[] | null; parentAssisting: string[] | null }>(sql`
      SELECT c.customer_no AS unit, p.customer_no AS parent, am.username AS lead, pam.username AS "parentLead",
        (SELECT array_agg(u.username) FROM customer_managers m JOIN users u ON u.id = m.user_id WHERE m.customer_id = c.id) AS assisting,
        (SELECT array_agg(u.username) FROM customer_managers m JOIN users u ON u.id = m.user_id WHERE m.customer_id = p.id) AS "parentAssisting"
      FROM customers c JOIN customers p ON p.id = c.parent_customer_id JOIN org_units o ON o.id = c.org_unit_id JOIN org_units po ON po.id = p.org_unit_id
      LEFT JOIN users am ON am.id = c.account_manager_id LEFT JOIN users pam ON pam.id = p.account_manager_id
      WHERE o.path LIKE '/HQ/DEMO/DEMO-02/%' AND po.path LIKE '/HQ/DEMO/DEMO-01/%'`);
    expect(units.length).toBeGreaterThan(10);
    for (const unit of units) {
      expect(unit.lead, unit.unit).toBe(unit.parentLead);
      expect(unit.assisting, unit.unit).toHaveLength(1);
      expect(unit.assisting![0]).toMatch(/^dm2am/);
      expect(unit.parentAssisting, unit.parent).toContain(unit.assisting![0]);
    }
    const nested = await db.first<{ total: number }>(sql`
      SELECT count(*)::int AS total FROM customers c JOIN customers p ON p.id = c.parent_customer_id
      WHERE p.parent_customer_id IS NOT NULL OR p.kind <> 'group' OR c.grade <> 'none'`);
    expect(nested?.total).toBe(0);
  });

  it('has a 200-line showcase group with 24 months of bills', async () => {
    const row = await db.first<{ lines: number; bills: number; kind: string; city: string; types: string[] }>(sql`
      SELECT c.kind, split_part(o.path, '/', 4) AS city,
        (SELECT count(*)::int FROM lines l WHERE l.customer_id = c.id) AS lines,
        (SELECT count(*)::int FROM bills b WHERE b.customer_id = c.id) AS bills,
        (SELECT array_agg(DISTINCT l.type ORDER BY l.type) FROM lines l WHERE l.customer_id = c.id) AS types
      FROM customers c JOIN org_units o ON o.id = c.org_unit_id WHERE c.customer_no = ${summary.showcaseCustomerNo}`);
    expect(row).toEqual({ kind: 'group', city: 'DEMO-01', lines: DEMO_SHOWCASE_LINES, bills: 24, types: ['broadband', 'circuit', 'fixed', 'iot', 'mobile'] });
  });

  it('bills every in-network customer for 24 months, 2024-11 to 2026-10', async () => {
    const row = await db.first<{ wrong: number; first: string; last: string; inNetwork: number }>(sql`
      SELECT (SELECT count(*)::int FROM customers c WHERE c.archive = 'in_network'
          AND (SELECT count(*) FROM bills b WHERE b.customer_id = c.id) <> 24) AS wrong,
        (SELECT min(month)::text FROM bills) AS first, (SELECT max(month)::text FROM bills) AS last,
        (SELECT count(*)::int FROM customers WHERE archive = 'in_network') AS "inNetwork"`);
    expect(row).toEqual({ wrong: 0, first: '2024-11-01', last: '2026-10-01', inNetwork: summary.keyAccounts + summary.memberUnits });
  });

  it('keeps the average monthly bill of every grade above its threshold', async () => {
    const rows = await db.rows<{ grade: keyof typeof DEMO_GRADE_MIN_MONTHLY_FEN; lowest: number; mean: number }>(sql`
      SELECT grade, min(average)::float8 AS lowest, avg(average)::float8 AS mean FROM (
        SELECT c.grade, avg(b.amount_fen) AS average FROM customers c JOIN bills b ON b.customer_id = c.id
        WHERE ${KEY_ACCOUNT} GROUP BY c.id, c.grade) per_customer GROUP BY grade`);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.lowest, row.grade).toBeGreaterThanOrEqual(DEMO_GRADE_MIN_MONTHLY_FEN[row.grade]);
      expect(row.mean, row.grade).toBeGreaterThan(DEMO_GRADE_MIN_MONTHLY_FEN[row.grade]);
    }
  });

  it('gives every group a USCC that passes the validator', async () => {
    const rows = await db.rows<{ uscc: string | null }>(sql`SELECT uscc FROM customers WHERE kind = 'group'`);
    expect(rows.filter((row) => !isValidUscc(row.uscc))).toEqual([]);
    expect(new Set(rows.map((row) => row.uscc)).size).toBe(rows.length);
    const individuals = await db.first<{ total: number }>(sql`SELECT count(*)::int AS total FROM customers WHERE kind = 'individual' AND uscc IS NOT NULL`);
    expect(individuals?.total).toBe(0);
  });

  it('numbers lines uniquely and activates them with or after their customer', async () => {
    const row = await db.first<{ total: number; distinct: number; early: number; customersWithout: number }>(sql`
      SELECT count(*)::int AS total, count(DISTINCT l.line_no)::int AS distinct,
        count(*) FILTER (WHERE l.activated_on < c.activated_on)::int AS early,
        (SELECT count(*)::int FROM customers x WHERE x.activated_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lines y WHERE y.customer_id = x.id)) AS "customersWithout"
      FROM lines l JOIN customers c ON c.id = l.customer_id`);
    expect(row).toEqual({ total: summary.lines, distinct: summary.lines, early: 0, customersWithout: 0 });
  });

  it('leaves customers in arrears with unpaid bills and, for most, a suspended line', async () => {
    const row = await db.first<{ owing: number; keyAccounts: number; suspended: number; mismatched: number; paymentsOff: number }>(sql`
      WITH owing AS (SELECT DISTINCT b.customer_id FROM bills b WHERE b.paid_fen < b.amount_fen)
      SELECT (SELECT count(*)::int FROM owing) AS owing,
        (SELECT count(*)::int FROM customers c WHERE ${KEY_ACCOUNT}) AS "keyAccounts",
        (SELECT count(*)::int FROM owing o WHERE EXISTS (SELECT 1 FROM suspensions s JOIN lines l ON l.id = s.line_id
          WHERE l.customer_id = o.customer_id AND s.kind = 'arrears' AND s.restored_at IS NULL AND l.status = 'suspended')) AS suspended,
        (SELECT count(*)::int FROM lines l WHERE (l.status = 'suspended') <>
          EXISTS (SELECT 1 FROM suspensions s WHERE s.line_id = l.id AND s.restored_at IS NULL)) AS mismatched,
        (SELECT count(*)::int FROM bills b FULL JOIN payments p ON p.customer_id = b.customer_id AND p.month = b.month
          WHERE b.month >= (DATE '2026-10-01' - make_interval(months => ${DEMO_PAYMENT_MONTHS - 1}))
            AND ((b.paid_fen > 0) IS DISTINCT FROM (p.amount_fen IS NOT NULL) OR p.amount_fen <> b.paid_fen OR p.paid_on <> b.paid_on)) AS "paymentsOff"`);
    expect(row!.owing / row!.keyAccounts).toBeGreaterThan(0.03);
    expect(row!.owing / row!.keyAccounts).toBeLessThan(0.05);
    expect(row!.suspended / row!.owing).toBeGreaterThan(0.7);
    expect(row!.mismatched).toBe(0);
    expect(row!.paymentsOff).toBe(0);
    const reminders = await db.first<{ reminded: number; unreminded: number; restored: number }>(sql`
      SELECT count(*) FILTER (WHERE reminded_at < suspended_at AND reminded_by IS NOT NULL)::int AS reminded,
        count(*) FILTER (WHERE reminded_at IS NULL)::int AS unreminded, count(*) FILTER (WHERE restored_at IS NOT NULL)::int AS restored
      FROM suspensions WHERE kind = 'arrears'`);
    expect(reminders!.reminded).toBeGreaterThan(0);
    expect(reminders!.unreminded).toBeGreaterThan(0);
    expect(reminders!.restored).toBeGreaterThan(0);
  });

  it('keeps retained records beside the in-network archive', async () => {
    const rows = await db.rows<{ city: string; reason: string; total: number; competitors: number }>(sql`
      SELECT split_part(o.path, '/', 4) AS city, c.retained_reason AS reason, count(*)::int AS total,
        count(c.retained_competitor)::int AS competitors
      FROM customers c JOIN org_units o ON o.id = c.org_unit_id WHERE c.archive = 'retained' GROUP BY 1, 2`);
    for (const [city, counts] of Object.entries(DEMO_RETAINED)) {
      for (const [reason, count] of Object.entries(counts)) {
        const row = rows.find((r) => r.city === city && r.reason === reason);
        expect(row?.total ?? 0, `${city} ${reason}`).toBe(count);
        if (reason === 'churned' && count > 0) expect(row?.competitors).toBe(count);
      }
    }
  });

  it('adds contacts, events and competitors to groups only', async () => {
    const row = await db.first<{ onIndividuals: number; phones: number; distinctPhones: number; groupsWithout: number }>(sql`
      SELECT (SELECT count(*)::int FROM (SELECT customer_id FROM customer_contacts UNION ALL SELECT customer_id FROM customer_events
          UNION ALL SELECT customer_id FROM customer_competitors) r JOIN customers c ON c.id = r.customer_id WHERE c.kind <> 'group') AS "onIndividuals",
        (SELECT count(*)::int FROM customer_contacts) AS phones, (SELECT count(DISTINCT phone)::int FROM customer_contacts) AS "distinctPhones",
        (SELECT count(*)::int FROM customers c WHERE c.kind = 'group' AND ${KEY_ACCOUNT}
          AND NOT EXISTS (SELECT 1 FROM customer_contacts k WHERE k.customer_id = c.id AND k.role = 'leader')) AS "groupsWithout"`);
    expect(row).toEqual({ onIndividuals: 0, phones: summary.contacts, distinctPhones: summary.contacts, groupsWithout: 0 });
  });

  it('gives DEMO-01 a finished year of complaints, revisits and surveys in line with the deck', async () => {
    const row = await db.first<Record<string, number | string>>(sql`SELECT
      (SELECT count(*)::int FROM complaints WHERE status <> 'closed') AS open,
      (SELECT count(DISTINCT channel)::int FROM complaints) AS channels,
      (SELECT count(DISTINCT category)::int FROM complaints) AS categories,
      (SELECT count(DISTINCT root_cause)::int FROM complaints) AS "rootCauses",
      (SELECT count(*)::int FROM complaints WHERE hot AND level < 2) AS "hotBelowLevel2",
      (SELECT count(*)::int FROM complaints WHERE repeat) AS repeats,
      (SELECT count(*)::int FROM complaints WHERE escalated_once) AS escalated,
      (SELECT count(*)::int FROM complaints WHERE reopen_count > 0) AS reopened,
      (SELECT count(*)::int FROM complaints WHERE first_contact_resolved <> (level = 1 AND NOT escalated_once AND reopen_count = 0)) AS "fcrMismatch",
      (SELECT count(*)::int FROM complaints WHERE customer_confirmed IS NULL AND no_confirmation_reason IS NULL) AS "closedUnconfirmed",
      (SELECT count(*)::int FROM revisits WHERE status = 'pending') AS "pendingRevisits",
      (SELECT count(*)::int FROM revisits WHERE outcome = 'unsatisfied') AS unsatisfied,
      (SELECT count(*)::int FROM revisits WHERE status = 'unreachable') AS unreachable,
      (SELECT max(closed_at) < '2026-11-01T00:00:00+08:00' FROM complaints)::text AS "closedBeforeAsOf",
      (SELECT count(DISTINCT to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'))::int FROM complaints) AS months,
      (SELECT count(*)::int FROM complaints p JOIN customers c ON c.id = p.customer_id JOIN org_units o ON o.id = c.org_unit_id
        WHERE o.path NOT LIKE '/HQ/DEMO/DEMO-01/%') AS "outsideCity",
      (SELECT round(avg(approves::int) FILTER (WHERE kind = 'approval' AND customer_class = 'vip'), 2)::float8 FROM survey_responses) AS "vipApproval",
      (SELECT round(avg(approves::int) FILTER (WHERE kind = 'approval' AND customer_class = 'guest'), 2)::float8 FROM survey_responses) AS "guestApproval",
      (SELECT round(avg(score_index) FILTER (WHERE kind = 'satisfaction'))::int FROM survey_responses) AS "satisfactionIndex",
      (SELECT count(*)::int FROM survey_invitations WHERE status <> 'answered') AS unanswered,
      (SELECT count(*)::int FROM complaints p WHERE NOT EXISTS (SELECT 1 FROM complaint_sequences q
        WHERE q.day = (p.received_at AT TIME ZONE 'Asia/Shanghai')::date AND q.last_value >= right(p.complaint_no, 4)::int)) AS "unsequenced"`);
    expect(row).toMatchObject({
      open: 0,
      channels: 6,
      categories: 8,
      rootCauses: 3,
      hotBelowLevel2: 0,
      fcrMismatch: 0,
      closedUnconfirmed: 0,
      pendingRevisits: 0,
      closedBeforeAsOf: 'true',
      months: 12,
      outsideCity: 0,
      unanswered: 0,
      unsequenced: 0,
    });
    for (const key of ['repeats', 'escalated', 'reopened', 'unsatisfied', 'unreachable']) expect(row?.[key]).toBeGreaterThan(5);
    // The deck's June 2007 figures: VIP approval 95.9%, 贵宾 70%.
    expect(row?.vipApproval).toBeGreaterThanOrEqual(0.93);
    expect(row?.guestApproval).toBeGreaterThanOrEqual(0.6);
    expect(row?.guestApproval).toBeLessThanOrEqual(0.8);
    expect(row?.satisfactionIndex).toBeGreaterThanOrEqual(65);
    expect(row?.satisfactionIndex).toBeLessThanOrEqual(90);
  });

  it('restores every foreign key it dropped for the bulk load', async () => {
    expect(await foreignKeys(db)).toEqual(keysBefore);
  });

  it('spreads activation dates and ties stars to grades', async () => {
    const row = await db.first<{ first: string; last: string; diamondStars: number[]; guestMax: number }>(sql`
      SELECT min(activated_on)::text AS first, max(activated_on)::text AS last,
        array_agg(DISTINCT star) FILTER (WHERE grade = 'diamond') AS "diamondStars",
        max(star) FILTER (WHERE grade = 'guest')::int AS "guestMax" FROM customers`);
    expect(row?.first.startsWith('2005')).toBe(true);
    // Customers are activated before the bill window opens, so all have 24 months of bills.
    expect(row?.last.startsWith('2024')).toBe(true);
    expect(row?.diamondStars).toEqual([5]);
    expect(row?.guestMax).toBeLessThanOrEqual(4);
  });

  it('refuses to seed twice and leaves the data as it was', async () => {
    const before = await fingerprint(db);
    await expect(seedDemo(db, { passwordHash: HASH, random: SEED })).rejects.toBeInstanceOf(DemoAlreadySeededError);
    expect(await fingerprint(db)).toBe(before);
  });

  it('is deterministic: the same seed gives the same customers in another database', async () => {
    const other = await openTestDatabase(kind);
    try {
      await seedDemo(other, { passwordHash: 'another-hash', random: SEED });
      expect(await firstNames(other)).toEqual(await firstNames(db));
      expect(await fingerprint(other)).toBe(await fingerprint(db));
      expect(await archiveDigest(other)).toEqual(await archiveDigest(db));
    } finally {
      await other.close();
    }
  }, 180_000);
});
