/**
 * Every error a client can see, with its HTTP status. Modules throw AppError with one of these codes;
 * the error handler is the only place that turns them into responses. The web client maps the same
 * codes to translated messages (`errors.<code>`).
 */
export const ERROR_STATUS = {
  'validation.failed': 400,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.forbidden': 403,
  'not_found': 404,
  'route.not_found': 404,
  'conflict': 409,
  'state.illegal_transition': 409,
  'assignment.limit_exceeded': 409,
  'import.file_gone': 410,
  'payload.too_large': 413,
  'import.unsupported_format': 415,
  'unprocessable': 422,
  'import.invalid_file': 422,
  'import.rejected': 422,
  'auth.locked': 429,
  'rate_limited': 429,
  'internal': 500,
  'rule_set.applied_month': 409,
  'points.insufficient_balance': 409,
  'complaint.close_incomplete': 422,
  'complaint.top_level_reached': 409,
  'complaint.compensation_over_limit': 422,
  'survey.already_answered': 409,
  'method.not_allowed': 405,
  'media_type.unsupported': 415,
  'revisit.wrong_channel': 409,
  'complaint.approval_over_limit': 403,
  'credit.temporary_too_long': 422,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission for this') => new AppError('auth.forbidden', message);
export const invalid = (path: string, message: string) =>
  new AppError('validation.failed', 'Invalid request', [{ path, message }]);
export const conflict = (message: string, details: ErrorDetail[] = []) => new AppError('conflict', message, details);

/**
 * Domain errors carry their own codes (calendar.*, sla.*, money.*, work_order.*). They are the
 * client's fault unless listed here: bad input is 400, a state conflict is 409.
 */
const DOMAIN_ERROR_STATUS: Readonly<Record<string, number>> = {
  'work_order.illegal_transition': 409,
  'work_order.hold_origin_required': 409,
  'rule_set.illegal_transition': 409,
  'regrade.illegal_transition': 409,
  'potential.illegal_transition': 409,
};

export function domainErrorStatus(code: string): number {
  return DOMAIN_ERROR_STATUS[code] ?? 400;
}
