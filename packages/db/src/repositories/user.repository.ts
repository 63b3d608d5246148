import { sql, type SQL } from 'drizzle-orm';
import { widestScope, type AccessContext, type DataScope, type Permission, type RoleCode } from '@patron/domain';
import type { Executor } from '../database';
import { likeContains, offsetOf, type Page, type PageRequest } from './paging';

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: RoleCode[];
  orgUnitCode: string;
  orgUnitName: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  locale: 'zh-CN' | 'en';
  createdAt: Date;
}

const columns = sql`u.id, u.username, u.display_name AS "displayName",
  COALESCE((SELECT array_agg(r.role_code ORDER BY r.role_code) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles,
  o.code AS "orgUnitCode", o.name AS "orgUnitName", u.phone, u.email, u.active, u.locale, u.created_at AS "createdAt"`;

export interface UserFilter {
  q?: string;
  orgUnit?: string;
  role?: string;
}

export async function listUsers(db: Executor, filter: UserFilter, paging: PageRequest): Promise<Page<User>> {
  const conditions: SQL[] = [sql`NOT u.system`];
  if (filter.q) {
    const pattern = likeContains(filter.q);
    conditions.push(sql`(u.username ILIKE ${pattern} OR u.display_name ILIKE ${pattern})`);
  }
  if (filter.orgUnit) {
    conditions.push(sql`o.path LIKE (SELECT path FROM org_units WHERE code = ${filter.orgUnit}) || '%'`);
  }
  if (filter.role) conditions.push(sql`EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role_code = ${filter.role})`);
  const where = sql.join(conditions, sql` AND `);
  const from = sql`FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE ${where}`;
  const [items, count] = await Promise.all([
    db.rows<User>(sql`SELECT ${columns} ${from} ORDER BY u.username LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total ${from}`),
  ]);
  return { items, total: count?.total ?? 0, ...paging };
}

export function findUser(db: Executor, id: number): Promise<User | undefined> {
  return db.first<User>(sql`SELECT ${columns} FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = ${id}`);
}

export function findUserByUsername(db: Executor, username: string): Promise<User | undefined> {
  return db.first<User>(
    sql`SELECT ${columns} FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.username = ${username}`,
  );
}

export interface Credentials {
  id: number;
  passwordHash: string | null;
  active: boolean;
}

export function findCredentials(db: Executor, username: string): Promise<Credentials | undefined> {
  return db.first<Credentials>(
    sql`SELECT id, password_hash AS "passwordHash", active FROM users WHERE username = ${username} AND NOT system`,
  );
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string | null;
  orgUnitId: number;
  roles: readonly RoleCode[];
  phone?: string | null;
  email?: string | null;
}

