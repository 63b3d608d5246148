import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from './database';

const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 7_310_001;

export interface Migration {
  id: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ id: name.replace(/\.sql$/, ''), sql: readFileSync(migrationsDir + name, 'utf8') }));
}

/**
 * Forward-only: applies every migration not yet recorded, each in its own transaction. On PostgreSQL an
 * advisory lock makes app nodes that start together take turns instead of racing.
 */
export async function migrate(db: Database): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    const done = await db.transaction(async (tx) => {
      if (tx.kind === 'postgresql') await tx.run(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      const existing = await tx.first(sql`SELECT id FROM schema_migrations WHERE id = ${migration.id}`);
      if (existing) return false;
      await tx.exec(migration.sql);
      await tx.run(sql`INSERT INTO schema_migrations (id) VALUES (${migration.id})`);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}

export async function pendingMigrations(db: Database): Promise<string[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const rows = await db.rows<{ id: string }>(sql`SELECT id FROM schema_migrations`);
  const done = new Set(rows.map((row) => row.id));
  return listMigrations()
    .map((migration) => migration.id)
    .filter((id) => !done.has(id));
}
