import type { CopyValue, ImportKind } from '@patron/db/import/index';
import { pinyinKeys } from '@patron/domain/search/search-keys';
import {
  date,
  FieldIssue,
  identifier,
  mobile,
  month,
  oneOf,
  orgCode,
  residentId,
  star,
  text,
  timestamp,
  username,
  uscc,
  yuan,
  type CellParser,
  type CellValue,
} from './import-fields';

/**
 * The file formats, one per kind: canonical column names (the CSV header Patron writes and documents
 * in docs/import-formats.md), the Chinese and other spellings accepted for them, how each cell is
 * parsed, and how a parsed row maps onto the staging columns of the database side's ImportTarget.
 */

export interface FieldSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  /** The header must have this column. */
  readonly requiredColumn: boolean;
  /** A cell in this column must not be empty. */
  readonly requiredCell: boolean;
  readonly parse: CellParser;
  /** What an empty cell means; null unless said. */
  readonly empty?: CellValue;
}

export interface RowIssue {
  field: string;
  code: string;
  message: string;
}

export type ParsedRow = Readonly<Record<string, CellValue>>;

export interface KindFormat {
  readonly kind: ImportKind;
  readonly fields: readonly FieldSpec[];
  /** Columns accepted and skipped: what Patron's own export adds beyond the import format. */
  readonly ignored?: readonly string[];
  /** Rules across cells of one row; the cells themselves are already valid. */
  readonly check?: (row: ParsedRow, present: ReadonlySet<string>) => RowIssue[];
  /** Values in the target's staging-column order. */
  readonly stage: (row: ParsedRow) => CopyValue[];
}

const field = (
  name: string,
  aliases: readonly string[],
  parse: CellParser,
  options: { column?: boolean; cell?: boolean; empty?: CellValue } = {},
): FieldSpec => ({
  name,
  aliases,
  requiredColumn: options.column ?? false,
  requiredCell: options.cell ?? options.column ?? false,
  parse,
  ...(options.empty === undefined ? {} : { empty: options.empty }),
});

const required = { column: true, cell: true } as const;

/** The named cells of a parsed row, in order, as staging values. */
const pick =
  (...names: string[]) =>
  (row: ParsedRow): CopyValue[] =>
    names.map((name) => row[name] ?? null);

const CUSTOMER_NO = field('customer_no', ['客户编号', '客户号', '客户编码', 'customerNo'], identifier('a customer number'), required);

const GRADES = oneOf({
  diamond: 'diamond',
  gold: 'gold',
  silver: 'silver',
  guest: 'guest',
  none: 'none',
  钻石卡: 'diamond',
  钻石: 'diamond',
  金卡: 'gold',
  银卡: 'silver',
  贵宾卡: 'guest',
  贵宾: 'guest',
  无: 'none',
  普通: 'none',
});

export const CUSTOMERS_FORMAT: KindFormat = {
  kind: 'customers',
  fields: [
    CUSTOMER_NO,
    field('kind', ['客户类型', '类型'], oneOf({ individual: 'individual', group: 'group', 个人: 'individual', 个人客户: 'individual', 集团: 'group', 集团客户: 'group' }), required),
    field('name', ['客户名称', '名称', '姓名'], text(200), required),
    field('grade', ['级别', '客户级别', '等级'], GRADES, { empty: 'none' }),
    field('star', ['星级'], star),
    field('id_number', ['证件号码', '身份证号', '身份证号码', 'idNumber'], residentId),
    field('uscc', ['统一社会信用代码', '信用代码'], uscc),
    field('phone', ['手机号码', '手机号', '手机', '联系电话'], mobile),
    field('birthday', ['生日', '出生日期'], date),
    field('org_unit', ['归属组织', '组织', '归属单位', '组织编码', 'orgUnit'], orgCode, required),
    field('account_manager', ['客户经理', 'accountManager', 'manager'], username),
    field('parent_customer_no', ['上级客户编号', '集团客户编号', '上级客户', 'parentCustomerNo'], identifier('a customer number')),
    field('activated_on', ['入网日期', '入网时间', 'activatedOn'], date),
  ],
  ignored: ['org_unit_name', 'account_manager_name', 'archive', 'address', 'email', 'arrears'],
  check(row) {
    const issues: RowIssue[] = [];
    if (row.kind === 'group' && row.id_number !== null) {
      issues.push({ field: 'id_number', code: 'not_applicable', message: 'a resident ID is for individual customers; groups take a USCC' });
    }
    if (row.kind === 'individual' && row.uscc !== null) {
      issues.push({ field: 'uscc', code: 'not_applicable', message: 'a USCC is for group customers; individuals take a resident ID' });
    }
    return issues;
  },
  stage(row) {
    const name = String(row.name);
    const keys = pinyinKeys(name, { personName: row.kind === 'individual' });
    const rest = pick('grade', 'star', 'id_number', 'uscc', 'phone', 'birthday', 'org_unit', 'account_manager', 'parent_customer_no', 'activated_on');
    return [row.customer_no ?? null, row.kind ?? null, name, keys.full, keys.initials, ...rest(row)];
  },
};