export async function insertUser(tx: Executor, user: NewUser): Promise<User> {
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO users (username, display_name, password_hash, org_unit_id, phone, email)
    VALUES (${user.username}, ${user.displayName}, ${user.passwordHash}, ${user.orgUnitId}, ${user.phone ?? null}, ${user.email ?? null})
    RETURNING id`);
  const id = (row as { id: number }).id;
  await setUserRoles(tx, id, user.roles);
  return (await findUser(tx, id)) as User;
}

export async function setUserRoles(tx: Executor, userId: number, roles: readonly RoleCode[]): Promise<void> {
  await tx.run(sql`DELETE FROM user_roles WHERE user_id = ${userId}`);
  for (const role of roles) await tx.run(sql`INSERT INTO user_roles (user_id, role_code) VALUES (${userId}, ${role})`);
}

export interface UserPatch {
  displayName?: string;
  orgUnitId?: number;
  active?: boolean;
  phone?: string | null;
  email?: string | null;
  locale?: 'zh-CN' | 'en';
}

export async function updateUser(tx: Executor, id: number, patch: UserPatch): Promise<void> {
  // A null in the patch clears phone/email; an absent key leaves them.
  const keep = (key: keyof UserPatch) => !(key in patch);
  await tx.run(sql`
    UPDATE users SET
      display_name = COALESCE(${patch.displayName ?? null}, display_name),
      org_unit_id = COALESCE(${patch.orgUnitId ?? null}::bigint, org_unit_id),
      active = COALESCE(${patch.active ?? null}::boolean, active),
      phone = CASE WHEN ${keep('phone')} THEN phone ELSE ${patch.phone ?? null} END,
      email = CASE WHEN ${keep('email')} THEN email ELSE ${patch.email ?? null} END,
      locale = COALESCE(${patch.locale ?? null}, locale),
      updated_at = now()
    WHERE id = ${id}`);
}

export async function setPasswordHash(tx: Executor, id: number, passwordHash: string): Promise<void> {
  await tx.run(sql`UPDATE users SET password_hash = ${passwordHash}, updated_at = now() WHERE id = ${id}`);
}

interface AccessRow {
  userId: number;
  username: string;
  displayName: string;
  orgUnitId: number;
  orgUnitCode: string;
  orgPath: string;
  roles: RoleCode[] | null;
  scopes: DataScope[] | null;
  permissions: Permission[] | null;
  unmaskedFields: string[] | null;
  unmaskableFields: string[] | null;
}

/** The user, org and merged role grants in one statement; `userFilter` picks the user. */
function accessQuery(userFilter: SQL, extraColumns: SQL = sql``): SQL {
  return sql`
    SELECT u.id AS "userId", u.username, u.display_name AS "displayName", o.id AS "orgUnitId",
      o.code AS "orgUnitCode", o.path AS "orgPath", g.roles, g.scopes, g.permissions,
      g.unmasked AS "unmaskedFields", g.unmaskable AS "unmaskableFields" ${extraColumns}
    FROM users u
    JOIN org_units o ON o.id = u.org_unit_id AND o.active
    CROSS JOIN LATERAL (
      SELECT array_agg(r.code) AS roles, array_agg(r.data_scope) AS scopes,
        (SELECT array_agg(DISTINCT x) FROM roles r2 JOIN user_roles ur2 ON ur2.role_code = r2.code, unnest(r2.permissions) x WHERE ur2.user_id = u.id) AS permissions,
        (SELECT array_agg(DISTINCT x) FROM roles r2 JOIN user_roles ur2 ON ur2.role_code = r2.code, unnest(r2.unmasked_fields) x WHERE ur2.user_id = u.id) AS unmasked,
        (SELECT array_agg(DISTINCT x) FROM roles r2 JOIN user_roles ur2 ON ur2.role_code = r2.code, unnest(r2.unmaskable_fields) x WHERE ur2.user_id = u.id) AS unmaskable
      FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id
    ) g
    WHERE u.active AND ${userFilter}`;
}

function toAccessContext(row: AccessRow): AccessContext {
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    orgUnitId: row.orgUnitId,
    orgUnitCode: row.orgUnitCode,
    orgPath: row.orgPath,
    roles: row.roles ?? [],
    dataScope: widestScope(row.scopes ?? []),
    permissions: new Set(row.permissions ?? []),
    unmaskedFields: new Set(row.unmaskedFields ?? []),
    unmaskableFields: new Set(row.unmaskableFields ?? []),
  };
}

/** Resolves a user into the access context every repository call takes; undefined when inactive. */
export async function loadAccessContext(db: Executor, userId: number): Promise<AccessContext | undefined> {
  const row = await db.first<AccessRow>(accessQuery(sql`u.id = ${userId}`));
  return row && toAccessContext(row);
}

/**
 * The caller behind a live (unrevoked, unexpired) token, resolved in one statement because it runs on
 * every request. Undefined when the token, its user or the user's org unit is no longer valid.
 */
export async function loadAccessByToken(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ tokenId: number; access: AccessContext } | undefined> {
  const row = await db.first<AccessRow & { tokenId: number }>(
    accessQuery(
      sql`u.id = (SELECT t.user_id FROM auth_tokens t WHERE t.token_hash = ${tokenHash} AND t.revoked_at IS NULL
        AND t.expires_at > ${now.toISOString()})`,
      sql`, (SELECT t.id FROM auth_tokens t WHERE t.token_hash = ${tokenHash}) AS "tokenId"`,
    ),
  );
  return row && { tokenId: row.tokenId, access: toAccessContext(row) };
}
