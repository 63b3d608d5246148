/**
 * The one error type domain code throws. Each module declares its own `as const` list of codes
 * (calendar, sla, money, ...), so the server's exhaustive code → HTTP/i18n table can be typed
 * against the union of those lists instead of matching on message text.
 */
export class DomainError<C extends string = string> extends Error {
  override readonly name = 'DomainError';
  readonly code: C;
  /** Where in the input the problem is, e.g. `events[3].at` or `weeklyHours.mon[0]`. */
  readonly path?: string;

  constructor(code: C, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.path !== undefined) this.path = options.path;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Ends exhaustive switches: adding a union member turns every unhandled switch into a type error. */
export function assertNever(value: never, context = 'value'): never {
  throw new Error(`Unexpected ${context}: ${JSON.stringify(value)}`);
}
