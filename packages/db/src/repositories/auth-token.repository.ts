import { sql } from 'drizzle-orm';
import type { Executor } from '../database';

export type TokenKind = 'session' | 'api';

export async function insertToken(
  tx: Executor,
  token: { kind: TokenKind; tokenHash: string; userId: number; name?: string | null; createdBy?: number | null; expiresAt: Date },
): Promise<number> {
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO auth_tokens (kind, token_hash, user_id, name, created_by, expires_at)
    VALUES (${token.kind}, ${token.tokenHash}, ${token.userId}, ${token.name ?? null}, ${token.createdBy ?? null},
      ${token.expiresAt.toISOString()})
    RETURNING id`);
  return (row as { id: number }).id;
}

/** Records use at most once a minute, so a busy client does not turn every read into a write. */
export async function touchToken(db: Executor, id: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.run(sql`UPDATE auth_tokens SET last_used_at = ${at}
    WHERE id = ${id} AND (last_used_at IS NULL OR last_used_at < ${at}::timestamptz - interval '1 minute')`);
}

export function revokeToken(tx: Executor, id: number, now: Date): Promise<number> {
  return tx.run(sql`UPDATE auth_tokens SET revoked_at = ${now.toISOString()} WHERE id = ${id} AND revoked_at IS NULL`);
}

export interface ApiTokenView {
  id: number;
  name: string;
  userId: number;
  username: string;
  role: string | null;
  orgUnitCode: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const apiTokenColumns = sql`t.id, t.name, t.user_id AS "userId", u.username,
  (SELECT min(r.role_code) FROM user_roles r WHERE r.user_id = u.id) AS role, o.code AS "orgUnitCode",
  c.username AS "createdBy", t.created_at AS "createdAt", t.expires_at AS "expiresAt",
  t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt"`;
const apiTokenFrom = sql`FROM auth_tokens t JOIN users u ON u.id = t.user_id JOIN org_units o ON o.id = u.org_unit_id
  LEFT JOIN users c ON c.id = t.created_by`;

export function listApiTokens(db: Executor): Promise<ApiTokenView[]> {
  return db.rows<ApiTokenView>(sql`SELECT ${apiTokenColumns} ${apiTokenFrom} WHERE t.kind = 'api' ORDER BY t.id DESC`);
}

export function findApiToken(db: Executor, id: number): Promise<ApiTokenView | undefined> {
  return db.first<ApiTokenView>(sql`SELECT ${apiTokenColumns} ${apiTokenFrom} WHERE t.kind = 'api' AND t.id = ${id}`);
}

export function findApiTokenByName(db: Executor, name: string): Promise<ApiTokenView | undefined> {
  return db.first<ApiTokenView>(
    sql`SELECT ${apiTokenColumns} ${apiTokenFrom} WHERE t.kind = 'api' AND t.name = ${name} ORDER BY t.id DESC LIMIT 1`,
  );
}
