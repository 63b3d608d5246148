import { insertUser, sql, type Database } from '@patron/db';
import { pinyinKeys, type RoleCode } from '@patron/domain';
import { hashPassword } from '../modules/auth/password';

export const FIXTURE_PASSWORD = 'Fixture#2026';

const ORG_UNITS: [code: string, name: string, kind: string, parent: string][] = [
  ['DEMO', '示范省', 'province', 'HQ'],
  ['DEMO-01', '一市', 'city', 'DEMO'],
  ['DEMO-01-01', '天河区', 'district', 'DEMO-01'],
  ['DEMO-01-01-T01', '天河一组', 'team', 'DEMO-01-01'],
  ['DEMO-01-02', '越秀区', 'district', 'DEMO-01'],
  ['DEMO-01-02-T01', '越秀一组', 'team', 'DEMO-01-02'],
  ['DEMO-02', '二市', 'city', 'DEMO'],
  ['DEMO-02-01', '东城区', 'district', 'DEMO-02'],
];

const USERS: [username: string, role: RoleCode, org: string][] = [
  ['admin', 'admin', 'HQ'],
  ['am_a', 'account_manager', 'DEMO-01-01-T01'],
  ['am_a2', 'account_manager', 'DEMO-01-01-T01'],
  ['am_b', 'account_manager', 'DEMO-01-02-T01'],
  ['lead_a', 'team_lead', 'DEMO-01-01-T01'],
  ['dm_a', 'district_manager', 'DEMO-01-01'],
  ['cm_1', 'city_manager', 'DEMO-01'],
  ['pm_demo', 'province_manager', 'DEMO'],
  ['analyst', 'analyst', 'DEMO'],
  ['agent', 'outbound_agent', 'DEMO-01'],
];

const CUSTOMERS: [no: string, name: string, grade: string, org: string, manager: string | null][] = [
  ['C0000000001', '中国移动通信集团示范有限公司', 'gold', 'DEMO-01-01', 'am_a'],
  ['C0000000002', '张伟', 'silver', 'DEMO-01-01', 'am_a'],
  ['C0000000003', '李娜', 'guest', 'DEMO-01-01', 'am_a2'],
  ['C0000000004', '王芳', 'diamond', 'DEMO-01-02', 'am_b'],
  ['C0000000005', '刘洋', 'guest', 'DEMO-02-01', null],
];

let passwordHash: Promise<string> | undefined;

/** A small org tree, one user per interesting role and five customers: what the HTTP tests reason about. */
export async function seedFixture(db: Database): Promise<{ userIds: Record<string, number>; customerIds: Record<string, number> }> {
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  const hash = await passwordHash;
  return db.transaction(async (tx) => {
    for (const [code, name, kind, parent] of ORG_UNITS) {
      await tx.run(sql`INSERT INTO org_units (code, name, kind, parent_id, path)
        SELECT ${code}, ${name}, ${kind}, id, path || ${code + '/'} FROM org_units WHERE code = ${parent}`);
    }
    const userIds: Record<string, number> = {};
    for (const [username, role, org] of USERS) {
      const unit = await tx.first<{ id: number }>(sql`SELECT id FROM org_units WHERE code = ${org}`);
      const user = await insertUser(tx, { username, displayName: username, passwordHash: hash, orgUnitId: unit!.id, roles: [role] });
      userIds[username] = user.id;
    }
    const customerIds: Record<string, number> = {};
    for (const [no, name, grade, org, manager] of CUSTOMERS) {
      const kind = name.length > 4 ? 'group' : 'individual';
      // The search keys every customer writer fills, so pinyin search (zgyd → 中国移动…) works here too.
      const keys = pinyinKeys(name, { personName: kind === 'individual' });
      const row = await tx.first<{ id: number }>(sql`
        INSERT INTO customers (customer_no, kind, name, name_pinyin, name_initials, grade, phone, id_number, address, org_unit_id, account_manager_id)
        SELECT ${no}, ${kind}, ${name}, ${keys.full}, ${keys.initials}, ${grade}, '13812341234', '440106199001011234',
          '广东省广州市天河区体育西路103号', o.id, ${manager ? userIds[manager]! : null}
        FROM org_units o WHERE o.code = ${org} RETURNING id`);
      customerIds[no] = row!.id;
    }
    return { userIds, customerIds };
  });
}
