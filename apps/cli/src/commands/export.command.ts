import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { CustomerExportQuery } from '@patron/contracts';
import { findUserByUsername, loadAccessContext, type Database } from '@patron/db';
import { can, type AccessContext } from '@patron/domain';
import { AppError } from '@patron/server';
import { auditExport, toExportFilter, writeCustomerExport } from '@patron/server/modules/exports/customer-export';
import { CliError, type CliIo } from '../cli-io';

/**
 * The built-in system user reaches every customer (a subtree rooted above every org unit) and, having
 * no role, sees no PII in full: a CLI export is masked unless it runs --as a user whose role shows PII.
 */
async function exportAccess(db: Database, username: string | undefined): Promise<AccessContext> {
  const user = await findUserByUsername(db, username ?? 'system');
  if (!user || !user.active) throw new CliError(`No active user ${username ?? 'system'}`);
  if (username !== undefined && username !== 'system') {
    const access = await loadAccessContext(db, user.id);
    if (!access || !can(access, 'customer.read')) throw new CliError(`${username} may not read customers`);
    return access;
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [],
    orgUnitId: 0,
    orgUnitCode: user.orgUnitCode,
    orgPath: '/',
    dataScope: 'subtree',
    permissions: new Set(),
    unmaskedFields: new Set(),
    unmaskableFields: new Set(),
  };
}

interface ExportOptions {
  format?: string;
  output: string;
  q?: string;
  grade?: string;
  archive?: string;
  orgUnit?: string;
  manager?: string;
  as?: string;
}

export function registerExport(program: Command, io: CliIo): void {
  const exporter = program.command('export').description('export data as CSV or XLSX');
  exporter
    .command('customers')
    .description('export the customer list (PII masked by the field policy; resident IDs always masked)')
    .requiredOption('--output <file>', 'where to write (.csv or .xlsx)')
    .option('--format <format>', 'csv | xlsx (default: from the file extension, else csv)')
    .option('--q <text>', 'search: number, name, pinyin, phone')
    .option('--grade <grades>', 'diamond,gold,silver,guest,none (comma-separated)')
    .option('--archive <archive>', 'in_network (default) | retained | all')
    .option('--org-unit <code>', 'an org unit and its subtree')
    .option('--manager <username>', "a lead account manager, or 'none'")
    .option('--as <username>', 'export as this user: their scope and field policy (default: the system user)')
    .action(async (options: ExportOptions) => {
      const file = resolve(io.cwd, options.output);
      const fromExtension = extname(file).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
      const parsed = CustomerExportQuery.safeParse({
        format: options.format ?? fromExtension,
        ...(options.q === undefined ? {} : { q: options.q }),
        ...(options.grade === undefined ? {} : { grade: options.grade }),
        ...(options.archive === undefined ? {} : { archive: options.archive }),
        ...(options.orgUnit === undefined ? {} : { orgUnit: options.orgUnit }),
        ...(options.manager === undefined ? {} : { manager: options.manager }),
      });
      if (!parsed.success) {
        throw new CliError(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '), 2);
      }
      const { format, ...filters } = parsed.data;
      const db = await io.database();
      const access = await exportAccess(db, options.as);
      let filter;
      try {
        filter = await toExportFilter(db, filters);
      } catch (error) {
        if (error instanceof AppError) throw new CliError(error.details.map((d) => d.message).join('; ') || error.message, 2);
        throw error;
      }
      mkdirSync(dirname(file), { recursive: true });
      const partial = `${file}.part`;
      const out = createWriteStream(partial);
      try {
        const rows = await writeCustomerExport(db, access, filter, format, out);
        out.end();
        await once(out, 'close');
        renameSync(partial, file);
        await auditExport(db, { access, format, filters, rows });
        io.err(`${rows} customer(s) exported\n`);
        io.out(`${file}\n`);
      } finally {
        out.destroy();
        rmSync(partial, { force: true });
      }
    });
}
