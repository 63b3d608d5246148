import { sql } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';
import { findCustomer, type CustomerArchive, type CustomerGrade, type CustomerKind, type CustomerRecord } from './customer.repository';
import { listCustomerRelation, CONTACTS, COMPETITORS, EVENTS, type ContactRow, type CompetitorRow, type EventRow } from './customer-relation.repository';
import { customerScope } from './scope';

/** Lines listed in the 360 view; all are counted. A large group's circuits are browsed elsewhere, paged. */
export const LINE_LIMIT = 2000;
export const BILL_MONTHS = 12;
export const HISTORY_LIMIT = 50;
const SUSPENSION_LIMIT = 200;

export interface ManagerRow {
  role: 'lead' | 'phone' | 'assisting';
  username: string;
  displayName: string;
  phone: string | null;
  orgUnit: string;
  since: string | null;
}

export interface LineRow {
  id: number;
  lineNo: string;
  type: 'mobile' | 'fixed' | 'broadband' | 'circuit' | 'iot';
  package: string | null;
  brand: string | null;
  status: 'normal' | 'suspended' | 'pre_cancelled' | 'cancelled';
  activatedOn: string | null;
  ownerName: string | null;
  holderName: string | null;
  aEnd: string | null;
  bEnd: string | null;
  bandwidth: string | null;
  slaTier: 'urgent' | 'expedited' | 'normal' | null;
}

export interface BillRow {
  /** 'YYYY-MM-DD', the first of the month. */
  month: string;
  amountFen: number;
  paidFen: number;
}

export interface SuspensionRow {
  id: number;
  lineId: number;
  lineNo: string;
  kind: 'arrears' | 'request' | 'loss' | 'administrative';
  suspendedAt: Date;
  restoredAt: Date | null;
  remindedAt: Date | null;
  reminderChannel: string | null;
}

export interface MemberUnitRow {
  id: number;
  customerNo: string;
  name: string;
  kind: CustomerKind;
  grade: CustomerGrade;
  orgUnit: string;
  accountManager: string | null;
  archive: CustomerArchive;
}

