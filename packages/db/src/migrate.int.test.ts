import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { listMigrations, migrate, pendingMigrations } from './migrate';
import { openTestDatabase, testDatabaseKinds } from './testing';
import type { Database } from './database';

describe.each(testDatabaseKinds())('migrations on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it('leaves nothing pending and applies nothing twice', async () => {
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
    const rows = await db.rows<{ id: string }>(sql`SELECT id FROM schema_migrations ORDER BY id`);
    expect(rows.map((row) => row.id)).toEqual(listMigrations().map((migration) => migration.id));
  });

  it('parses values the same way on both drivers', async () => {
    const row = await db.first<{ id: number; day: string; amount: string; at: Date }>(
      sql`SELECT 9007199254740::int8 AS id, DATE '2026-02-17' AS day, 12.30::numeric(12,2) AS amount, now() AS at`,
    );
    expect(row).toMatchObject({ id: 9007199254740, day: '2026-02-17', amount: '12.30' });
    expect(row?.at).toBeInstanceOf(Date);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO org_units (code, name, kind, path) VALUES ('X1', 'x', 'province', '/X1/')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.first(sql`SELECT 1 FROM org_units WHERE code = 'X1'`)).toBeUndefined();
  });

  it('keeps the audit table append-only', async () => {
    await db.run(sql`INSERT INTO audit_events (action) VALUES ('test')`);
    await expect(db.run(sql`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
