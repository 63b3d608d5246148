import { issue, type ValidationIssue } from './validation-issue';

/** Mainland mobile numbers: 11 digits, '1' then a second digit 3–9 (no operator has 10x–12x). */
export const MAINLAND_MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export function isMainlandMobile(value: string): boolean {
  return MAINLAND_MOBILE_PATTERN.test(value);
}

/**
 * Drops what people type around a mobile number: spaces, dashes, and a +86 / 0086 / 86 country
 * prefix. The result still has to pass `validateMobilePhone`.
 */
export function normalizeMobilePhone(value: string): string {
  const compact = value.replace(/[\s-]+/g, '');
  const match = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  return match ? match[1]! : compact;
}

export function validateMobilePhone(value: string | null | undefined, options: { readonly path?: string } = {}): ValidationIssue[] {
  const path = options.path ?? 'phone';
  if (value === null || value === undefined || value === '') {
    return [issue(path, 'required', 'A mobile number is required')];
  }
  if (!/^\d+$/.test(value)) return [issue(path, 'charset', 'A mobile number has digits only')];
  if (value.length !== 11) return [issue(path, 'length', `A mobile number has 11 digits, got ${value.length}`)];
  if (!isMainlandMobile(value)) return [issue(path, 'format', 'A mainland mobile number starts with 13–19')];
  return [];
}
