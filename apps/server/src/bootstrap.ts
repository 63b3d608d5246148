import { readFileSync } from 'node:fs';
import { findUserByUsername, insertUser, migrate, openDatabase, sql, type Database } from '@patron/db';
import type { Config } from './config';
import { seedDemoData } from './demo';
import { hashPassword } from './modules/auth/password';
import { generatePassword } from './modules/auth/tokens';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
}

export interface Announcer {
  (line: string): void;
}

/**
 * First start: the `admin` user, with PATRON_ADMIN_PASSWORD or a generated password printed once.
 * Returns true when it created the admin, i.e. the database was new.
 */
export async function ensureAdmin(db: Database, config: Config, announce: Announcer): Promise<boolean> {
  if (await findUserByUsername(db, 'admin')) return false;
  const password = config.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const hq = await tx.first<{ id: number }>(sql`SELECT id FROM org_units WHERE code = 'HQ'`);
    await insertUser(tx, { username: 'admin', displayName: '系统管理员', passwordHash, orgUnitId: hq!.id, roles: ['admin'] });
  });
  if (!config.adminPassword) announce(`Created user admin with password: ${password} (shown once; set PATRON_ADMIN_PASSWORD to choose it)`);
  else announce('Created user admin with the password from PATRON_ADMIN_PASSWORD');
  return true;
}

/** Migrates, creates the admin, and seeds the demo province on a new embedded database unless PATRON_DEMO=0. */
export async function prepareDatabase(db: Database, config: Config, announce: Announcer): Promise<void> {
  const applied = await migrate(db);
  if (applied.length > 0) announce(`Applied migrations: ${applied.join(', ')}`);
  const fresh = await ensureAdmin(db, config, announce);
  // PostgreSQL deployments get demo data only from `npx patron demo`, never as a side effect of starting.
  if (fresh && !config.databaseUrl && config.demo !== false) {
    const password = config.demoPassword ?? generatePassword();
    announce(`Seeded demo data: ${await seedDemoData(db, password)}`);
    // Fresh planner statistics: PGlite has no autovacuum to gather them.
    await db.exec('ANALYZE');
    if (!config.demoPassword) announce(`Demo users share the password: ${password} (shown once; set PATRON_DEMO_PASSWORD to choose it)`);
  }
}