export const LINES_FORMAT: KindFormat = {
  kind: 'lines',
  fields: [
    field('line_no', ['号码', '线路号', '业务号码', '线路编号', 'lineNo'], identifier('a line number'), required),
    CUSTOMER_NO,
    field(
      'type',
      ['类型', '业务类型', '线路类型'],
      oneOf({
        mobile: 'mobile',
        fixed: 'fixed',
        broadband: 'broadband',
        circuit: 'circuit',
        iot: 'iot',
        移动: 'mobile',
        手机: 'mobile',
        固话: 'fixed',
        固定电话: 'fixed',
        宽带: 'broadband',
        专线: 'circuit',
        电路: 'circuit',
        物联网: 'iot',
      }),
      required,
    ),
    field('package', ['套餐', '资费套餐'], text(200)),
    field('brand', ['品牌'], text(100)),
    field(
      'status',
      ['状态', '号码状态'],
      oneOf({
        normal: 'normal',
        suspended: 'suspended',
        pre_cancelled: 'pre_cancelled',
        cancelled: 'cancelled',
        正常: 'normal',
        停机: 'suspended',
        预销户: 'pre_cancelled',
        销户: 'cancelled',
      }),
      { empty: 'normal' },
    ),
    field('activated_on', ['入网日期', '开通日期', 'activatedOn'], date),
  ],
  stage: pick('line_no', 'customer_no', 'type', 'package', 'brand', 'status', 'activated_on'),
};

const MONTH = field('month', ['账期', '月份', '账期/月份', '账单月份'], month, required);
const PAID_ON = ['缴费日期', '缴费时间', 'paidOn'];

export const BILLS_FORMAT: KindFormat = {
  kind: 'bills',
  fields: [
    CUSTOMER_NO,
    MONTH,
    field('amount', ['金额', '账单金额', '应缴金额'], yuan(), required),
    field('paid_amount', ['已缴金额', '实缴金额', 'paidAmount'], yuan(), { empty: 0 }),
    field('paid_on', PAID_ON, date),
  ],
  stage: pick('customer_no', 'month', 'amount', 'paid_amount', 'paid_on'),
};

export const PAYMENTS_FORMAT: KindFormat = {
  kind: 'payments',
  fields: [CUSTOMER_NO, MONTH, field('amount', ['金额', '缴费金额'], yuan({ positive: true }), required), field('paid_on', PAID_ON, date, required)],
  stage: pick('customer_no', 'month', 'amount', 'paid_on'),
};

export const SUSPENSIONS_FORMAT: KindFormat = {
  kind: 'suspensions',
  fields: [
    field('line_no', ['号码', '线路号', '业务号码', 'lineNo'], identifier('a line number'), required),
    field(
      'kind',
      ['停机类型', '类型'],
      oneOf({
        arrears: 'arrears',
        request: 'request',
        loss: 'loss',
        administrative: 'administrative',
        欠费: 'arrears',
        欠费停机: 'arrears',
        申请: 'request',
        申请停机: 'request',
        主动停机: 'request',
        挂失: 'loss',
        挂失停机: 'loss',
        行政: 'administrative',
        行政停机: 'administrative',
        管理停机: 'administrative',
      }),
      required,
    ),
    field('suspended_at', ['停机时间', 'suspendedAt'], timestamp, required),
    field('restored_at', ['复机时间', 'restoredAt'], timestamp),
  ],
  stage: pick('line_no', 'kind', 'suspended_at', 'restored_at'),
};

export const KIND_FORMATS: { readonly [K in ImportKind]: KindFormat } = {
  customers: CUSTOMERS_FORMAT,
  lines: LINES_FORMAT,
  bills: BILLS_FORMAT,
  payments: PAYMENTS_FORMAT,
  suspensions: SUSPENSIONS_FORMAT,
};

