import { compareDates, formatIsoDate, parseCompactDate, parseIsoDate, type CalendarDate } from './dates';
import { issue, type ValidationIssue } from './validation-issue';

/** GB 11643-1999 weights for the first 17 digits (2^(18-i) mod 11). */
export const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by the weighted sum mod 11. */
export const RESIDENT_ID_CHECK_CHARS = '10X98765432';

/**
 * First two digits of the region code: the 34 province-level divisions, plus 83 which the
 * residence permits for Hong Kong, Macao and Taiwan residents use (81/82 likewise).
 */
export const RESIDENT_ID_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Birth years before this are data-entry errors, not centenarians with a GB 11643 card. */
const EARLIEST_BIRTH_YEAR = 1900;

/** The check character for 17 digits; throws on other input because callers are generators, not users. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK_CHARS[sum % 11]!;
}

/** Forms and spreadsheets bring spaces and a lower-case x; neither changes the identity. */
export function normalizeResidentId(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export interface ResidentIdValidationOptions {
  /** Field path reported in issues. */
  readonly path?: string;
  /** 'YYYY-MM-DD'; when given, birth dates after it are rejected. Domain code reads no clock. */
  readonly today?: string;
}

export function validateResidentId(
  value: string | null | undefined,
  options: ResidentIdValidationOptions = {},
): ValidationIssue[] {
  const path = options.path ?? 'idNumber';
  if (value === null || value === undefined || value.trim() === '') {
    return [issue(path, 'required', 'A resident ID number is required')];
  }
  const id = normalizeResidentId(value);
  if (id.length !== 18) {
    const legacy = id.length === 15 ? ' (15-digit first-generation numbers are not accepted)' : '';
    return [issue(path, 'length', `A resident ID number has 18 characters, got ${id.length}${legacy}`)];
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return [issue(path, 'charset', 'A resident ID number is 17 digits followed by a digit or X')];
  }
  const issues: ValidationIssue[] = [];
  if (!RESIDENT_ID_PROVINCE_CODES.has(id.slice(0, 2))) {
    issues.push(issue(path, 'region', `Region code ${id.slice(0, 6)} does not start with a province code`));
  }
  const birth = parseCompactDate(id.slice(6, 14));
  const today = options.today === undefined ? null : parseIsoDate(options.today);
  if (!birth || birth.year < EARLIEST_BIRTH_YEAR) {
    issues.push(issue(path, 'birth_date', `Birth date ${id.slice(6, 14)} is not a valid date`));
  } else if (today && compareDates(birth, today) > 0) {
    issues.push(issue(path, 'birth_date', `Birth date ${formatIsoDate(birth)} is in the future`));
  }
  const expected = residentIdCheckChar(id.slice(0, 17));
  if (id[17] !== expected) {
    issues.push(issue(path, 'check_char', `Check character should be ${expected}, got ${id[17]}`));
  }
  return issues;
}

export function isValidResidentId(value: string | null | undefined, options: ResidentIdValidationOptions = {}): boolean {
  return validateResidentId(value, options).length === 0;
}

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export interface ResidentIdFacts {
  readonly regionCode: string;
  readonly birthDate: CalendarDate;
  /** The 17th digit: odd for men, even for women. */
  readonly gender: Gender;
}

/** What a valid number says about its holder (birthday and gender prefill the archive); null if invalid. */
export function parseResidentId(value: string): ResidentIdFacts | null {
  if (!isValidResidentId(value)) return null;
  const id = normalizeResidentId(value);
  const birthDate = parseCompactDate(id.slice(6, 14));
  if (!birthDate) return null;
  return {
    regionCode: id.slice(0, 6),
    birthDate,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}
