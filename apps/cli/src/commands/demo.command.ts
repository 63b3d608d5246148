import type { Command } from 'commander';
import { isDemoSeeded } from '@patron/db';
import { generatePassword, seedDemoData } from '@patron/server';
import { CliError, type CliIo } from '../cli-io';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('seed the demo province, users and customers (once)')
    .option('--password <password>', 'password for every demo user (default: PATRON_DEMO_PASSWORD or generated)')
    .action(async (options: { password?: string }) => {
      const password = options.password ?? process.env.PATRON_DEMO_PASSWORD ?? generatePassword();
      if (password.length < 8) throw new CliError('--password: at least 8 characters', 2);
      const db = await io.database();
      if (await isDemoSeeded(db)) {
        io.out('Demo data is already present\n');
        return;
      }
      const summary = await seedDemoData(db, password);
      io.out(`Seeded ${summary}\n`);
      if (!options.password && !process.env.PATRON_DEMO_PASSWORD) io.out(`Demo users share the password: ${password}\n`);
    });
}
