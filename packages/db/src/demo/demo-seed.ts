import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../database';
import { DEMO_DEFAULT_SEED, DEMO_GRADES, DEMO_PROVINCE, type DemoGrade } from './demo-catalog';
import { buildDemoPlan, type DemoPlan, type PlannedCustomer, type PlannedOrgUnit, type PlannedUser } from './demo-plan';

export interface SeedDemoOptions {
  /** Stored for every demo login; the caller hashes the demo password with the server's hasher. */
  readonly passwordHash: string;
  /** PRNG seed: the same seed always yields the same people, numbers and assignments. */
  readonly random?: number;
}

export interface DemoSeedSummary {
  readonly seed: number;
  readonly orgUnits: number;
  readonly users: number;
  readonly customers: number;
  readonly byGrade: { readonly [G in DemoGrade]: number };
  /** Customers per city code. */
  readonly byCity: Readonly<Record<string, number>>;
}

export class DemoAlreadySeededError extends Error {
  constructor() {
    super(`demo data already present (org unit ${DEMO_PROVINCE.code} exists)`);
    this.name = 'DemoAlreadySeededError';
  }
}

export async function isDemoSeeded(db: Executor): Promise<boolean> {
  return (await db.first(sql`SELECT 1 AS present FROM org_units WHERE code = ${DEMO_PROVINCE.code}`)) !== undefined;
}

interface Column<T> {
  readonly name: string;
  /** Element type of the array the column travels in: 'text', 'bigint', 'date'… */
  readonly type: string;
  readonly value: (row: T) => string | number | null;
}

const BATCH_ROWS = 5000;

/**
 * Bulk insert as one array parameter per column, unnested server-side. Compared with multi-row
 * VALUES (one parameter per cell, 14,000 per 1,000 rows) this halves the load time on PGlite and
 * keeps statements small; both drivers serialise JS arrays to PostgreSQL arrays.
 */
async function insertRows<T, R = never>(
  tx: Executor,
  table: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  returning?: SQL,
): Promise<R[]> {
  const names = sql.raw(columns.map((column) => column.name).join(', '));
  const returned: R[] = [];
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const arrays = sql.join(
      columns.map((column) => sql`${sql.param(batch.map(column.value))}::${sql.raw(column.type)}[]`),
      sql`, `,
    );
    const insert = sql`INSERT INTO ${sql.raw(table)} (${names}) SELECT * FROM unnest(${arrays})`;
    if (returning) returned.push(...(await tx.rows<R>(sql`${insert} RETURNING ${returning}`)));
    else await tx.run(insert);
  }
  return returned;
}

function summarize(plan: DemoPlan): DemoSeedSummary {
  const byGrade: Record<DemoGrade, number> = Object.fromEntries(DEMO_GRADES.map((grade) => [grade, 0])) as Record<DemoGrade, number>;
  const byCity: Record<string, number> = {};
  const cityOf = new Map(plan.orgUnits.filter((unit) => unit.kind === 'district').map((unit) => [unit.code, unit.parentCode]));
  for (const customer of plan.customers) {
    byGrade[customer.grade] += 1;
    const city = cityOf.get(customer.orgUnit) ?? '';
    byCity[city] = (byCity[city] ?? 0) + 1;
  }
  return {
    seed: plan.seed,
    orgUnits: plan.orgUnits.length,
    users: plan.users.length,
    customers: plan.customers.length,
    byGrade,
    byCity,
  };
}

/**
 * Loads the demo organisation, logins and customers in one transaction: either the whole data set
 * is there or none of it. Refuses to run twice (DemoAlreadySeededError); `admin` is not created.
 */
