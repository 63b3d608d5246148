import { sql, type Database } from '@patron/db';
import { pinyinKeys } from '@patron/domain';

/**
 * Extra rows for the customer-archive HTTP tests, seeded straight into the database the way an
 * import would leave them. The shared fixture stays as it is; each test file adds what it reasons about.
 */

export interface SeedCustomer {
  customerNo: string;
  name: string;
  orgUnit: string;
  kind?: 'individual' | 'group';
  grade?: string;
  star?: number | null;
  accountManager?: string | null;
  phoneManager?: string | null;
  parentId?: number | null;
  archive?: 'in_network' | 'retained';
  retainedReason?: string | null;
  activatedOn?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  birthday?: string | null;
  email?: string | null;
}

const userId = (username: string | null | undefined) =>
  username ? sql`(SELECT id FROM users WHERE username = ${username})` : sql`NULL::bigint`;

export async function seedCustomer(db: Database, customer: SeedCustomer): Promise<number> {
  const kind = customer.kind ?? 'individual';
  const keys = pinyinKeys(customer.name, { personName: kind === 'individual' });
  const row = await db.first<{ id: number }>(sql`
    INSERT INTO customers (customer_no, kind, name, name_pinyin, name_initials, grade, star, org_unit_id, account_manager_id,
      phone_manager_id, parent_customer_id, archive, retained_reason, activated_on, phone, id_number, address, birthday, email)
    VALUES (${customer.customerNo}, ${kind}, ${customer.name}, ${keys.full}, ${keys.initials}, ${customer.grade ?? 'none'},
      ${customer.star ?? null}, (SELECT id FROM org_units WHERE code = ${customer.orgUnit}), ${userId(customer.accountManager)},
      ${userId(customer.phoneManager)}, ${customer.parentId ?? null}, ${customer.archive ?? 'in_network'}, ${customer.retainedReason ?? null},
      ${customer.activatedOn ?? null}, ${customer.phone ?? null}, ${customer.idNumber ?? null}, ${customer.address ?? null},
      ${customer.birthday ?? null}, ${customer.email ?? null})
    RETURNING id`);
  return row!.id;
}

/** `count` customers of one grade for one manager, numbered prefix + 0001…: a manager's load in one statement. */
export async function seedLoad(db: Database, prefix: string, count: number, grade: string, orgUnit: string, manager: string): Promise<void> {
  await db.run(sql`
    INSERT INTO customers (customer_no, kind, name, grade, org_unit_id, account_manager_id)
    SELECT ${prefix} || lpad(n::text, 4, '0'), 'individual', '负载客户' || n, ${grade},
      (SELECT id FROM org_units WHERE code = ${orgUnit}), (SELECT id FROM users WHERE username = ${manager})
    FROM generate_series(1, ${count}::int) AS n`);
}

/** `count` mobile lines 1390000xxxx; the first `suspended` of them suspended for arrears at `suspendedAt`. */
export async function seedLines(db: Database, customerId: number, count: number, options: { prefix?: string } = {}): Promise<void> {
  const prefix = options.prefix ?? '1390000';
  await db.run(sql`
    INSERT INTO lines (line_no, customer_id, type, package, brand, status, activated_on, owner_name, holder_name)
    SELECT ${prefix} || lpad(n::text, 4, '0'), ${customerId}, 'mobile', '商务套餐', '全球通',
      CASE WHEN n % 50 = 0 THEN 'suspended' ELSE 'normal' END, DATE '2020-01-01' + n, '示范公司', '持机人' || n
    FROM generate_series(1, ${count}::int) AS n`);
}

/**
 * Monthly bills for the `months` months ending with `lastMonth` ('YYYY-MM'), amount 1000.00 + month
 * number yuan; all paid in full except the latest `unpaid` months, which are unpaid.
 */
export async function seedBills(db: Database, customerId: number, lastMonth: string, months: number, unpaid: number): Promise<void> {
  await db.run(sql`
    INSERT INTO bills (customer_id, month, amount_fen, paid_fen, paid_on)
    SELECT ${customerId}, m.month, 100000 + extract(month FROM m.month)::bigint * 100,
      CASE WHEN m.n < ${unpaid}::int THEN 0 ELSE 100000 + extract(month FROM m.month)::bigint * 100 END,
      CASE WHEN m.n < ${unpaid}::int THEN NULL ELSE (m.month + interval '1 month 10 days')::date END
    FROM (
      SELECT n, (${lastMonth + '-01'}::date - make_interval(months => n))::date AS month
      FROM generate_series(0, ${months - 1}::int) AS n
    ) m`);
}

export async function seedSuspension(db: Database, lineNo: string, suspendedAt: string, restoredAt: string | null): Promise<void> {
  await db.run(sql`
    INSERT INTO suspensions (line_id, kind, suspended_at, restored_at)
    SELECT id, 'arrears', ${suspendedAt}::timestamptz, ${restoredAt}::timestamptz FROM lines WHERE line_no = ${lineNo}`);
}

export async function historyOf(db: Database, customerId: number) {
  return db.rows<{ action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; reason: string | null; actorName: string | null }>(sql`
    SELECT action, before, after, reason, actor_name AS "actorName" FROM customer_history WHERE customer_id = ${customerId} ORDER BY id`);
}

export async function auditOf(db: Database, action: string) {
  return db.rows<{ entityId: string | null; actorName: string | null; before: unknown; after: unknown; reason: string | null }>(sql`
    SELECT entity_id AS "entityId", actor_name AS "actorName", before, after, reason FROM audit_events WHERE action = ${action} ORDER BY id`);
}
