import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { likeContains, offsetOf, type Page, type PageRequest } from './paging';
import { customerAggregateScope, customerScope } from './scope';

export const CUSTOMER_GRADES = ['diamond', 'gold', 'silver', 'guest', 'none'] as const;
export type CustomerGrade = (typeof CUSTOMER_GRADES)[number];
export type CustomerKind = 'individual' | 'group';
export type CustomerArchive = 'in_network' | 'retained';
export type CustomerRetainedReason = 'demoted' | 'churned' | 'moved_away' | 'closed' | 'potential' | 'other';

/** A customer row as stored, PII unmasked and money in fen: serializers mask and format it for the caller. */
export interface CustomerRecord {
  id: number;
  customerNo: string;
  kind: CustomerKind;
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
  phoneManager: string | null;
  phoneManagerName: string | null;
  parentCustomerId: number | null;
  parentCustomerNo: string | null;
  parentCustomerName: string | null;
  archive: CustomerArchive;
  retainedReason: CustomerRetainedReason | null;
  retainedCompetitor: string | null;
  retainedNote: string | null;
  retainedAt: Date | null;
  segment: 'individual' | 'family' | 'group';
  gender: 'male' | 'female' | null;
  birthday: string | null;
  email: string | null;
  employer: string | null;
  title: string | null;
  brand: string | null;
  uscc: string | null;
  industry: string | null;
  groupClass: string | null;
  staffCount: number | null;
  relationshipStage: 'gestation' | 'initial' | 'middle' | 'strategic' | null;
  gradeValidFrom: string | null;
  gradeValidTo: string | null;
  creditScore: number | null;
  creditLimitFen: number | null;
  tempCreditFen: number | null;
  tempCreditUntil: string | null;
  nonCreditControl: boolean;
  pointsBalance: number;
  preferredChannel: string | null;
  doNotDisturb: boolean;
  marketingConsent: boolean;
  /** Billed and not yet paid, over all months. */
  arrearsFen: number;
  createdAt: Date;
  updatedAt: Date;
}

// A probe into the partial index of unpaid bills (migration 0005): cheap enough per listed row.
const ARREARS_FEN = sql`(SELECT COALESCE(sum(b.amount_fen - b.paid_fen), 0) FROM bills b
  WHERE b.customer_id = c.id AND b.paid_fen < b.amount_fen)::bigint`;

