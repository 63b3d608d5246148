import type { Command } from 'commander';
import { findUserByUsername } from '@patron/db';
import { lastCompleteMonth, runRegrade } from '@patron/server';
import { CliError, type CliIo } from '../cli-io';

const USAGE = 2;

function monthArg(value: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match || Number(match[1]) < 2000 || Number(match[1]) > 2199) throw new CliError(`--month: ${JSON.stringify(value)} is not a month as YYYY-MM`, USAGE);
  return value;
}

export function registerRegrade(program: Command, io: CliIo): void {
  program
    .command('regrade')
    .description('re-grade key accounts for a month: a proposal for district review, a dry run, or applied at once')
    .option('--month <YYYY-MM>', 'graded month: its six billed months, tenure and suspensions at its end (default: last month)')
    .option('--dry-run', 'show what would change; change nothing')
    .option('--apply', 'apply at once without the review step (audited)')
    .option('--newly-eligible', 'only customers who are not key accounts yet (the monthly run before the 10th)')
    .action(async (options: { month?: string; dryRun?: boolean; apply?: boolean; newlyEligible?: boolean }) => {
      if (options.dryRun && options.apply) throw new CliError('--dry-run and --apply exclude each other', USAGE);
      const month = options.month === undefined ? lastCompleteMonth(new Date()) : monthArg(options.month);
      const db = await io.database();
      const system = await findUserByUsername(db, 'system');
      const outcome = await runRegrade(db, {
        month,
        scope: options.newlyEligible ? 'newly_eligible' : 'full',
        mode: options.dryRun ? 'dry_run' : options.apply ? 'apply' : 'propose',
        actor: { id: system?.id ?? null, name: 'cli' },
        origin: 'cli',
      });
      switch (outcome.mode) {
        case 'dry_run':
          io.out(`Dry run for ${month}: nothing changed\n`);
          for (const org of outcome.simulation.byOrgUnit) io.out(`  ${org.orgUnitCode} ${org.orgUnitName}: ${JSON.stringify(org.summary)}\n`);
          break;
        case 'propose':
          io.out(`Proposal #${outcome.run.id} for ${month} waits for district review (web: 规则 › 重新定级)\n`);
          break;
        case 'apply':
          io.out(
            `Applied run #${outcome.run.id} for ${month}: ${outcome.smsQueued} SMS queued, ${outcome.reassignmentTasks} reassignment task(s), ` +
              `${outcome.creditProfiles} credit profile(s) rated, benefits +${outcome.benefitsGranted} −${outcome.benefitsRevoked}\n`,
          );
          break;
      }
      io.out(`${JSON.stringify(outcome.summary)}\n`);
    });
}
