import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { customerScope } from './scope';

/**
 * The records hanging off a customer that users keep by hand (contacts, key events, competitors)
 * share one shape: rows of one customer, listed, added, changed and removed. One description per
 * table drives the same five queries, each joined to the customer and ANDed with the caller's scope.
 */
export interface CustomerRelation<Row, Write> {
  readonly table: string;
  /** Columns of alias `x`, aliased to the row's camelCase names. */
  readonly select: SQL;
  readonly orderBy: SQL;
  /** Every writable key and its column; only these names ever reach the SQL. */
  readonly columns: { readonly [K in keyof Required<Write>]: string };
  /** Extra assignments on every update (a last-changed stamp). */
  readonly onUpdate?: SQL;
  readonly limit: number;
  /** Phantom: ties the description to its row type. */
  readonly row?: Row;
}

export interface ContactRow {
  id: number;
  name: string;
  role: 'leader' | 'key_person' | 'daily_contact' | 'finance' | 'it';
  title: string | null;
  phone: string | null;
  email: string | null;
  influence: number | null;
  preferences: string | null;
  birthday: string | null;
  createdAt: Date;
}
export type ContactWrite = Partial<Omit<ContactRow, 'id' | 'createdAt'>>;

export interface EventRow {
  id: number;
  occurredOn: string;
  kind: 'merger' | 'move' | 'tender' | 'anniversary' | 'leadership_change' | 'other';
  title: string;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
}
export type EventWrite = Partial<Omit<EventRow, 'id' | 'createdAt' | 'createdBy'>> & { createdById?: number };

export interface CompetitorRow {
  id: number;
  competitor: string;
  products: string | null;
  contractEndOn: string | null;
  shareOfWallet: number | null;
  monthlySpendFen: number | null;
  note: string | null;
  updatedAt: Date;
}
export type CompetitorWrite = Partial<Omit<CompetitorRow, 'id' | 'updatedAt'>>;

export const CONTACTS: CustomerRelation<ContactRow, ContactWrite> = {
  table: 'customer_contacts',
  select: sql`x.id, x.name, x.role, x.title, x.phone, x.email, x.influence, x.preferences, x.birthday, x.created_at AS "createdAt"`,
  // Leaders first, then by influence: the order an account manager calls them in.
  orderBy: sql`array_position(ARRAY['leader', 'key_person', 'daily_contact', 'finance', 'it'], x.role), x.influence DESC NULLS LAST, x.id`,
  columns: {
    name: 'name',
    role: 'role',
    title: 'title',
    phone: 'phone',
    email: 'email',
    influence: 'influence',
    preferences: 'preferences',
    birthday: 'birthday',
  },
  limit: 500,
};

export const EVENTS: CustomerRelation<EventRow, EventWrite> = {
  table: 'customer_events',
  select: sql`x.id, x.occurred_on AS "occurredOn", x.kind, x.title, x.note,
    (SELECT u.username FROM users u WHERE u.id = x.created_by) AS "createdBy", x.created_at AS "createdAt"`,
  orderBy: sql`x.occurred_on DESC, x.id DESC`,
  columns: { occurredOn: 'occurred_on', kind: 'kind', title: 'title', note: 'note', createdById: 'created_by' },
  limit: 200,
};

export const COMPETITORS: CustomerRelation<CompetitorRow, CompetitorWrite> = {
  table: 'customer_competitors',
  select: sql`x.id, x.competitor, x.products, x.contract_end_on AS "contractEndOn", x.share_of_wallet AS "shareOfWallet",
    x.monthly_spend_fen AS "monthlySpendFen", x.note, x.updated_at AS "updatedAt"`,
  orderBy: sql`x.contract_end_on ASC NULLS LAST, x.id`,
  columns: {
    competitor: 'competitor',
    products: 'products',
    contractEndOn: 'contract_end_on',
    shareOfWallet: 'share_of_wallet',
    monthlySpendFen: 'monthly_spend_fen',
    note: 'note',
  },
  onUpdate: sql`updated_at = now()`,
  limit: 200,
};

function entries<W>(relation: CustomerRelation<unknown, W>, values: W): [SQL, unknown][] {
  return (Object.keys(values as object) as (keyof W & string)[])
    .filter((key) => values[key] !== undefined)
    .map((key) => [sql.raw(relation.columns[key]), values[key]]);
}

export function listCustomerRelation<Row, Write>(
  db: Executor,
  ctx: AccessContext,
  relation: CustomerRelation<Row, Write>,
  customerId: number,
): Promise<Row[]> {
  return db.rows<Row>(sql`
    SELECT ${relation.select} FROM ${sql.raw(relation.table)} x JOIN customers c ON c.id = x.customer_id
    WHERE c.id = ${customerId} AND ${customerScope(ctx)} ORDER BY ${relation.orderBy} LIMIT ${relation.limit}`);
}

export function findCustomerRelation<Row, Write>(
  db: Executor,
  ctx: AccessContext,
  relation: CustomerRelation<Row, Write>,
  customerId: number,
  id: number,
): Promise<Row | undefined> {
  return db.first<Row>(sql`
    SELECT ${relation.select} FROM ${sql.raw(relation.table)} x JOIN customers c ON c.id = x.customer_id
    WHERE x.id = ${id} AND c.id = ${customerId} AND ${customerScope(ctx)}`);
}

/**
 * Adds a row to a customer the caller has already found (and locked) in scope in this transaction:
 * a plain VALUES insert lets PostgreSQL type every parameter from its column.
 */
export async function insertCustomerRelation<Row, Write>(
  tx: Executor,
  relation: CustomerRelation<Row, Write>,
  customerId: number,
  values: Write,
): Promise<number> {
  const pairs = entries(relation, values);
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO ${sql.raw(relation.table)} (customer_id, ${sql.join(
      pairs.map(([column]) => column),
      sql`, `,
    )})
    VALUES (${customerId}, ${sql.join(
      pairs.map(([, value]) => sql`${value}`),
      sql`, `,
    )}) RETURNING id`);
  return (row as { id: number }).id;
}

/** False when the row is not the customer's, or the customer is out of the caller's scope. */
export async function updateCustomerRelation<Row, Write>(
  tx: Executor,
  ctx: AccessContext,
  relation: CustomerRelation<Row, Write>,
  customerId: number,
  id: number,
  values: Write,
): Promise<boolean> {
  const sets = entries(relation, values).map(([column, value]) => sql`${column} = ${value}`);
  if (relation.onUpdate) sets.push(relation.onUpdate);
  if (sets.length === 0) return (await findCustomerRelation(tx, ctx, relation, customerId, id)) !== undefined;
  const changed = await tx.run(sql`
    UPDATE ${sql.raw(relation.table)} x SET ${sql.join(sets, sql`, `)} FROM customers c
    WHERE x.id = ${id} AND x.customer_id = ${customerId} AND c.id = x.customer_id AND ${customerScope(ctx)}`);
  return changed > 0;
}

export async function deleteCustomerRelation<Row, Write>(
  tx: Executor,
  ctx: AccessContext,
  relation: CustomerRelation<Row, Write>,
  customerId: number,
  id: number,
): Promise<boolean> {
  const changed = await tx.run(sql`
    DELETE FROM ${sql.raw(relation.table)} x USING customers c
    WHERE x.id = ${id} AND x.customer_id = ${customerId} AND c.id = x.customer_id AND ${customerScope(ctx)}`);
  return changed > 0;
}
