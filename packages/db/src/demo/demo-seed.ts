import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { syncCustomerBenefits } from '../repositories/customer-benefit.repository';
import { DEMO_BILL_MONTHS, DEMO_DEFAULT_SEED, DEMO_GRADES, DEMO_PAYMENT_MONTHS, DEMO_PROVINCE, type DemoGrade } from './demo-catalog';
import { billMonth, isoOfDay } from './demo-dates';
import { insertRows, type Column } from './demo-insert';
import { insertServiceQuality, SERVICE_QUALITY_TABLES } from './demo-service-quality-seed';
import { loadBusinessCalendar } from '../repositories/calendar.repository';
import {
  buildDemoPlan,
  isKeyAccount,
  type DemoPlan,
  type PlannedAssistingManager,
  type PlannedCompetitor,
  type PlannedContact,
  type PlannedCustomer,
  type PlannedEvent,
  type PlannedLine,
  type PlannedOrgUnit,
  type PlannedSuspension,
  type PlannedUser,
} from './demo-plan';

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
  /** Every customer row: key accounts, member units and retained records. */
  readonly customers: number;
  /** In-network customers with a grade: what the deck counts (see isKeyAccount). */
  readonly keyAccounts: number;
  readonly memberUnits: number;
  readonly retained: number;
  /** Key accounts per grade. */
  readonly byGrade: { readonly [G in DemoGrade]: number };
  /** Key accounts per city code. */
  readonly byCity: Readonly<Record<string, number>>;
  /** The 200-line group of the 360-view performance target. */
  readonly showcaseCustomerNo: string;
  readonly assistingManagers: number;
  readonly contacts: number;
  readonly events: number;
  readonly competitors: number;
  readonly lines: number;
  readonly bills: number;
  readonly payments: number;
  readonly suspensions: number;
  /** DEMO-01's year of service quality: closed complaints, their revisits, answered surveys. */
  readonly complaints: number;
  readonly revisits: number;
  readonly surveyResponses: number;
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

/**
 * Runs `load` with the foreign keys of `tables` dropped, then adds them back, which checks every row
 * in one join. PGlite checks a foreign key with a query per inserted row: for the quarter of a
 * million bills and payments that is most of the seed's time. Inside the caller's transaction, so a
 * failure restores the constraints with everything else; skipped unless the role owns the tables.
 */
async function withoutForeignKeys<T>(tx: Executor, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  const regclasses = sql`${sql.param(tables)}::text[]::regclass[]`;
  const owner = await tx.first<{ owns: boolean }>(sql`
    SELECT bool_and(pg_has_role(current_user, relowner, 'USAGE')) AS owns FROM pg_class WHERE oid = ANY(${regclasses})`);
  if (!owner?.owns) return load();
  const constraints = await tx.rows<{ tableName: string; name: string; definition: string }>(sql`
    SELECT conrelid::regclass::text AS "tableName", quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(${regclasses}) ORDER BY 1, 2`);
  for (const c of constraints) await tx.exec(`ALTER TABLE ${c.tableName} DROP CONSTRAINT ${c.name}`);
  const result = await load();
  for (const c of constraints) await tx.exec(`ALTER TABLE ${c.tableName} ADD CONSTRAINT ${c.name} ${c.definition}`);
  return result;
}

function summarize(plan: DemoPlan, payments: number): DemoSeedSummary {
  const byGrade: Record<DemoGrade, number> = Object.fromEntries(DEMO_GRADES.map((grade) => [grade, 0])) as Record<DemoGrade, number>;
  const byCity: Record<string, number> = {};
  const cityOf = new Map(plan.orgUnits.filter((unit) => unit.kind === 'district').map((unit) => [unit.code, unit.parentCode]));
  let keyAccounts = 0;
  for (const customer of plan.customers) {
    if (!isKeyAccount(customer)) continue;
    keyAccounts += 1;
    byGrade[customer.grade as DemoGrade] += 1;
    const city = cityOf.get(customer.orgUnit) ?? '';
    byCity[city] = (byCity[city] ?? 0) + 1;
  }
  return {
    seed: plan.seed,
    orgUnits: plan.orgUnits.length,
    users: plan.users.length,
    customers: plan.customers.length,
    keyAccounts,
    memberUnits: plan.customers.filter((c) => c.parentCustomerNo !== null).length,
    retained: plan.customers.filter((c) => c.archive === 'retained').length,
    byGrade,
    byCity,
    showcaseCustomerNo: plan.showcaseCustomerNo,
    assistingManagers: plan.assistingManagers.length,
    contacts: plan.contacts.length,
    events: plan.events.length,
    competitors: plan.competitors.length,
    lines: plan.lines.length,
    bills: plan.bills.customer.length,
    payments,
    suspensions: plan.suspensions.length,
    complaints: plan.serviceQuality.complaints.length,
    revisits: plan.serviceQuality.revisits.length,
    surveyResponses: plan.serviceQuality.surveys.length,
  };
}

