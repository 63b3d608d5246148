import type { Database } from '@patron/db';

/** Where a command writes, and how it reaches the database: directly, or the running server's own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The directory relative file arguments are resolved against. */
  cwd: string;
  /** Opens (or lends) the database; commands call it only when they need it. */
  database(): Promise<Database>;
  /** True inside a running server (the command came over the control socket). */
  inServer: boolean;
}

/** A command failure the user can act on: printed without a stack, exit code 1 (2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