/**
 * Header text → comparison key: NFKC (full-width to ASCII), no leading '*' (required-column marks in
 * templates), no trailing unit in brackets ('金额（元）'), case, spaces, underscores and dashes ignored.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^\*+/, '')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export interface HeaderIssue {
  column: string;
  message: string;
}

/** Where each canonical field sits in the file, and the header text the file gives it. */
export interface HeaderMap {
  readonly positions: ReadonlyMap<string, number>;
  readonly labels: ReadonlyMap<string, string>;
  readonly present: ReadonlySet<string>;
  /** Columns with an empty header or an ignored name: skipped, whatever they hold. */
  readonly ignored: ReadonlySet<number>;
  readonly width: number;
  /** The format's fields and their positions in the file (undefined when absent), side by side. */
  readonly compiled: { readonly specs: readonly FieldSpec[]; readonly positions: readonly (number | undefined)[] };
  /** The row object parseRow fills, one per header (see parseRow). */
  readonly scratch: Record<string, CellValue>;
}

export function resolveHeader(format: KindFormat, header: readonly string[]): { map: HeaderMap; issues: HeaderIssue[] } {
  const byKey = new Map<string, FieldSpec>();
  for (const spec of format.fields) {
    for (const spelling of [spec.name, ...spec.aliases]) byKey.set(headerKey(spelling), spec);
  }
  const skipped = new Set((format.ignored ?? []).map(headerKey));
  const positions = new Map<string, number>();
  const labels = new Map<string, string>();
  const ignored = new Set<number>();
  const issues: HeaderIssue[] = [];
  header.forEach((raw, index) => {
    const label = raw.trim();
    if (headerKey(label) === '' || skipped.has(headerKey(label))) {
      ignored.add(index);
      return;
    }
    const spec = byKey.get(headerKey(label));
    if (!spec) {
      issues.push({ column: label, message: `unknown column for ${format.kind} (expected ${format.fields.map((f) => f.name).join(', ')})` });
    } else if (positions.has(spec.name)) {
      issues.push({ column: label, message: `the same column as ${labels.get(spec.name)}` });
    } else {
      positions.set(spec.name, index);
      labels.set(spec.name, label);
    }
  });
  for (const spec of format.fields) {
    if (spec.requiredColumn && !positions.has(spec.name)) issues.push({ column: spec.name, message: 'required column is missing' });
  }
  const compiled = { specs: format.fields, positions: format.fields.map((spec) => positions.get(spec.name)) };
  const scratch = Object.fromEntries(format.fields.map((spec) => [spec.name, null])) as Record<string, CellValue>;
  return { map: { positions, labels, present: new Set(positions.keys()), ignored, width: header.length, compiled, scratch }, issues };
}

/** `'=1+1` as exported (formula-escaped) reads back as `=1+1`. */
function unescapeFormula(value: string): string {
  return value.charCodeAt(0) === 39 && value.length > 1 && '=+-@'.includes(value[1]!) ? value.slice(1) : value;
}

const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);

/**
 * Parses one data row: the values to stage, or every problem found in it. A million rows make a
 * million of these calls, so the row object is the header's own and is reused by the next call on
 * the same header: copy it to keep it.
 */
export function parseRow(
  format: KindFormat,
  header: HeaderMap,
  fields: readonly string[],
  context: { today: string },
): { row: ParsedRow; issues: readonly RowIssue[] } {
  let issues: RowIssue[] | undefined;
  const row = header.scratch;
  const { specs, positions } = header.compiled;
  for (let i = 0; i < specs.length; i += 1) {
    const spec = specs[i]!;
    const position = positions[i];
    if (position === undefined) {
      row[spec.name] = null;
      continue;
    }
    const raw = fields[position];
    const cell = raw === undefined ? '' : unescapeFormula(raw.trim());
    if (cell === '') {
      if (spec.requiredCell) (issues ??= []).push({ field: spec.name, code: 'required', message: 'a value is required' });
      row[spec.name] = spec.empty ?? null;
      continue;
    }
    const parsed = spec.parse(cell, context);
    if (parsed instanceof FieldIssue) {
      (issues ??= []).push({ field: spec.name, code: parsed.code, message: parsed.message });
      row[spec.name] = null;
    } else {
      row[spec.name] = parsed;
    }
  }
  for (let index = header.width; index < fields.length; index += 1) {
    if ((fields[index] ?? '').trim() !== '') {
      (issues ??= []).push({ field: `#${index + 1}`, code: 'columns', message: `the row has ${fields.length} fields but the header has ${header.width}` });
      break;
    }
  }
  if (!issues && format.check) {
    const crossed = format.check(row, header.present);
    if (crossed.length > 0) issues = crossed;
  }
  return { row, issues: issues ?? NO_ISSUES };
}