function lookup<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo plan refers to unknown ${what} ${String(key)}`);
  return value;
}

/**
 * Loads the demo organisation, logins, customers and their archive (lines, bills, payments,
 * suspensions, contacts, events, competitors) in one transaction: either the whole data set is
 * there or none of it. Refuses to run twice (DemoAlreadySeededError); `admin` is not created.
 */
export async function seedDemo(db: Executor, options: SeedDemoOptions): Promise<DemoSeedSummary> {
  // Checked before building the plan (a few seconds of work) and again inside the transaction.
  if (await isDemoSeeded(db)) throw new DemoAlreadySeededError();
  const plan = buildDemoPlan(options.random ?? DEMO_DEFAULT_SEED);
  const payments = await db.transaction(async (tx) => {
    if (await isDemoSeeded(tx)) throw new DemoAlreadySeededError();
    const hq = await tx.first<{ id: number }>(sql`SELECT id FROM org_units WHERE code = 'HQ'`);
    if (!hq) throw new Error('org unit HQ is missing: run the migrations first');

    // Parents before children: one statement per level, each after the level above it.
    const orgIds = new Map<string, number>([['HQ', hq.id]]);
    const orgId = (code: string) => lookup(orgIds, code, 'org unit');
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
    const userId = (username: string | null) => (username === null ? null : lookup(userIds, username, 'user'));
    await insertRows<{ user: string; role: string }>(
      tx,
      'user_roles',
      [
        { name: 'user_id', type: 'bigint', value: (grant) => userId(grant.user) },
        { name: 'role_code', type: 'text', value: (grant) => grant.role },
      ],
      plan.users.flatMap((user) => user.roles.map((role) => ({ user: user.username, role }))),
    );

    return withoutForeignKeys(tx, BULK_TABLES, async () => {
      // Groups before their member units, which refer to them.
      const customerIds = new Map<string, number>();
      const customerId = (customerNo: string) => lookup(customerIds, customerNo, 'customer');
      const customerColumns: readonly Column<PlannedCustomer>[] = [
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
        { name: 'parent_customer_id', type: 'bigint', value: (c) => (c.parentCustomerNo === null ? null : customerId(c.parentCustomerNo)) },
        { name: 'archive', type: 'text', value: (c) => c.archive },
        { name: 'retained_reason', type: 'text', value: (c) => c.retainedReason },
        { name: 'retained_competitor', type: 'text', value: (c) => c.retainedCompetitor },
        { name: 'retained_note', type: 'text', value: (c) => c.retainedNote },
        { name: 'retained_at', type: 'timestamptz', value: (c) => c.retainedAt },
        { name: 'segment', type: 'text', value: (c) => c.segment },
        { name: 'gender', type: 'text', value: (c) => c.gender },
        { name: 'birthday', type: 'date', value: (c) => c.birthday },
        { name: 'email', type: 'text', value: (c) => c.email },
        { name: 'employer', type: 'text', value: (c) => c.employer },
        { name: 'title', type: 'text', value: (c) => c.title },
        { name: 'brand', type: 'text', value: (c) => c.brand },
        { name: 'uscc', type: 'text', value: (c) => c.uscc },
        { name: 'industry', type: 'text', value: (c) => c.industry },
        { name: 'group_class', type: 'text', value: (c) => c.groupClass },
        { name: 'staff_count', type: 'integer', value: (c) => c.staffCount },
        { name: 'relationship_stage', type: 'text', value: (c) => c.relationshipStage },
        { name: 'grade_valid_from', type: 'date', value: (c) => c.gradeValidFrom },
        { name: 'grade_valid_to', type: 'date', value: (c) => c.gradeValidTo },
        { name: 'credit_score', type: 'smallint', value: (c) => c.creditScore },
        { name: 'credit_limit_fen', type: 'bigint', value: (c) => c.creditLimitFen },
        { name: 'temp_credit_fen', type: 'bigint', value: (c) => c.tempCreditFen },
        { name: 'temp_credit_until', type: 'date', value: (c) => c.tempCreditUntil },
        { name: 'non_credit_control', type: 'boolean', value: (c) => String(c.nonCreditControl) },
        { name: 'points_balance', type: 'bigint', value: (c) => c.pointsBalance },
        { name: 'preferred_channel', type: 'text', value: (c) => c.preferredChannel },
        { name: 'do_not_disturb', type: 'boolean', value: (c) => String(c.doNotDisturb) },
        { name: 'marketing_consent', type: 'boolean', value: (c) => String(c.marketingConsent) },
      ];
      for (const units of [false, true]) {
        const inserted = await insertRows<PlannedCustomer, { id: number; customerNo: string }>(
          tx,
          'customers',
          customerColumns,
          plan.customers.filter((c) => (c.parentCustomerNo !== null) === units),
          sql`id, customer_no AS "customerNo"`,
        );
        for (const row of inserted) customerIds.set(row.customerNo, row.id);
      }

      await insertRows<PlannedAssistingManager>(
        tx,
        'customer_managers',
        [
          { name: 'customer_id', type: 'bigint', value: (m) => customerId(m.customerNo) },
          { name: 'user_id', type: 'bigint', value: (m) => userId(m.username) },
          { name: 'since', type: 'date', value: (m) => m.since },
        ],
        plan.assistingManagers,
      );
      await insertRows<PlannedContact>(
        tx,
        'customer_contacts',
        [
          { name: 'customer_id', type: 'bigint', value: (c) => customerId(c.customerNo) },
          { name: 'name', type: 'text', value: (c) => c.name },
          { name: 'role', type: 'text', value: (c) => c.role },
          { name: 'title', type: 'text', value: (c) => c.title },
          { name: 'phone', type: 'text', value: (c) => c.phone },
          { name: 'email', type: 'text', value: (c) => c.email },
          { name: 'influence', type: 'smallint', value: (c) => c.influence },
          { name: 'preferences', type: 'text', value: (c) => c.preferences },
          { name: 'birthday', type: 'date', value: (c) => c.birthday },
        ],
        plan.contacts,
      );
      await insertRows<PlannedEvent>(
        tx,
        'customer_events',
        [
          { name: 'customer_id', type: 'bigint', value: (e) => customerId(e.customerNo) },
          { name: 'occurred_on', type: 'date', value: (e) => e.occurredOn },
          { name: 'kind', type: 'text', value: (e) => e.kind },
          { name: 'title', type: 'text', value: (e) => e.title },
          { name: 'note', type: 'text', value: (e) => e.note },
          { name: 'created_by', type: 'bigint', value: (e) => userId(e.createdBy) },
        ],
        plan.events,
      );
      await insertRows<PlannedCompetitor>(
        tx,
        'customer_competitors',
        [
          { name: 'customer_id', type: 'bigint', value: (c) => customerId(c.customerNo) },
          { name: 'competitor', type: 'text', value: (c) => c.competitor },
          { name: 'products', type: 'text', value: (c) => c.products },
          { name: 'contract_end_on', type: 'date', value: (c) => c.contractEndOn },
          { name: 'share_of_wallet', type: 'smallint', value: (c) => c.shareOfWallet },
          { name: 'monthly_spend_fen', type: 'bigint', value: (c) => c.monthlySpendFen },
          { name: 'note', type: 'text', value: (c) => c.note },
        ],
        plan.competitors,
      );

      const lines = await insertRows<PlannedLine, { id: number; lineNo: string }>(
        tx,
        'lines',
        [
          { name: 'line_no', type: 'text', value: (l) => l.lineNo },
          { name: 'customer_id', type: 'bigint', value: (l) => customerId(l.customerNo) },
          { name: 'type', type: 'text', value: (l) => l.type },
          { name: 'package', type: 'text', value: (l) => l.package },
          { name: 'brand', type: 'text', value: (l) => l.brand },
          { name: 'status', type: 'text', value: (l) => l.status },
          { name: 'activated_on', type: 'date', value: (l) => l.activatedOn },
          { name: 'owner_name', type: 'text', value: (l) => l.ownerName },
          { name: 'holder_name', type: 'text', value: (l) => l.holderName },
          { name: 'a_end', type: 'text', value: (l) => l.aEnd },
          { name: 'b_end', type: 'text', value: (l) => l.bEnd },
          { name: 'bandwidth', type: 'text', value: (l) => l.bandwidth },
          { name: 'sla_tier', type: 'text', value: (l) => l.slaTier },
        ],
        plan.lines,
        sql`id, line_no AS "lineNo"`,
      );
      const lineIds = new Map(lines.map((row) => [row.lineNo, row.id]));
      await insertRows<PlannedSuspension>(
        tx,
        'suspensions',
        [
          { name: 'line_id', type: 'bigint', value: (s) => lookup(lineIds, s.lineNo, 'line') },
          { name: 'kind', type: 'text', value: (s) => s.kind },
          { name: 'suspended_at', type: 'timestamptz', value: (s) => s.suspendedAt },
          { name: 'restored_at', type: 'timestamptz', value: (s) => s.restoredAt },
          { name: 'reminded_at', type: 'timestamptz', value: (s) => s.remindedAt },
          { name: 'reminded_by', type: 'bigint', value: (s) => userId(s.remindedBy) },
          { name: 'reminder_channel', type: 'text', value: (s) => s.reminderChannel },
        ],
        plan.suspensions,
      );

      const displayNames = new Map(plan.users.map((user) => [user.username, user.displayName]));
      const calendar = await loadBusinessCalendar(tx);
      await insertServiceQuality(
        tx,
        plan.serviceQuality,
        { customerId, userId: (username) => userId(username)!, orgId, displayName: (username) => lookup(displayNames, username, 'user') },
        calendar.version,
      );

      const ids = plan.customers.map((c) => customerId(c.customerNo));
      await insertBills(tx, plan, ids);
      // The demo's points balances as opening ledger rows, so a balance is always the sum of its ledger.
      await tx.run(sql`
        INSERT INTO points_ledger (customer_id, kind, points, expires_on, reason, created_by)
        SELECT id, 'adjustment', points_balance, make_date(extract(year FROM now())::int + 1, 12, 31), 'opening balance', 'demo'
        FROM customers WHERE points_balance > 0 AND id = ANY(${sql.param(ids)}::bigint[])`);
      // The demo's key accounts hold their grade's benefits, as the re-grade that set the grade would have granted.
      await syncCustomerBenefits(tx, sql`c.id = ANY(${sql.param(ids)}::bigint[])`, null);
      // The billing system's payment feed for the last DEMO_PAYMENT_MONTHS months: one payment
      // per bill with money paid on it. Older bills keep their paid amount and date only.
      const demoCustomers = sql`unnest(${sql.param(ids)}::bigint[]) AS demo(id)`;
      const since = billMonth(DEMO_BILL_MONTHS - DEMO_PAYMENT_MONTHS).iso;
      return tx.run(sql`
        INSERT INTO payments (customer_id, month, amount_fen, paid_on)
        SELECT b.customer_id, b.month, b.paid_fen, b.paid_on FROM bills b JOIN ${demoCustomers} ON demo.id = b.customer_id
        WHERE b.paid_fen > 0 AND b.month >= ${since}::date ORDER BY b.customer_id, b.month`);
    });
  });
  return summarize(plan, payments);
}

const BILL_BATCH_ROWS = 40_000;

/** Tables loaded with their foreign keys dropped and re-checked at the end (withoutForeignKeys). */
const BULK_TABLES = [
  'customers',
  'customer_managers',
  'customer_contacts',
  'customer_events',
  'customer_competitors',
  'lines',
  'bills',
  'payments',
  'suspensions',
  ...SERVICE_QUALITY_TABLES,
];

/** Bills in key order (customer id, month), which keeps the primary-key index cheap to fill. */
async function insertBills(tx: Executor, plan: DemoPlan, ids: readonly number[]): Promise<void> {
  const bills = plan.bills;
  const firstRow = new Int32Array(plan.customers.length).fill(-1);
  const rowCount = new Int32Array(plan.customers.length);
  for (let row = 0; row < bills.customer.length; row += 1) {
    const customer = bills.customer[row]!;
    if (firstRow[customer] === -1) firstRow[customer] = row;
    rowCount[customer] = rowCount[customer]! + 1;
  }
  const order = plan.customers.map((_, index) => index).sort((a, b) => ids[a]! - ids[b]!);
  const months = Array.from({ length: DEMO_BILL_MONTHS }, (_, k) => billMonth(k).iso);
  const dates = new Map<number, string>();
  const dateOf = (day: number) => {
    let iso = dates.get(day);
    if (iso === undefined) {
      iso = isoOfDay(day);
      dates.set(day, iso);
    }
    return iso;
  };
  let batch = { customer: [] as number[], month: [] as string[], amount: [] as number[], paid: [] as number[], paidOn: [] as (string | null)[] };
  const flush = async () => {
    if (batch.customer.length === 0) return;
    await tx.run(sql`INSERT INTO bills (customer_id, month, amount_fen, paid_fen, paid_on)
      SELECT * FROM unnest(${sql.param(batch.customer)}::bigint[], ${sql.param(batch.month)}::date[], ${sql.param(batch.amount)}::bigint[],
        ${sql.param(batch.paid)}::bigint[], ${sql.param(batch.paidOn)}::date[])`);
    batch = { customer: [], month: [], amount: [], paid: [], paidOn: [] };
  };
  for (const customer of order) {
    const start = firstRow[customer]!;
    for (let row = start; start >= 0 && row < start + rowCount[customer]!; row += 1) {
      batch.customer.push(ids[customer]!);
      batch.month.push(months[bills.month[row]!]!);
      batch.amount.push(bills.amountFen[row]!);
      batch.paid.push(bills.paidFen[row]!);
      batch.paidOn.push(bills.paidOn[row]! < 0 ? null : dateOf(bills.paidOn[row]!));
    }
    if (batch.customer.length >= BILL_BATCH_ROWS) await flush();
  }
  await flush();
}
