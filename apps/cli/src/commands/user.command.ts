import type { Command } from 'commander';
import { appendAudit, findOrgUnit, findUserByUsername, insertUser, setPasswordHash } from '@patron/db';
import { isRoleCode, type RoleCode } from '@patron/domain';
import { generatePassword, hashPassword } from '@patron/server';
import { CliError, type CliIo } from '../cli-io';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseRoles(values: string[]): RoleCode[] {
  const unknown = values.filter((value) => !isRoleCode(value));
  if (unknown.length > 0) throw new CliError(`Unknown role: ${unknown.join(', ')}`, 2);
  return values as RoleCode[];
}

export function registerUser(program: Command, io: CliIo): void {
  const user = program.command('user').description('manage users');

  user
    .command('create')
    .description('create a user (prints the password when generated)')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--role <code>', 'role code, repeatable', collect, [])
    .requiredOption('--org <code>', 'org unit code')
    .option('--name <displayName>', 'display name (default: the username)')
    .option('--password <password>', 'password (default: generated and printed)')
    .action(async (options: { username: string; role: string[]; org: string; name?: string; password?: string }) => {
      const roles = parseRoles(options.role);
      if (options.password !== undefined && options.password.length < 8) {
        throw new CliError('--password: at least 8 characters', 2);
      }
      const password = options.password ?? generatePassword();
      const passwordHash = await hashPassword(password);
      const db = await io.database();
      await db.transaction(async (tx) => {
        if (await findUserByUsername(tx, options.username)) throw new CliError(`User ${options.username} exists`);
        const unit = await findOrgUnit(tx, options.org);
        if (!unit) throw new CliError(`No org unit ${options.org}`);
        const created = await insertUser(tx, {
          username: options.username,
          displayName: options.name ?? options.username,
          passwordHash,
          orgUnitId: unit.id,
          roles,
        });
        await appendAudit(tx, { actorName: 'cli', action: 'user.create', entityType: 'user', entityId: created.id, after: created });
      });
      io.out(options.password ? `Created user ${options.username}\n` : `Created user ${options.username} with password: ${password}\n`);
    });

  user
    .command('reset-password')
    .description('set a new password (prints it when generated)')
    .argument('<username>')
    .option('--password <password>', 'new password (default: generated and printed)')
    .action(async (username: string, options: { password?: string }) => {
      if (options.password !== undefined && options.password.length < 8) {
        throw new CliError('--password: at least 8 characters', 2);
      }
      const password = options.password ?? generatePassword();
      const passwordHash = await hashPassword(password);
      const db = await io.database();
      await db.transaction(async (tx) => {
        const found = await findUserByUsername(tx, username);
        if (!found || username === 'system') throw new CliError(`No user ${username}`);
        await setPasswordHash(tx, found.id, passwordHash);
        await appendAudit(tx, { actorName: 'cli', action: 'user.password_reset', entityType: 'user', entityId: found.id });
      });
      io.out(options.password ? `Password changed for ${username}\n` : `New password for ${username}: ${password}\n`);
    });
}