export interface HistoryRow {
  id: number;
  changedAt: Date;
  actorName: string | null;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface Customer360 {
  customer: CustomerRecord;
  managers: ManagerRow[];
  lines: LineRow[];
  lineCount: number;
  /** The latest BILL_MONTHS bills, oldest first; gaps are the caller's to fill. */
  bills: BillRow[];
  unpaid: { amountFen: number; unpaidBills: number; oldestMonth: string | null };
  suspensions: SuspensionRow[];
  contacts: ContactRow[];
  events: EventRow[];
  competitors: CompetitorRow[];
  memberUnits: MemberUnitRow[];
  history: HistoryRow[];
}

/**
 * Everything the customer page shows, in one round of independent queries sent together. Each
 * query joins the customer and ANDs the caller's scope itself rather than trusting the profile
 * query's answer, so no section can show data of a customer the caller cannot see.
 * `since` bounds the suspensions (the caller passes now minus twelve months).
 */
export async function findCustomer360(db: Executor, ctx: AccessContext, id: number, since: Date): Promise<Customer360 | undefined> {
  const scoped = sql`c.id = ${id} AND ${customerScope(ctx)}`;
  const [customer, managers, lines, bills, unpaid, suspensions, contacts, events, competitors, memberUnits, history] = await Promise.all([
    findCustomer(db, ctx, id),
    db.rows<ManagerRow>(sql`
      SELECT m.role, u.username, u.display_name AS "displayName", u.phone, uo.code AS "orgUnit", m.since
      FROM customers c
      CROSS JOIN LATERAL (
        SELECT 'lead' AS role, c.account_manager_id AS user_id, NULL::date AS since
        UNION ALL SELECT 'phone', c.phone_manager_id, NULL::date
        UNION ALL SELECT 'assisting', cm.user_id, cm.since FROM customer_managers cm WHERE cm.customer_id = c.id
      ) m
      JOIN users u ON u.id = m.user_id JOIN org_units uo ON uo.id = u.org_unit_id
      WHERE ${scoped} ORDER BY m.role, u.username`),
    db.rows<LineRow & { total: number }>(sql`
      SELECT l.id, l.line_no AS "lineNo", l.type, l.package, l.brand, l.status, l.activated_on AS "activatedOn",
        l.owner_name AS "ownerName", l.holder_name AS "holderName", l.a_end AS "aEnd", l.b_end AS "bEnd",
        l.bandwidth, l.sla_tier AS "slaTier", count(*) OVER ()::int AS total
      FROM lines l JOIN customers c ON c.id = l.customer_id
      WHERE ${scoped} ORDER BY l.line_no LIMIT ${LINE_LIMIT}`),
    db.rows<BillRow>(sql`
      SELECT recent.month, recent."amountFen", recent."paidFen" FROM (
        SELECT b.month, b.amount_fen AS "amountFen", b.paid_fen AS "paidFen"
        FROM bills b JOIN customers c ON c.id = b.customer_id
        WHERE ${scoped} ORDER BY b.month DESC LIMIT ${BILL_MONTHS}
      ) recent ORDER BY recent.month`),
    db.first<Customer360['unpaid']>(sql`
      SELECT COALESCE(sum(b.amount_fen - b.paid_fen), 0)::bigint AS "amountFen", count(*)::int AS "unpaidBills",
        min(b.month) AS "oldestMonth"
      FROM bills b JOIN customers c ON c.id = b.customer_id
      WHERE ${scoped} AND b.paid_fen < b.amount_fen`),
    db.rows<SuspensionRow>(sql`
      SELECT s.id, l.id AS "lineId", l.line_no AS "lineNo", s.kind, s.suspended_at AS "suspendedAt", s.restored_at AS "restoredAt",
        s.reminded_at AS "remindedAt", s.reminder_channel AS "reminderChannel"
      FROM suspensions s JOIN lines l ON l.id = s.line_id JOIN customers c ON c.id = l.customer_id
      WHERE ${scoped} AND s.suspended_at >= ${since.toISOString()}
      ORDER BY s.suspended_at DESC LIMIT ${SUSPENSION_LIMIT}`),
    listCustomerRelation(db, ctx, CONTACTS, id),
    listCustomerRelation(db, ctx, EVENTS, id),
    listCustomerRelation(db, ctx, COMPETITORS, id),
    // Member units are customers in their own right: each must be in the caller's scope as well.
    db.rows<MemberUnitRow>(sql`
      SELECT m.id, m.customer_no AS "customerNo", m.name, m.kind, m.grade, mo.code AS "orgUnit",
        mam.username AS "accountManager", m.archive
      FROM customers c JOIN customers m ON m.parent_customer_id = c.id
      JOIN org_units mo ON mo.id = m.org_unit_id LEFT JOIN users mam ON mam.id = m.account_manager_id
      WHERE ${scoped} AND ${customerScope(ctx, 'm')} ORDER BY m.customer_no LIMIT 500`),
    db.rows<HistoryRow>(sql`
      SELECT h.id, h.changed_at AS "changedAt", h.actor_name AS "actorName", h.action, h.before, h.after, h.reason
      FROM customer_history h JOIN customers c ON c.id = h.customer_id
      WHERE ${scoped} ORDER BY h.changed_at DESC, h.id DESC LIMIT ${HISTORY_LIMIT}`),
  ]);
  if (!customer) return undefined;
  return {
    customer,
    managers,
    lines: lines.map(({ total: _total, ...line }) => line),
    lineCount: lines[0]?.total ?? 0,
    bills,
    unpaid: unpaid ?? { amountFen: 0, unpaidBills: 0, oldestMonth: null },
    suspensions,
    contacts,
    events,
    competitors,
    memberUnits,
    history,
  };
}

/** Every line number of one customer (already found in the caller's scope), by line id. */
export async function listLineNumbers(db: Executor, customerId: number): Promise<Record<string, string>> {
  const rows = await db.rows<{ id: number; lineNo: string }>(sql`SELECT id, line_no AS "lineNo" FROM lines WHERE customer_id = ${customerId}`);
  return Object.fromEntries(rows.map((row) => [String(row.id), row.lineNo]));
}
