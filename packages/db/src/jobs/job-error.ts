export const jobErrorCodes = [
  'invalid_definition',
  'duplicate_job_name',
  'unknown_job',
  'invalid_payload',
  'invalid_page',
  'job_not_found',
  'job_not_failed',
  'singleton_busy',
] as const;

export type JobErrorCode = (typeof jobErrorCodes)[number];

/** The one error type of the jobs module; the server maps `code` to an HTTP status and message key. */
export class JobError extends Error {
  override readonly name = 'JobError';

  constructor(
    readonly code: JobErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
