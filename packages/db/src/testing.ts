import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, wrapPglite, type Database, type DatabaseKind } from './database';
import { migrate } from './migrate';

/**
 * Test databases. Every database test runs on PGlite, and again on PostgreSQL when TEST_DATABASE_URL
 * is set: `describe.each(testDatabaseKinds())`. Each call gets a fresh, migrated, empty database.
 */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];
}

let pgliteTemplate: Promise<PGlite> | undefined;

async function freshPglite(): Promise<Database> {
  pgliteTemplate ??= (async () => {
    const db = await openDatabase({});
    await migrate(db);
    return db.pglite as PGlite;
  })();
  // Cloning a migrated instance takes about a second; migrating from scratch takes several.
  const clone = (await (await pgliteTemplate).clone()) as PGlite;
  return wrapPglite(clone);
}

async function freshPostgres(adminUrl: string): Promise<Database> {
  const name = `patron_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), maxConnections: 5 });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export async function openTestDatabase(kind: DatabaseKind = 'pglite'): Promise<Database> {
  if (kind === 'pglite') return freshPglite();
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return freshPostgres(url);
}
