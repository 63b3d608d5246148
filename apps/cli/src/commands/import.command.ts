import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { IMPORT_KINDS, isImportKind } from '@patron/db/import/index';
import { AppError } from '@patron/server';
import { formatRowError, ImportFileError } from '@patron/server/modules/imports/import-engine';
import { importFile, resolveImportActor, summaryOf, type ImportSummary } from '@patron/server/modules/imports/import.service';
import { CliError, type CliIo } from '../cli-io';

const NOTHING: ImportSummary = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };

/**
 * `patron import <kind> <file>`: per-row problems on stderr as `line N, column C: reason`, and the
 * last line on stdout is always the JSON summary. Exit 0 when the import did what it was asked:
 * all-or-nothing wrote every row (or a dry run found none invalid); --partial wrote the valid rows.
 */
export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description(`import a CSV or XLSX file: ${IMPORT_KINDS.join(', ')} (see docs/import-formats.md)`)
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .argument('<file>', 'a .csv (UTF-8 or GBK) or .xlsx file (first sheet)')
    .option('--dry-run', 'validate everything and count what would change; write nothing')
    .option('--partial', 'write the valid rows and put the rejected ones in <file>.rejects.csv')
    .option('--override-limits <reason>', 'customers: let rows put account managers over their load limits (needs customer.assign.override; audited)')
    .option('--as <username>', 'act as this user, within their data scope (default: the built-in system user)')
    .action(async (kind: string, fileArg: string, options: { dryRun?: boolean; partial?: boolean; overrideLimits?: string; as?: string }) => {
      if (!isImportKind(kind)) throw new CliError(`Unknown import kind ${kind}; use one of ${IMPORT_KINDS.join(', ')}`, 2);
      const path = resolve(io.cwd, fileArg);
      if (!existsSync(path)) throw new CliError(`No such file: ${path}`);
      const db = await io.database();
      const summary = (value: ImportSummary) => io.out(`${JSON.stringify(value)}\n`);
      try {
        const actor = await resolveImportActor(db, options.as);
        const mode = options.partial ? 'partial' : 'all_or_nothing';
        const dryRun = options.dryRun ?? false;
        const { outcome, rejectsPath } = await importFile(db, {
          kind,
          path,
          mode,
          dryRun,
          overrideLimitsReason: options.overrideLimits,
          actor,
          now: new Date(),
          onError: (error) => io.err(`${formatRowError(error)}\n`),
        });
        const verb = dryRun ? 'Checked (dry run, nothing written)' : outcome.written ? 'Imported' : 'Rejected (nothing written)';
        io.out(`${verb}: ${kind} from ${fileArg}, ${outcome.totalRows} rows, ${outcome.validRows} valid\n`);
        if (rejectsPath) io.err(`${outcome.rejected} rejected row(s) written to ${rejectsPath}\n`);
        else if (mode === 'partial') io.err(`${outcome.rejected} rejected row(s)\n`);
        summary(summaryOf(outcome));
        if (outcome.rejected > 0 && mode === 'all_or_nothing') {
          throw new CliError(`${outcome.rejected} invalid row(s); nothing was written${dryRun ? ' (dry run)' : ''}`);
        }
      } catch (error) {
        if (error instanceof ImportFileError) {
          for (const problem of error.errors) io.err(`${formatRowError(problem)}\n`);
          summary(NOTHING);
          throw new CliError('The file cannot be imported; nothing was written');
        }
        if (error instanceof AppError) throw new CliError(error.message);
        throw error;
      }
    });
}
