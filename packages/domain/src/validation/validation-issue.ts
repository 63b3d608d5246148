/**
 * The shape every validator in this package returns: a list, empty when the value is fine, so a
 * caller can collect issues across fields and rows and decide for itself whether to reject.
 * `code` is stable and doubles as the i18n key suffix (`validation.<code>`); `message` is English
 * for logs and developers.
 */
export const VALIDATION_CODES = [
  'required',
  'length',
  'charset',
  'format',
  'region',
  'birth_date',
  'check_char',
  'date',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

export interface ValidationIssue {
  readonly path: string;
  readonly code: ValidationCode;
  readonly message: string;
}

export function issue(path: string, code: ValidationCode, message: string): ValidationIssue {
  return { path, code, message };
}
