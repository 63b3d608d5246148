import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { isValidResidentId } from '@patron/domain/validation/resident-id';
import { isMainlandMobile } from '@patron/domain/validation/phone';
import type { Database } from '../database';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import {
  ACCOUNT_MANAGER_USERNAMES,
  DEMO_GUEST_LOAD_LIMIT,
  DEMO_MAIN_CITY_GRADES,
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

const fingerprint = (db: Database) =>
  db
    .first<{ digest: string }>(sql`SELECT md5(string_agg(concat_ws('|', c.customer_no, c.name, c.phone, c.id_number, c.address,
      c.grade, c.star, am.username, c.activated_on), ',' ORDER BY c.customer_no)) AS digest
      FROM customers c LEFT JOIN users am ON am.id = c.account_manager_id`)
    .then((row) => row?.digest);

describe.each(testDatabaseKinds())('demo data on %s', (kind) => {
  let db: Database;
  let summary: DemoSeedSummary;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    expect(await isDemoSeeded(db)).toBe(false);
    const started = performance.now();
    summary = await seedDemo(db, { passwordHash: HASH, random: SEED });
    console.log(`seedDemo on ${kind}: ${Math.round(performance.now() - started)} ms`, summary);
  }, 120_000);
  afterAll(() => db?.close());

  it('reports what it created', async () => {
    expect(await isDemoSeeded(db)).toBe(true);
    const counts = await db.first<{ orgUnits: number; users: number; customers: number }>(sql`SELECT
      (SELECT count(*)::int FROM org_units WHERE path LIKE '/HQ/DEMO/%') AS "orgUnits",
      (SELECT count(*)::int FROM users WHERE NOT system) AS users,
      (SELECT count(*)::int FROM customers) AS customers`);
    expect(counts).toEqual({ orgUnits: summary.orgUnits, users: summary.users, customers: summary.customers });
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
      WHERE o.path LIKE '/HQ/DEMO/DEMO-01/%' GROUP BY c.grade`);
    expect(Object.fromEntries(rows.map((row) => [row.grade, row.total]))).toEqual(DEMO_MAIN_CITY_GRADES);
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
      WHERE am.username = 'account_manager' GROUP BY c.grade, o.code ORDER BY c.grade`);
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
    expect(groups.length / rows.length).toBeGreaterThan(0.03);
    expect(groups.length / rows.length).toBeLessThan(0.07);
    expect(new Set(groups.map((row) => row.name)).size).toBe(groups.length);
    expect(groups.some((row) => /银行.*分行$/.test(row.name))).toBe(true);
    expect(rows.filter((row) => !/^[a-z0-9]+$/.test(row.pinyin) || !/^[a-z0-9]+$/.test(row.initials))).toEqual([]);
  });

  it('keeps the second city separate, partly unassigned', async () => {
    const row = await db.first<{ total: number; unassigned: number; foreignAm: number }>(sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE c.account_manager_id IS NULL)::int AS unassigned,
        count(*) FILTER (WHERE am.username NOT LIKE 'dm2am%')::int AS "foreignAm"
      FROM customers c JOIN org_units o ON o.id = c.org_unit_id LEFT JOIN users am ON am.id = c.account_manager_id
      WHERE o.path LIKE '/HQ/DEMO/DEMO-02/%'`);
    expect(row?.total).toBe(summary.byCity['DEMO-02']);
    expect(row?.unassigned).toBeGreaterThan(0);
    expect(row?.foreignAm).toBe(0);
  });

  it('spreads activation dates and ties stars to grades', async () => {
    const row = await db.first<{ first: string; last: string; diamondStars: number[]; guestMax: number }>(sql`
      SELECT min(activated_on)::text AS first, max(activated_on)::text AS last,
        array_agg(DISTINCT star) FILTER (WHERE grade = 'diamond') AS "diamondStars",
        max(star) FILTER (WHERE grade = 'guest')::int AS "guestMax" FROM customers`);
    expect(row?.first.startsWith('2005')).toBe(true);
    expect(row?.last.startsWith('2026')).toBe(true);
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
    } finally {
      await other.close();
    }
  }, 120_000);
});
