import { Command, CommanderError } from 'commander';
import type { Database } from '@patron/db';
import { loadConfig, openConfiguredDatabase, ConfigError, VERSION } from '@patron/server';
import { CliError, type CliIo } from './cli-io';
import { forwardToServer } from './control-socket';
import { registerServe } from './commands/serve.command';
import { registerMigrate } from './commands/migrate.command';
import { registerDemo } from './commands/demo.command';
import { registerUser } from './commands/user.command';
import { registerToken } from './commands/token.command';
import { registerBackup } from './commands/backup.command';
import { registerCalendar } from './commands/calendar.command';
import { registerImport } from './commands/import.command';
import { registerExport } from './commands/export.command';
import { registerRegrade } from './commands/regrade.command';

/** Commands that never go through a running server. */
const LOCAL_ONLY = new Set(['serve', 'restore', 'help', '--help', '-h', '--version', '-V']);

export function buildProgram(io: CliIo): Command {
  const program = new Command('patron')
    .description('Patron: key-account service management')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
  for (const register of [registerServe, registerMigrate, registerDemo, registerUser, registerToken, registerBackup, registerImport, registerExport, registerCalendar, registerRegrade]) {
    register(program, io);
  }
  for (const command of program.commands) {
    command.exitOverride().showHelpAfterError().configureOutput({ writeOut: io.out, writeErr: io.err });
  }
  return program;
}

/** Parses and runs argv against `io`; returns the exit code. Shared by the terminal and the control socket. */
export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
        ? 0
        : 2;
    }
    if (error instanceof CliError) {
      io.err(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

export async function main(argv: string[]): Promise<number> {
  const commandName = argv.find((arg) => !arg.startsWith('-')) ?? argv[0] ?? 'help';
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (!config.databaseUrl && !LOCAL_ONLY.has(commandName) && argv.length > 0) {
    const forwarded = await forwardToServer(config.dataDir, argv, process.cwd());
    if (forwarded !== undefined) return forwarded;
  }
  let db: Database | undefined;
  const io: CliIo = {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    inServer: false,
    database: async () => (db ??= await openConfiguredDatabase(config)),
  };
  try {
    return await runCommand(argv.length > 0 ? argv : ['--help'], io);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    // `serve` keeps its database open until shutdown and closes it itself.
    if (db && commandName !== 'serve') await db.close();
  }
}
