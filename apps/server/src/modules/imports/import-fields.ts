import { isValidCalendarDate } from '@patron/domain/validation/dates';
import { normalizeMobilePhone, validateMobilePhone } from '@patron/domain/validation/phone';
import { normalizeResidentId, validateResidentId } from '@patron/domain/validation/resident-id';
import { normalizeUscc, validateUscc } from '@patron/domain/validation/uscc';
import { parseYuanToFen } from '@patron/domain/money';

/**
 * Cell parsers for import files: pure, one per kind of value. Each takes the trimmed, non-empty
 * text of a cell and returns the value to stage, or a FieldIssue saying what is wrong with it.
 */

export class FieldIssue {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** What a parsed cell becomes in staging: text for text, dates and timestamps, numbers for numbers. */
export type CellValue = string | number | null;

export interface ParseContext {
  /** 'YYYY-MM-DD' in the business zone: birth dates after it are errors. */
  today: string;
}

export type CellParser = (text: string, context: ParseContext) => CellValue | FieldIssue;

export const text =
  (max: number): CellParser =>
  (value) =>
    [...value].length > max ? new FieldIssue('length', `at most ${max} characters, got ${[...value].length}`) : value;

/** Customer and line numbers: letters, digits and dashes, as the customer API accepts them. */
export const identifier =
  (what: string): CellParser =>
  (value) =>
    /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/.test(value) ? value : new FieldIssue('format', `${what} takes letters, digits and dashes (1-40), got ${JSON.stringify(value)}`);

/** Org codes are upper-case in the org tree; typed lower-case they still mean the same unit. */
export const orgCode: CellParser = (value) => {
  const code = value.toUpperCase();
  return /^[A-Z0-9][A-Z0-9-]{0,39}$/.test(code) ? code : new FieldIssue('format', `not an org unit code: ${JSON.stringify(value)}`);
};

export const username: CellParser = (value) =>
  /^[a-z0-9][a-z0-9._-]{1,39}$/.test(value) ? value : new FieldIssue('format', `not a username: ${JSON.stringify(value)}`);

/**
 * A closed list of values, with the spellings people type for them (Chinese labels, English codes
 * in any case). `accepted` maps each spelling, lower-cased, to the stored value.
 */
export function oneOf(accepted: Readonly<Record<string, string>>): CellParser {
  const lookup = new Map(Object.entries(accepted).map(([spelling, value]) => [spelling.toLowerCase(), value]));
  const listed = [...new Set(Object.values(accepted))].join(', ');
  return (value) => lookup.get(value.toLowerCase()) ?? new FieldIssue('enum', `${JSON.stringify(value)} is not one of ${listed}`);
}

export const star: CellParser = (value) => (/^[0-5]$/.test(value) ? Number(value) : new FieldIssue('range', `a star rating is 0-5, got ${JSON.stringify(value)}`));

export const residentId: CellParser = (value, context) => {
  const id = normalizeResidentId(value);
  const [found] = validateResidentId(id, { today: context.today });
  return found ? new FieldIssue(found.code, found.message) : id;
};

export const uscc: CellParser = (value) => {
  const code = normalizeUscc(value);
  const [found] = validateUscc(code);
  return found ? new FieldIssue(found.code, found.message) : code;
};

export const mobile: CellParser = (value) => {
  const phone = normalizeMobilePhone(value);
  if (!/^\d+$/.test(phone)) return new FieldIssue('charset', `a mobile number is 11 digits, got ${JSON.stringify(value)}`);
  const [found] = validateMobilePhone(phone);
  return found ? new FieldIssue(found.code, found.message) : phone;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const date: CellParser = (value) => {
  const match = ISO_DATE.exec(value);
  if (!match) return new FieldIssue('format', `a date is YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return isValidCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? value : new FieldIssue('date', `${value} is not a calendar date`);
};

/** Billing months: 'YYYY-MM' (also 'YYYYMM', and a spreadsheet date on the 1st). Staged as the first day. */
const MONTH = /^(\d{4})-?(\d{2})(?:-01)?$/;

export const month: CellParser = (value) => {
  const match = MONTH.exec(value);
  if (!match) return new FieldIssue('format', `a month is YYYY-MM, got ${JSON.stringify(value)}`);
  const [, year, mm] = match;
  return isValidCalendarDate(Number(year), Number(mm), 1) ? `${year}-${mm}-01` : new FieldIssue('date', `${value} is not a calendar month`);
};

/** Yuan with at most two decimals, staged as integer fen. The messages name the usual mistakes. */
const PLAIN_YUAN = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

export const yuan =
  (options: { positive?: boolean } = {}): CellParser =>
  (value) => {
    // The common case in one regex; the rest say what is wrong.
    const plain = PLAIN_YUAN.exec(value);
    if (plain) {
      const fen = Number(plain[1]) * 100 + (plain[2] === undefined ? 0 : Number(plain[2].padEnd(2, '0')));
      return options.positive && fen === 0 ? new FieldIssue('range', 'the amount must be more than zero') : fen;
    }
    const compact = value.replace(/^[¥￥]/, '');
    if (/^-\s*\d/.test(compact)) return new FieldIssue('negative', `amounts cannot be negative, got ${value}`);
    if (/^\d+\.\d{3,}$/.test(compact)) return new FieldIssue('decimals', `at most 2 decimals, got ${value}`);
    if (!/^\d{1,12}(?:\.\d{1,2})?$/.test(compact)) return new FieldIssue('format', `not an amount in yuan: ${JSON.stringify(value)}`);
    const fen = parseYuanToFen(compact);
    if (options.positive && fen === 0) return new FieldIssue('range', 'the amount must be more than zero');
    return fen;
  };

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * 'YYYY-MM-DD HH:mm[:ss]' in Asia/Shanghai, or ISO 8601 with 'T' and an optional offset ('Z',
 * '+08:00'). Staged as text that PostgreSQL reads in the import session's zone (Asia/Shanghai),
 * so a wall-clock time without an offset means Beijing time, historic daylight saving included.
 */
export const timestamp: CellParser = (value) => {
  const match = TIMESTAMP.exec(value);
  if (!match) return new FieldIssue('format', `a time is YYYY-MM-DD HH:mm[:ss] or ISO 8601, got ${JSON.stringify(value)}`);
  const [, year, mm, dd, hh = '00', mi = '00', ss = '00', fraction = '', offset] = match;
  if (!isValidCalendarDate(Number(year), Number(mm), Number(dd))) return new FieldIssue('date', `${value} is not a calendar date`);
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return new FieldIssue('date', `${value} is not a time of day`);
  if (offset && offset !== 'Z') {
    const [oh, om] = [Number(offset.slice(1, 3)), Number(offset.slice(-2))];
    if (oh > 14 || om > 59) return new FieldIssue('format', `${offset} is not a UTC offset`);
  }
  return `${year}-${mm}-${dd} ${hh}:${mi}:${ss}${fraction}${offset ?? ''}`;
};