export async function seedDemo(db: Executor, options: SeedDemoOptions): Promise<DemoSeedSummary> {
  // Checked before building the plan (a second or so of work) and again inside the transaction.
  if (await isDemoSeeded(db)) throw new DemoAlreadySeededError();
  const plan = buildDemoPlan(options.random ?? DEMO_DEFAULT_SEED);
  await db.transaction(async (tx) => {
    if (await isDemoSeeded(tx)) throw new DemoAlreadySeededError();
    const hq = await tx.first<{ id: number }>(sql`SELECT id FROM org_units WHERE code = 'HQ'`);
    if (!hq) throw new Error('org unit HQ is missing: run the migrations first');

    // Parents before children: one statement per level, each after the level above it.
    const orgIds = new Map<string, number>([['HQ', hq.id]]);
    const orgId = (code: string) => {
      const id = orgIds.get(code);
      if (id === undefined) throw new Error(`demo plan refers to unknown org unit ${code}`);
      return id;
    };
    for (const kind of ['province', 'city', 'district', 'team'] as const) {
      const inserted = await insertRows<PlannedOrgUnit, { id: number; code: string }>(
        tx,
        'org_units',
        [
          { name: 'code', type: 'text', value: (unit) => unit.code },
          { name: 'name', type: 'text', value: (unit) => unit.name },
          { name: 'kind', type: 'text', value: (unit) => unit.kind },
          { name: 'parent_id', type: 'bigint', value: (unit) => orgId(unit.parentCode) },
          { name: 'path', type: 'text', value: (unit) => unit.path },
          { name: 'sort_order', type: 'integer', value: (unit) => unit.sortOrder },
        ],
        plan.orgUnits.filter((unit) => unit.kind === kind),
        sql`id, code`,
      );
      for (const row of inserted) orgIds.set(row.code, row.id);
    }

    const users = await insertRows<PlannedUser, { id: number; username: string }>(
      tx,
      'users',
      [
        { name: 'username', type: 'text', value: (user) => user.username },
        { name: 'display_name', type: 'text', value: (user) => user.displayName },
        { name: 'password_hash', type: 'text', value: () => options.passwordHash },
        { name: 'org_unit_id', type: 'bigint', value: (user) => orgId(user.orgUnit) },
        { name: 'phone', type: 'text', value: (user) => user.phone },
        { name: 'email', type: 'text', value: (user) => user.email },
      ],
      plan.users,
      sql`id, username`,
    );
    const userIds = new Map(users.map((row) => [row.username, row.id]));
    const userId = (username: string | null) => {
      if (username === null) return null;
      const id = userIds.get(username);
      if (id === undefined) throw new Error(`demo plan refers to unknown user ${username}`);
      return id;
    };
    await insertRows<{ user: string; role: string }>(
      tx,
      'user_roles',
      [
        { name: 'user_id', type: 'bigint', value: (grant) => userId(grant.user) },
        { name: 'role_code', type: 'text', value: (grant) => grant.role },
      ],
      plan.users.flatMap((user) => user.roles.map((role) => ({ user: user.username, role }))),
    );

    await insertRows<PlannedCustomer>(
      tx,
      'customers',
      [
        { name: 'customer_no', type: 'text', value: (c) => c.customerNo },
        { name: 'kind', type: 'text', value: (c) => c.kind },
        { name: 'name', type: 'text', value: (c) => c.name },
        { name: 'name_pinyin', type: 'text', value: (c) => c.namePinyin },
        { name: 'name_initials', type: 'text', value: (c) => c.nameInitials },
        { name: 'grade', type: 'text', value: (c) => c.grade },
        { name: 'star', type: 'smallint', value: (c) => c.star },
        { name: 'phone', type: 'text', value: (c) => c.phone },
        { name: 'id_number', type: 'text', value: (c) => c.idNumber },
        { name: 'address', type: 'text', value: (c) => c.address },
        { name: 'org_unit_id', type: 'bigint', value: (c) => orgId(c.orgUnit) },
        { name: 'account_manager_id', type: 'bigint', value: (c) => userId(c.accountManager) },
        { name: 'phone_manager_id', type: 'bigint', value: (c) => userId(c.phoneManager) },
        { name: 'activated_on', type: 'date', value: (c) => c.activatedOn },
      ],
      plan.customers,
    );
  });
  return summarize(plan);
}
