import type { z } from 'zod';
import type { BillPoint, CompetitorSchema, ContactSchema, CustomerDetailSchema, CustomerSchema } from '@patron/contracts';
import type { CustomerRecord } from '@patron/db';
import type { Customer360 } from '@patron/db/repositories/customer-360.repository';
import type { CompetitorRow, ContactRow } from '@patron/db/repositories/customer-relation.repository';
import { isPiiField, maskPiiValue, maskRecord, PII_FIELDS, type AccessContext, type PiiField } from '@patron/domain';
import { formatFen } from '@patron/domain/money';

type CustomerJson = z.input<typeof CustomerSchema>;
type DetailJson = z.input<typeof CustomerDetailSchema>;

export const CUSTOMER_PII: readonly PiiField[] = PII_FIELDS;
/** A contact is a person: their phone, e-mail and birthday follow the customer's field policy. */
const CONTACT_PII: readonly PiiField[] = ['phone', 'email', 'birthday'];

const unmasked = (access: Pick<AccessContext, 'unmaskedFields'>) => access.unmaskedFields as ReadonlySet<PiiField>;
const yuan = (fen: number | null) => (fen === null ? null : formatFen(fen));

/** Masks every PII field the caller's field policy does not show in full. */
export function maskCustomer(record: CustomerRecord, access: Pick<AccessContext, 'unmaskedFields'>): CustomerRecord {
  return maskRecord(record, CUSTOMER_PII, unmasked(access));
}

export function toCustomerJson(record: CustomerRecord, access: AccessContext): CustomerJson {
  const { creditLimitFen, tempCreditFen, arrearsFen, ...rest } = maskCustomer(record, access);
  return { ...rest, creditLimit: yuan(creditLimitFen), tempCredit: yuan(tempCreditFen), arrears: formatFen(arrearsFen) };
}

export function toContactJson(row: ContactRow, access: AccessContext): z.input<typeof ContactSchema> {
  return maskRecord(row, CONTACT_PII, unmasked(access));
}

export function toCompetitorJson(row: CompetitorRow): z.input<typeof CompetitorSchema> {
  const { monthlySpendFen, ...rest } = row;
  return { ...rest, monthlySpend: yuan(monthlySpendFen) };
}

/** Line numbers are mostly mobile numbers: they follow the phone field's policy. */
export function maskLineNo(lineNo: string, access: AccessContext): string {
  return unmasked(access).has('phone') ? lineNo : maskPiiValue('phone', lineNo);
}

/**
 * History and audit entries carry before/after values of changed fields; PII among them gets the
 * same mask as the field itself, or the history would be a way round the field policy.
 */
export function maskChanges(value: unknown, visible: ReadonlySet<PiiField>): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record).filter(isPiiField);
  return fields.length === 0 ? value : maskRecord(record as { [F in PiiField]?: string | null }, fields, visible);
}

/** Audit entries keep PII masked for everyone: reading the audit log must not be a way to unmask. */
export const maskForAudit = (value: unknown) => maskChanges(value, new Set());

/**
 * 'YYYY-MM' of `now` in the business zone. Asia/Shanghai has had no daylight saving since 1991,
 * so a fixed +8 h offset is exact and needs no time-zone database.
 */
export function businessMonth(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthText = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Whole months from `from` ('YYYY-MM…') to `to` ('YYYY-MM'): a bill of September is 2 months old in November. */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

/**
 * Twelve consecutive months ending with the latest bill, so a chart's x-axis has no holes; a month
 * with no bill shows zero. Anchored on the latest bill rather than on today because billing runs a
 * month behind, and a retained customer's last year of bills is still worth seeing.
 */
export function billSeries(bills: Customer360['bills'], months: number): z.input<typeof BillPoint>[] {
  const last = bills.at(-1);
  if (!last) return [];
  const byMonth = new Map(bills.map((bill) => [bill.month.slice(0, 7), bill]));
  const end = monthIndex(last.month);
  return Array.from({ length: months }, (_, i) => {
    const month = monthText(end - months + 1 + i);
    const bill = byMonth.get(month);
    return { month, amount: formatFen(bill?.amountFen ?? 0), paid: formatFen(bill?.paidFen ?? 0) };
  });
}

export function toCustomerDetailJson(view: Customer360, access: AccessContext, now: Date, billMonths: number): DetailJson {
  const manager = (role: 'lead' | 'phone') => {
    const found = view.managers.find((row) => row.role === role);
    return found ? { username: found.username, displayName: found.displayName, phone: found.phone, orgUnit: found.orgUnit } : null;
  };
  const visible = unmasked(access);
  const { oldestMonth } = view.unpaid;
  const parent = view.customer.parentCustomerId;
  return {
    ...toCustomerJson(view.customer, access),
    managers: {
      lead: manager('lead'),
      phoneManager: manager('phone'),
      assisting: view.managers
        .filter((row) => row.role === 'assisting')
        .map(({ username, displayName, phone, orgUnit, since }) => ({ username, displayName, phone, orgUnit, since })),
    },
    lines: view.lines.map((line) => ({ ...line, lineNo: maskLineNo(line.lineNo, access) })),
    lineCount: view.lineCount,
    bills: billSeries(view.bills, billMonths),
    arrearsSummary: {
      amount: formatFen(view.unpaid.amountFen),
      unpaidBills: view.unpaid.unpaidBills,
      oldestMonth: oldestMonth ? oldestMonth.slice(0, 7) : null,
      oldestAgeMonths: oldestMonth ? Math.max(0, monthsBetween(oldestMonth, businessMonth(now))) : null,
    },
    suspensions: view.suspensions.map((row) => ({ ...row, lineNo: maskLineNo(row.lineNo, access) })),
    contacts: view.contacts.map((row) => toContactJson(row, access)),
    events: view.events,
    competitors: view.competitors.map(toCompetitorJson),
    parentGroup:
      parent === null
        ? null
        : { id: parent, customerNo: view.customer.parentCustomerNo ?? '', name: view.customer.parentCustomerName ?? '' },
    memberUnits: view.memberUnits,
    openWorkOrders: [],
    openComplaints: [],
    history: view.history.map((entry) => ({
      ...entry,
      before: maskChanges(entry.before, visible),
      after: maskChanges(entry.after, visible),
    })),
  };
}
