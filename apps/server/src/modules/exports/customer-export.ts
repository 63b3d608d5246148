import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CustomerFilterValue } from '@patron/contracts';
import { appendAudit, listCustomersAfter, type CustomerFilter, type CustomerRecord, type Executor } from '@patron/db';
import { isPiiField, maskRecord, PII_FIELDS, SENSITIVE_PII_FIELDS, type AccessContext, type PiiField } from '@patron/domain';
import { formatFen } from '@patron/domain/money';
import { managerId, orgUnitPath } from '../customers/customer-references';
import { csvLine, escapeFormula, UTF8_BOM, writeText } from './csv-text';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_CONTENT_TYPES: { readonly [F in ExportFormat]: string } = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Cell = string | number | null;

/**
 * The customers import format's columns first (an export by a role that sees PII in full re-imports
 * as is), then what people read but imports ignore. Each column takes the masked record.
 */
export const CUSTOMER_EXPORT_COLUMNS: readonly [header: string, value: (record: CustomerRecord) => Cell][] = [
  ['customer_no', (r) => r.customerNo],
  ['kind', (r) => r.kind],
  ['name', (r) => r.name],
  ['grade', (r) => r.grade],
  ['star', (r) => r.star],
  ['id_number', (r) => r.idNumber],
  ['uscc', (r) => r.uscc],
  ['phone', (r) => r.phone],
  ['birthday', (r) => r.birthday],
  ['org_unit', (r) => r.orgUnit],
  ['account_manager', (r) => r.accountManager],
  ['parent_customer_no', (r) => r.parentCustomerNo],
  ['activated_on', (r) => r.activatedOn],
  ['org_unit_name', (r) => r.orgUnitName],
  ['account_manager_name', (r) => r.accountManagerName],
  ['archive', (r) => r.archive],
  ['address', (r) => r.address],
  ['email', (r) => r.email],
  ['arrears', (r) => formatFen(r.arrearsFen)],
];

/** Columns an export adds beyond the import format; the customers import accepts and ignores them. */
export const EXPORT_ONLY_COLUMNS: readonly string[] = CUSTOMER_EXPORT_COLUMNS.slice(13).map(([header]) => header);

/**
 * PII the caller's field policy shows in full, except sensitive PI (resident IDs), which bulk exports
 * never carry unmasked (PIPL Art. 28): one row on screen is not a file of a hundred thousand.
 */
export function exportVisibleFields(access: AccessContext): ReadonlySet<PiiField> {
  return new Set([...access.unmaskedFields].filter(isPiiField).filter((field) => !SENSITIVE_PII_FIELDS.includes(field)));
}

/** The list query's filters (codes and usernames) as the repository takes them (paths and ids). */
export async function toExportFilter(db: Executor, filter: Omit<CustomerFilterValue, 'sort'>): Promise<CustomerFilter> {
  const { orgUnit, manager, ...rest } = filter;
  return {
    ...rest,
    ...(orgUnit ? { orgUnitPath: await orgUnitPath(db, orgUnit) } : {}),
    ...(manager ? { manager: manager === 'none' ? 'none' : await managerId(db, manager) } : {}),
  };
}

const PAGE = 1000;

async function* exportRows(db: Executor, access: AccessContext, filter: CustomerFilter): AsyncGenerator<Cell[]> {
  const visible = exportVisibleFields(access);
  let after: string | null = null;
  for (;;) {
    const page = await listCustomersAfter(db, access, filter, after, PAGE);
    for (const record of page) {
      const masked = maskRecord(record, PII_FIELDS, visible);
      yield CUSTOMER_EXPORT_COLUMNS.map(([, value]) => value(masked));
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.customerNo;
  }
}

/**
 * Streams the caller's scoped, filtered customer list into `out` as CSV (UTF-8 with a BOM, so Excel
 * shows Chinese) or XLSX; every cell formula-escaped. Resolves to the number of rows once all of it
 * is written; `out` is left open (the caller ends it, after auditing).
 */
export async function writeCustomerExport(
  db: Executor,
  access: AccessContext,
  filter: CustomerFilter,
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  const header = CUSTOMER_EXPORT_COLUMNS.map(([name]) => name);
  let rows = 0;
  if (format === 'csv') {
    await writeText(out, UTF8_BOM + csvLine(header));
    for await (const cells of exportRows(db, access, filter)) {
      await writeText(out, csvLine(cells));
      rows += 1;
    }
    return rows;
  }
  // The workbook writer ends the stream it is given; `out` stays open for the caller.
  const zip = new PassThrough();
  zip.pipe(out, { end: false });
  const zipped = once(zip, 'end');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('customers');
  sheet.addRow(header).commit();
  for await (const cells of exportRows(db, access, filter)) {
    sheet.addRow(cells.map((cell) => (typeof cell === 'string' ? escapeFormula(cell) : cell))).commit();
    rows += 1;
    // The zip writer does not wait for a slow reader; waiting here keeps its buffers small.
    if (rows % PAGE === 0 && zip.writableNeedDrain) await once(zip, 'drain');
  }
  sheet.commit();
  await workbook.commit();
  await zipped;
  return rows;
}

/** One audit event per export: who, which filters, how many rows. */
export function auditExport(
  db: Executor,
  event: { access: AccessContext; format: ExportFormat; filters: Record<string, unknown>; rows: number; ip?: string | null; requestId?: string | null },
): Promise<void> {
  return appendAudit(db, {
    actorId: event.access.userId,
    actorName: event.access.username,
    action: 'customer.export',
    entityType: 'customer',
    after: { format: event.format, filters: event.filters, rows: event.rows },
    ip: event.ip ?? null,
    requestId: event.requestId ?? null,
  });
}