const columns = sql`c.id, c.customer_no AS "customerNo", c.kind, c.name, c.grade, c.star, c.phone,
  c.id_number AS "idNumber", c.address, o.code AS "orgUnit", o.name AS "orgUnitName",
  am.username AS "accountManager", am.display_name AS "accountManagerName", c.activated_on AS "activatedOn",
  pm.username AS "phoneManager", pm.display_name AS "phoneManagerName",
  p.id AS "parentCustomerId", p.customer_no AS "parentCustomerNo", p.name AS "parentCustomerName",
  c.archive, c.retained_reason AS "retainedReason", c.retained_competitor AS "retainedCompetitor",
  c.retained_note AS "retainedNote", c.retained_at AS "retainedAt", c.segment, c.gender, c.birthday, c.email,
  c.employer, c.title, c.brand, c.uscc, c.industry, c.group_class AS "groupClass", c.staff_count AS "staffCount",
  c.relationship_stage AS "relationshipStage", c.grade_valid_from AS "gradeValidFrom", c.grade_valid_to AS "gradeValidTo",
  c.credit_score AS "creditScore", c.credit_limit_fen AS "creditLimitFen", c.temp_credit_fen AS "tempCreditFen",
  c.temp_credit_until AS "tempCreditUntil", c.non_credit_control AS "nonCreditControl", (SELECT COALESCE(sum(pl.points), 0) FROM points_ledger pl WHERE pl.customer_id = c.id AND pl.status = 'counted')::bigint AS "pointsBalance",
  c.preferred_channel AS "preferredChannel", c.do_not_disturb AS "doNotDisturb", c.marketing_consent AS "marketingConsent",
  ${ARREARS_FEN} AS "arrearsFen",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
// The parent group is joined without the caller's scope on purpose: which group a member unit belongs
// to is part of the member's own record (number and company name, no personal data).
const decorations = sql`JOIN org_units o ON o.id = c.org_unit_id
  LEFT JOIN users am ON am.id = c.account_manager_id
  LEFT JOIN users pm ON pm.id = c.phone_manager_id
  LEFT JOIN customers p ON p.id = c.parent_customer_id`;
const from = sql`FROM customers c ${decorations}`;

export const CUSTOMER_SORT_KEYS = ['customerNo', 'name', 'grade', 'activatedOn', 'arrears'] as const;
export type CustomerSortKey = (typeof CUSTOMER_SORT_KEYS)[number];

// Names sort by pinyin (拼音序), the order Chinese users expect; grade by rank, diamond first.
const SORT_EXPRESSIONS: { readonly [K in CustomerSortKey]: SQL } = {
  customerNo: sql`c.customer_no`,
  name: sql`c.name_pinyin`,
  grade: sql.raw(`array_position(ARRAY[${CUSTOMER_GRADES.map((grade) => `'${grade}'`).join(', ')}], c.grade)`),
  activatedOn: sql`c.activated_on`,
  arrears: ARREARS_FEN,
};

export interface CustomerFilter {
  q?: string;
  grade?: CustomerGrade | readonly CustomerGrade[];
  star?: readonly number[];
  kind?: CustomerKind;
  /** Default in_network: the retained archive (ex-customers, prospects) is asked for on purpose. */
  archive?: CustomerArchive | 'all';
  /** The resolved path of an org unit: its whole subtree matches. */
  orgUnitPath?: string;
  /** A lead manager's user id, or 'none' for customers nobody leads yet (the "to assign" list). */
  manager?: number | 'none';
  /** true: with unpaid bills; false: without. */
  arrears?: boolean;
  activatedFrom?: string;
  activatedTo?: string;
  /** A sort key, '-' first for descending. */
  sort?: CustomerSortKey | `-${CustomerSortKey}`;
}

const orList = (items: SQL[]) => sql`(${sql.join(items, sql` OR `)})`;
const inList = (column: SQL, values: readonly (string | number)[]) =>
  sql`${column} IN (${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;

/** Pinyin keys are lower-case letters and digits only (see pinyinKeys), so typed spaces and dashes go. */
const PINYIN_QUERY = /^[a-z0-9]+$/;

function textMatch(q: string): SQL {
  const pattern = likeContains(q);
  const latin = q.toLowerCase().replace(/[\s'’·-]+/g, '');
  const byName = (alias: 'c' | 'p') => {
    const t = sql.raw(alias);
    const matches = [sql`${t}.name ILIKE ${pattern}`];
    if (PINYIN_QUERY.test(latin)) {
      const keys = likeContains(latin);
      matches.push(sql`${t}.name_initials LIKE ${keys}`, sql`${t}.name_pinyin LIKE ${keys}`);
    }
    return matches;
  };
  // A member unit matches when its group's name does: people search for the group they know.
  return orList([
    sql`c.customer_no = ${q}`,
    sql`c.phone = ${q}`,
    ...byName('c'),
    sql`c.parent_customer_id IN (SELECT p.id FROM customers p WHERE ${orList(byName('p'))})`,
  ]);
}

function filterConditions(ctx: AccessContext, filter: CustomerFilter): SQL[] {
  const conditions: SQL[] = [customerScope(ctx)];
  const archive = filter.archive ?? 'in_network';
  if (archive !== 'all') conditions.push(sql`c.archive = ${archive}`);
  const grades = typeof filter.grade === 'string' ? [filter.grade] : filter.grade;
  if (grades && grades.length > 0) conditions.push(inList(sql`c.grade`, grades));
  if (filter.star && filter.star.length > 0) conditions.push(inList(sql`c.star`, filter.star));
  if (filter.kind) conditions.push(sql`c.kind = ${filter.kind}`);
  if (filter.orgUnitPath) conditions.push(sql`c.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${filter.orgUnitPath + '%'})`);
  if (filter.manager === 'none') conditions.push(sql`c.account_manager_id IS NULL`);
  else if (filter.manager !== undefined) conditions.push(sql`c.account_manager_id = ${filter.manager}`);
  if (filter.arrears !== undefined) {
    const unpaid = sql`EXISTS (SELECT 1 FROM bills b WHERE b.customer_id = c.id AND b.paid_fen < b.amount_fen)`;
    conditions.push(filter.arrears ? unpaid : sql`NOT ${unpaid}`);
  }
  if (filter.activatedFrom) conditions.push(sql`c.activated_on >= ${filter.activatedFrom}`);
  if (filter.activatedTo) conditions.push(sql`c.activated_on <= ${filter.activatedTo}`);
  const q = filter.q?.trim();
  if (q) conditions.push(textMatch(q));
  return conditions;
}

function orderBy(sort: CustomerFilter['sort']): SQL {
  const descending = sort?.startsWith('-') ?? false;
  const key = (sort?.replace(/^-/, '') ?? 'customerNo') as CustomerSortKey;
  const direction = sql.raw(descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST');
  // customer_no is unique, so pages never overlap or skip rows whatever the sort.
  return key === 'customerNo'
    ? sql`c.customer_no ${direction}`
    : sql`${SORT_EXPRESSIONS[key]} ${direction}, ${key === 'name' ? sql`c.name, ` : sql``}c.customer_no`;
}

/**
 * Filters use the customers table alone (joins become subqueries), so the count reads no other table
 * and the page of ids is chosen before the names of org units, managers and groups are joined in:
 * joining first would decorate every row in scope only to keep twenty.
 */
export async function listCustomers(
  db: Executor,
  ctx: AccessContext,
  filter: CustomerFilter,
  paging: PageRequest,
): Promise<Page<CustomerRecord>> {
  const where = sql.join(filterConditions(ctx, filter), sql` AND `);
  const order = orderBy(filter.sort);
  const [items, count] = await Promise.all([
    db.rows<CustomerRecord>(sql`
      SELECT ${columns} FROM (
        SELECT c.id FROM customers c WHERE ${where} ORDER BY ${order} LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}
      ) page JOIN customers c ON c.id = page.id ${decorations}
      ORDER BY ${order}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total FROM customers c WHERE ${where}`),
  ]);
  return { items, total: count?.total ?? 0, ...paging };
}

/**
 * The same filtered, scoped list in customer-number order, `limit` rows after `afterCustomerNo`:
 * keyset paging for exports, which walk the whole list without OFFSET's rescans or a count.
 */
export function listCustomersAfter(
  db: Executor,
  ctx: AccessContext,
  filter: Omit<CustomerFilter, 'sort'>,
  afterCustomerNo: string | null,
  limit: number,
): Promise<CustomerRecord[]> {
  const conditions = filterConditions(ctx, filter);
  if (afterCustomerNo !== null) conditions.push(sql`c.customer_no > ${afterCustomerNo}`);
  return db.rows<CustomerRecord>(sql`
    SELECT ${columns} FROM (
      SELECT c.id FROM customers c WHERE ${sql.join(conditions, sql` AND `)} ORDER BY c.customer_no LIMIT ${limit}
    ) page JOIN customers c ON c.id = page.id ${decorations}
    ORDER BY c.customer_no`);
}

/** Undefined both when the customer does not exist and when it is outside the caller's scope. */
export function findCustomer(db: Executor, ctx: AccessContext, id: number): Promise<CustomerRecord | undefined> {
  return db.first<CustomerRecord>(sql`SELECT ${columns} ${from} WHERE c.id = ${id} AND ${customerScope(ctx)}`);
}

/**
 * findCustomer that also row-locks the customer until the transaction ends, so a read-check-write
 * (patch with history, archive, assignment) cannot interleave with another on the same customer.
 */
export function lockCustomer(tx: Executor, ctx: AccessContext, id: number): Promise<CustomerRecord | undefined> {
  return tx.first<CustomerRecord>(
    sql`SELECT ${columns} ${from} WHERE c.id = ${id} AND ${customerScope(ctx)} FOR UPDATE OF c`,
  );
}

export function findCustomerByNo(db: Executor, ctx: AccessContext, customerNo: string): Promise<CustomerRecord | undefined> {
  return db.first<CustomerRecord>(sql`SELECT ${columns} ${from} WHERE c.customer_no = ${customerNo} AND ${customerScope(ctx)}`);
}

/**
 * True when `candidateId` is `customerId` itself or one of its member units at any depth (walking up
 * from the candidate reaches the customer): making the candidate the customer's group would make a cycle.
 */
export async function isSelfOrDescendant(db: Executor, candidateId: number, customerId: number): Promise<boolean> {
  const row = await db.first(sql`
    WITH RECURSIVE up (id, parent_id, depth) AS (
      SELECT id, parent_customer_id, 0 FROM customers WHERE id = ${candidateId}
      UNION ALL SELECT c.id, c.parent_customer_id, up.depth + 1 FROM customers c JOIN up ON c.id = up.parent_id WHERE up.depth < 50
    )
    SELECT 1 AS found FROM up WHERE id = ${customerId} LIMIT 1`);
  return row !== undefined;
}

/** Column values as stored; the keys are what routes and imports set, each mapped to exactly one column. */
export interface CustomerWrite {
  customerNo?: string;
  kind?: CustomerKind;
  name?: string;
  namePinyin?: string;
  nameInitials?: string;
  grade?: CustomerGrade;
  star?: number | null;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  orgUnitId?: number;
  accountManagerId?: number | null;
  phoneManagerId?: number | null;
  parentCustomerId?: number | null;
  activatedOn?: string | null;
  archive?: CustomerArchive;
  retainedReason?: CustomerRetainedReason | null;
  retainedCompetitor?: string | null;
  retainedNote?: string | null;
  retainedAt?: Date | null;
  segment?: 'individual' | 'family' | 'group';
  gender?: 'male' | 'female' | null;
  birthday?: string | null;
  email?: string | null;
  employer?: string | null;
  title?: string | null;
  brand?: string | null;
  uscc?: string | null;
  industry?: string | null;
  groupClass?: string | null;
  staffCount?: number | null;
  relationshipStage?: 'gestation' | 'initial' | 'middle' | 'strategic' | null;
  gradeValidFrom?: string | null;
  gradeValidTo?: string | null;
  creditScore?: number | null;
  creditLimitFen?: number | null;
  tempCreditFen?: number | null;
  tempCreditUntil?: string | null;
  nonCreditControl?: boolean;
  pointsBalance?: number;
  preferredChannel?: string | null;
  doNotDisturb?: boolean;
  marketingConsent?: boolean;
}

// Every key must name its column (a mapped type over CustomerWrite), so a new field cannot be forgotten
// here, and no caller-supplied text ever reaches the SQL as an identifier.
const WRITE_COLUMNS: { readonly [K in keyof Required<CustomerWrite>]: string } = {
  customerNo: 'customer_no',
  kind: 'kind',
  name: 'name',
  namePinyin: 'name_pinyin',
  nameInitials: 'name_initials',
  grade: 'grade',
  star: 'star',
  phone: 'phone',
  idNumber: 'id_number',
  address: 'address',
  orgUnitId: 'org_unit_id',
  accountManagerId: 'account_manager_id',
  phoneManagerId: 'phone_manager_id',
  parentCustomerId: 'parent_customer_id',
  activatedOn: 'activated_on',
  archive: 'archive',
  retainedReason: 'retained_reason',
  retainedCompetitor: 'retained_competitor',
  retainedNote: 'retained_note',
  retainedAt: 'retained_at',
  segment: 'segment',
  gender: 'gender',
  birthday: 'birthday',
  email: 'email',
  employer: 'employer',
  title: 'title',
  brand: 'brand',
  uscc: 'uscc',
  industry: 'industry',
  groupClass: 'group_class',
  staffCount: 'staff_count',
  relationshipStage: 'relationship_stage',
  gradeValidFrom: 'grade_valid_from',
  gradeValidTo: 'grade_valid_to',
  creditScore: 'credit_score',
  creditLimitFen: 'credit_limit_fen',
  tempCreditFen: 'temp_credit_fen',
  tempCreditUntil: 'temp_credit_until',
  nonCreditControl: 'non_credit_control',
  pointsBalance: 'points_balance',
  preferredChannel: 'preferred_channel',
  doNotDisturb: 'do_not_disturb',
  marketingConsent: 'marketing_consent',
};

function writeEntries(values: CustomerWrite): [column: SQL, value: unknown][] {
  return (Object.keys(values) as (keyof CustomerWrite)[])
    .filter((key) => values[key] !== undefined)
    .map((key) => {
      const value = values[key];
      // Timestamps travel as ISO text so both drivers bind them the same way.
      return [sql.raw(WRITE_COLUMNS[key]), value instanceof Date ? value.toISOString() : value];
    });
}

/**
 * Inserts a customer; the caller has checked the org unit and managers against its own reach.
 * Undefined when the customer number is taken (by any customer, in scope or not: numbers are unique
 * across the operator). ON CONFLICT rather than a look-up first: two requests racing for one number
 * get one customer and one clean refusal, not a unique-violation error midway through a transaction.
 */
export async function insertCustomer(
  tx: Executor,
  values: CustomerWrite & Required<Pick<CustomerWrite, 'customerNo' | 'kind' | 'name' | 'orgUnitId'>>,
): Promise<number | undefined> {
  const entries = writeEntries(values);
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO customers (${sql.join(
      entries.map(([column]) => column),
      sql`, `,
    )})
    VALUES (${sql.join(
      entries.map(([, value]) => sql`${value}`),
      sql`, `,
    )}) ON CONFLICT (customer_no) DO NOTHING RETURNING id`);
  return row?.id;
}

/** Updates a customer in the caller's scope; false when it is not there (or out of reach). */
export async function updateCustomer(tx: Executor, ctx: AccessContext, id: number, values: CustomerWrite): Promise<boolean> {
  const entries = writeEntries(values);
  if (entries.length === 0) return (await tx.first(sql`SELECT 1 AS found FROM customers c WHERE c.id = ${id} AND ${customerScope(ctx)}`)) !== undefined;
  const sets = entries.map(([column, value]) => sql`${column} = ${value}`);
  const changed = await tx.run(sql`
    UPDATE customers c SET ${sql.join([...sets, sql`updated_at = now()`], sql`, `)}
    WHERE c.id = ${id} AND ${customerScope(ctx)}`);
  return changed > 0;
}

export interface CustomerHistoryInput {
  customerId: number;
  actorId: number | null;
  actorName: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Appends to the customer's change history; call inside the transaction that makes the change. */
export async function appendCustomerHistory(tx: Executor, entries: readonly CustomerHistoryInput[]): Promise<void> {
  if (entries.length === 0) return;
  // One statement for any number of rows: bulk assignment writes one entry per customer.
  await tx.run(sql`
    INSERT INTO customer_history (customer_id, actor_id, actor_name, action, before, after, reason)
    SELECT * FROM unnest(
      ${sql.param(entries.map((entry) => entry.customerId))}::bigint[],
      ${sql.param(entries.map((entry) => entry.actorId))}::bigint[],
      ${sql.param(entries.map((entry) => entry.actorName))}::text[],
      ${sql.param(entries.map((entry) => entry.action))}::text[],
      ${sql.param(entries.map((entry) => json(entry.before)))}::jsonb[],
      ${sql.param(entries.map((entry) => json(entry.after)))}::jsonb[],
      ${sql.param(entries.map((entry) => entry.reason ?? null))}::text[])`);
}

export interface CustomerSummary {
  total: number;
  byGrade: Record<CustomerGrade, number>;
  byOrgUnit: { orgUnit: string; orgUnitName: string; total: number; vip: number; guest: number }[];
}

/** Counts the in-network archive only: retained records are ex-customers and prospects, not key accounts. */
export async function summarizeCustomers(db: Executor, ctx: AccessContext): Promise<CustomerSummary> {
  const scope = sql`${customerAggregateScope(ctx)} AND c.archive = 'in_network'`;
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

/**
 * A window of the scoped, filtered list at any offset (TMF paging is offset/limit, not pages), in
 * customer-number order, with equality filters on numbers and names.
 */
export async function listCustomerWindow(
  db: Executor,
  ctx: AccessContext,
  filter: CustomerFilter & { customerNos?: readonly string[]; names?: readonly string[] },
  window: { offset: number; limit: number },
): Promise<{ items: CustomerRecord[]; total: number }> {
  const conditions = filterConditions(ctx, filter);
  if (filter.customerNos) conditions.push(inList(sql`c.customer_no`, filter.customerNos));
  if (filter.names) conditions.push(inList(sql`c.name`, filter.names));
  const where = sql.join(conditions, sql` AND `);
  const order = orderBy(filter.sort);
  const [items, count] = await Promise.all([
    db.rows<CustomerRecord>(sql`
      SELECT ${columns} FROM (
        SELECT c.id FROM customers c WHERE ${where} ORDER BY ${order} LIMIT ${window.limit} OFFSET ${window.offset}
      ) page JOIN customers c ON c.id = page.id ${decorations}
      ORDER BY ${order}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total FROM customers c WHERE ${where}`),
  ]);
  return { items, total: count?.total ?? 0 };
}
