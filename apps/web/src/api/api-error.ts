// Error codes the server sends that have a localized message; anything else shows the server text.
export const knownErrorCodes = [
  'validation.failed',
  'auth.invalid_credentials',
  'auth.locked',
  'auth.required',
  'auth.forbidden',
  'not_found',
  'route.not_found',
  'conflict',
  'state.illegal_transition',
  'payload.too_large',
  'unprocessable',
  'rate_limited',
  'internal',
  'assignment.limit_exceeded',
  'rule_set.applied_month',
  'rule_set.illegal_transition',
  'regrade.illegal_transition',
  'points.insufficient_balance',
  'method.not_allowed',
  'media_type.unsupported',
  'complaint.close_incomplete',
  'complaint.top_level_reached',
  'complaint.compensation_over_limit',
  'complaint.approval_over_limit',
  'credit.temporary_too_long',
  'revisit.wrong_channel',
  'revisit.invalid_routing',
  'survey.invalid_questionnaire',
] as const;
export type KnownErrorCode = (typeof knownErrorCodes)[number];

export interface ApiErrorDetail {
  path: string;
  message: string;
  /** Codes may carry more (assignment.limit_exceeded: manager, tier, currentLoad, adding, limit). */
  [extra: string]: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    readonly requestId?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get knownCode(): KnownErrorCode | undefined {
    return (knownErrorCodes as readonly string[]).includes(this.code) ? (this.code as KnownErrorCode) : undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The body is untrusted (a proxy may answer with HTML), so read it field by field.
export function parseErrorBody(status: number, body: unknown, retryAfter?: string | null): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : status === 401 ? 'auth.required' : status === 403 ? 'auth.forbidden' : status === 404 ? 'not_found' : status >= 500 ? 'internal' : 'unknown';
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const details = Array.isArray(error?.details)
    ? error.details.flatMap((d): ApiErrorDetail[] =>
        isRecord(d) && typeof d.message === 'string' ? [{ ...d, path: typeof d.path === 'string' ? d.path : Array.isArray(d.path) ? d.path.join('.') : '', message: d.message }] : [],
      )
    : [];
  const requestId = typeof error?.requestId === 'string' ? error.requestId : undefined;
  const retrySeconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return new ApiError(status, code, message, details, requestId, retrySeconds);
}

// Form fields are flat, so `body.roles.0` or `/roles/0` lands on the `roles` field; the server
// prefixes schema errors with the part of the request they came from.
export function fieldOfPath(path: string): string {
  const parts = path.replace(/^\//, '').split(/[./]/);
  if (parts.length > 1 && ['body', 'query', 'params', 'querystring'].includes(parts[0] ?? '')) parts.shift();
  return parts[0] ?? '';
}
