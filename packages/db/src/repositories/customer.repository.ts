import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { likeContains, offsetOf, type Page, type PageRequest } from './paging';
import { customerAggregateScope, customerScope } from './scope';

export const CUSTOMER_GRADES = ['diamond', 'gold', 'silver', 'guest', 'none'] as const;
export type CustomerGrade = (typeof CUSTOMER_GRADES)[number];

/** A customer row as stored, PII unmasked: serializers mask it for the caller. */
export interface CustomerRecord {
  id: number;
  customerNo: string;
  kind: 'individual' | 'group';
  name: string;
  grade: CustomerGrade;
  star: number | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
  orgUnit: string;
  orgUnitName: string;
  accountManager: string | null;
  accountManagerName: string | null;
  activatedOn: string | null;
}

const columns = sql`c.id, c.customer_no AS "customerNo", c.kind, c.name, c.grade, c.star, c.phone,
  c.id_number AS "idNumber", c.address, o.code AS "orgUnit", o.name AS "orgUnitName",
  am.username AS "accountManager", am.display_name AS "accountManagerName", c.activated_on AS "activatedOn"`;
const from = sql`FROM customers c JOIN org_units o ON o.id = c.org_unit_id LEFT JOIN users am ON am.id = c.account_manager_id`;

export interface CustomerFilter {
  q?: string;
  grade?: CustomerGrade;
}

export async function listCustomers(
  db: Executor,
  ctx: AccessContext,
  filter: CustomerFilter,
  paging: PageRequest,
): Promise<Page<CustomerRecord>> {
  const conditions: SQL[] = [customerScope(ctx)];
  if (filter.grade) conditions.push(sql`c.grade = ${filter.grade}`);
  if (filter.q) {
    const text = filter.q.trim();
    const pattern = likeContains(text.toLowerCase());
    conditions.push(sql`(c.customer_no = ${text} OR c.name ILIKE ${pattern} OR c.name_initials LIKE ${pattern}
      OR c.name_pinyin LIKE ${pattern} OR c.phone = ${text})`);
  }
  const where = sql.join(conditions, sql` AND `);
  const [items, count] = await Promise.all([
    db.rows<CustomerRecord>(sql`SELECT ${columns} ${from} WHERE ${where}
      ORDER BY c.customer_no LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total ${from} WHERE ${where}`),
  ]);
  return { items, total: count?.total ?? 0, ...paging };
}

/** Undefined both when the customer does not exist and when it is outside the caller's scope. */
export function findCustomer(db: Executor, ctx: AccessContext, id: number): Promise<CustomerRecord | undefined> {
  return db.first<CustomerRecord>(sql`SELECT ${columns} ${from} WHERE c.id = ${id} AND ${customerScope(ctx)}`);
}

export interface CustomerSummary {
  total: number;
  byGrade: Record<CustomerGrade, number>;
  byOrgUnit: { orgUnit: string; orgUnitName: string; total: number; vip: number; guest: number }[];
}

export async function summarizeCustomers(db: Executor, ctx: AccessContext): Promise<CustomerSummary> {
  const scope = customerAggregateScope(ctx);
  const [grades, units] = await Promise.all([
    db.rows<{ grade: CustomerGrade; total: number }>(
      sql`SELECT c.grade, count(*)::int AS total FROM customers c WHERE ${scope} GROUP BY c.grade`,
    ),
    db.rows<CustomerSummary['byOrgUnit'][number]>(sql`
      SELECT o.code AS "orgUnit", o.name AS "orgUnitName", count(*)::int AS total,
        count(*) FILTER (WHERE c.grade IN ('diamond', 'gold', 'silver'))::int AS vip,
        count(*) FILTER (WHERE c.grade = 'guest')::int AS guest
      FROM customers c JOIN org_units o ON o.id = c.org_unit_id WHERE ${scope}
      GROUP BY o.code, o.name ORDER BY o.code`),
  ]);
  const byGrade = Object.fromEntries(CUSTOMER_GRADES.map((grade) => [grade, 0])) as Record<CustomerGrade, number>;
  for (const row of grades) byGrade[row.grade] = row.total;
  return { total: grades.reduce((sum, row) => sum + row.total, 0), byGrade, byOrgUnit: units };
}
