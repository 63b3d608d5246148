import type { Command } from 'commander';
import { migrate } from '@patron/db';
import type { CliIo } from '../cli-io';

export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('apply pending database migrations (forward-only)')
    .action(async () => {
      const applied = await migrate(await io.database());
      io.out(applied.length > 0 ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date\n');
    });
}
