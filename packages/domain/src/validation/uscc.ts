import { issue, type ValidationIssue } from './validation-issue';

/** GB 32100-2015 alphabet: digits and capitals without I, O, S, V, Z (too easily misread). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^(i) mod 31 for positions 1–17. */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The 18th character for 17 characters of the code; throws on other input (generator helper). */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`usccCheckChar: '${first17[i]}' is not in the USCC alphabet`);
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function normalizeUscc(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * Length, alphabet, a numeric administrative-division code in positions 3–8, and the check
 * character. The embedded organisation code's own GB 11714 check digit is not enforced: codes
 * issued to individual businesses and some legacy re-registrations do not always carry one.
 */
export function validateUscc(value: string | null | undefined, options: { readonly path?: string } = {}): ValidationIssue[] {
  const path = options.path ?? 'uscc';
  if (value === null || value === undefined || value.trim() === '') {
    return [issue(path, 'required', 'A unified social credit code is required')];
  }
  const code = normalizeUscc(value);
  if (code.length !== 18) {
    return [issue(path, 'length', `A unified social credit code has 18 characters, got ${code.length}`)];
  }
  const stray = [...code].find((char) => !USCC_CHARSET.includes(char));
  if (stray !== undefined) {
    return [issue(path, 'charset', `'${stray}' is not allowed in a unified social credit code`)];
  }
  const issues: ValidationIssue[] = [];
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    issues.push(issue(path, 'region', 'Characters 3–8 must be a numeric administrative-division code'));
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    issues.push(issue(path, 'check_char', `Check character should be ${expected}, got ${code[17]}`));
  }
  return issues;
}

export function isValidUscc(value: string | null | undefined): boolean {
  return validateUscc(value).length === 0;
}
