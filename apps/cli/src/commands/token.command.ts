import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { appendAudit, findApiToken, findApiTokenByName } from '@patron/db';
import { isRoleCode, type RoleCode } from '@patron/domain';
import { AppError, createApiToken, revokeApiToken } from '@patron/server';
import { CliError, type CliIo } from '../cli-io';

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 3650) throw new InvalidArgumentError('a whole number of days, 1-3650');
  return parsed;
}

export function registerToken(program: Command, io: CliIo): void {
  const token = program.command('token').description('manage API tokens for integration clients');

  token
    .command('create')
    .description('create an API token; prints the token alone on stdout (shown once)')
    .requiredOption('--name <name>', 'client name')
    .requiredOption('--role <code>', 'role the client acts with (usually integration)')
    .option('--org <code>', 'org unit the client is bound to', 'HQ')
    .option('--days <n>', 'validity in days', positiveInt, 365)
    .action(async (options: { name: string; role: string; org: string; days: number }) => {
      if (!isRoleCode(options.role)) throw new CliError(`Unknown role: ${options.role}`, 2);
      const db = await io.database();
      const created = await db
        .transaction(async (tx) => {
          const result = await createApiToken(tx, {
            name: options.name,
            role: options.role as RoleCode,
            orgUnitCode: options.org,
            expiresInDays: options.days,
            createdBy: null,
            now: new Date(),
          });
          const { token: _secret, ...recorded } = result;
          await appendAudit(tx, { actorName: 'cli', action: 'api_token.create', entityType: 'api_token', entityId: result.id, after: recorded });
          return result;
        })
        .catch((error: unknown) => {
          if (error instanceof AppError) throw new CliError(`${error.message}${error.details.map((d) => ` (${d.path}: ${d.message})`).join('')}`);
          throw error;
        });
      io.out(`${created.token}\n`);
    });

  token
    .command('revoke')
    .description('revoke an API token by client name or id')
    .argument('<nameOrId>')
    .action(async (nameOrId: string) => {
      const db = await io.database();
      await db.transaction(async (tx) => {
        const found = /^\d+$/.test(nameOrId) ? await findApiToken(tx, Number(nameOrId)) : await findApiTokenByName(tx, nameOrId);
        if (!found) throw new CliError(`No API token ${nameOrId}`);
        await revokeApiToken(tx, found, new Date());
        await appendAudit(tx, { actorName: 'cli', action: 'api_token.revoke', entityType: 'api_token', entityId: found.id, before: found });
      });
      io.out(`Revoked ${nameOrId}\n`);
    });
}
