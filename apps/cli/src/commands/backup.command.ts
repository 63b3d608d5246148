import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { openDatabase } from '@patron/db';
import { loadConfig } from '@patron/server';
import { CliError, type CliIo } from '../cli-io';

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function runTool(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (result.error) throw new CliError(`${tool} is not available (${result.error.message}); install the PostgreSQL client tools`);
  if (result.status !== 0) throw new CliError(`${tool} failed: ${result.stderr.trim()}`);
}

export function registerBackup(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('back up the database: embedded → a .tar.gz of the data folder; PostgreSQL → pg_dump custom format')
    .option('--output <file>', 'where to write the backup')
    .action(async (options: { output?: string }) => {
      const config = loadConfig();
      const extension = config.databaseUrl ? 'dump' : 'tar.gz';
      const file = resolve(io.cwd, options.output ?? `backups/patron-${stamp(new Date())}.${extension}`);
      mkdirSync(dirname(file), { recursive: true });
      if (config.databaseUrl) {
        runTool('pg_dump', ['--format=custom', `--file=${file}`, config.databaseUrl]);
      } else {
        // Works on a live server too: PGlite dumps a consistent copy of its own folder.
        const db = await io.database();
        const archive = await db.pglite!.dumpDataDir('gzip');
        writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
      }
      io.out(`${file}\n`);
    });

  program
    .command('restore')
    .description('restore a backup (embedded: only while the server is stopped)')
    .argument('<file>')
    .option('--force', 'replace an existing embedded data folder (it is kept beside, renamed)')
    .action(async (fileArg: string, options: { force?: boolean }) => {
      const config = loadConfig();
      const file = resolve(io.cwd, fileArg);
      if (!existsSync(file)) throw new CliError(`No such file: ${file}`);
      if (config.databaseUrl) {
        runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, file]);
        io.out('Restored\n');
        return;
      }
      if (io.inServer) throw new CliError('Stop the server before restoring the embedded database');
      const dataDir = config.dataDir;
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        if (!options.force) throw new CliError(`${dataDir} is not empty; pass --force to replace it`);
        renameSync(dataDir, `${dataDir}.before-restore-${stamp(new Date())}`);
      }
      const db = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(file)]) });
      await db.close();
      io.out(`Restored into ${dataDir}\n`);
    });
}
