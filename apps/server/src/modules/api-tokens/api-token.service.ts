import { findApiToken, findOrgUnit, insertToken, insertUser, sql, type ApiTokenView, type Executor } from '@patron/db';
import type { RoleCode } from '@patron/domain';
import { conflict, invalid } from '../../errors';
import { newToken } from '../auth/tokens';

export interface ApiTokenRequest {
  name: string;
  role: RoleCode;
  orgUnitCode: string;
  expiresInDays: number;
  createdBy: number | null;
  now: Date;
}

/**
 * An integration client is a hidden service user (no password, cannot sign in) holding one role in one
 * org unit, so the same scope and field policy apply to it as to people. The token is returned once.
 */
export async function createApiToken(tx: Executor, request: ApiTokenRequest): Promise<ApiTokenView & { token: string }> {
  const unit = await findOrgUnit(tx, request.orgUnitCode);
  if (!unit || !unit.active) throw invalid('orgUnitCode', `No active org unit ${request.orgUnitCode}`);
  const username = `api.${request.name.toLowerCase()}`;
  const taken = await tx.first(sql`SELECT 1 FROM users WHERE username = ${username}`);
  if (taken) throw conflict(`An API client named ${request.name} exists`, [{ path: 'name', message: 'taken' }]);
  const user = await insertUser(tx, {
    username,
    displayName: request.name,
    passwordHash: null,
    orgUnitId: unit.id,
    roles: [request.role],
  });
  await tx.run(sql`UPDATE users SET system = true WHERE id = ${user.id}`);
  const { token, tokenHash } = newToken('pat');
  const id = await insertToken(tx, {
    kind: 'api',
    tokenHash,
    userId: user.id,
    name: request.name,
    createdBy: request.createdBy,
    expiresAt: new Date(request.now.getTime() + request.expiresInDays * 86_400_000),
  });
  return { ...(await findApiToken(tx, id))!, token };
}

/** Revoking also deactivates the service user, so nothing it held keeps working. */
export async function revokeApiToken(tx: Executor, token: ApiTokenView, now: Date): Promise<void> {
  await tx.run(sql`UPDATE auth_tokens SET revoked_at = ${now.toISOString()} WHERE id = ${token.id} AND revoked_at IS NULL`);
  await tx.run(sql`UPDATE users SET active = false WHERE id = ${token.userId}`);
}
