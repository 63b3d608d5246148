import { sql } from 'drizzle-orm';
import type { DataScope, Permission, RoleCode } from '@patron/domain';
import type { Executor } from '../database';

export interface Role {
  code: RoleCode;
  dataScope: DataScope;
  unmaskedFields: string[];
  unmaskableFields: string[];
  permissions: Permission[];
}

const columns = sql`code, data_scope AS "dataScope", unmasked_fields AS "unmaskedFields",
  unmaskable_fields AS "unmaskableFields", permissions`;

export function listRoles(db: Executor): Promise<Role[]> {
  return db.rows<Role>(sql`SELECT ${columns} FROM roles ORDER BY array_position(ARRAY[
    'admin','province_manager','city_manager','district_manager','team_lead','account_manager',
    'phone_manager','outbound_agent','analyst','integration']::text[], code), code`);
}

export function findRole(db: Executor, code: string): Promise<Role | undefined> {
  return db.first<Role>(sql`SELECT ${columns} FROM roles WHERE code = ${code}`);
}

export async function updateRole(
  tx: Executor,
  code: string,
  patch: Partial<Omit<Role, 'code'>>,
): Promise<Role | undefined> {
  const array = (values: readonly string[] | undefined) => (values ? sql`${`{${values.join(',')}}`}::text[]` : sql`NULL`);
  await tx.run(sql`
    UPDATE roles SET
      data_scope = COALESCE(${patch.dataScope ?? null}, data_scope),
      unmasked_fields = COALESCE(${array(patch.unmaskedFields)}, unmasked_fields),
      unmaskable_fields = COALESCE(${array(patch.unmaskableFields)}, unmaskable_fields),
      permissions = COALESCE(${array(patch.permissions)}, permissions),
      updated_at = now()
    WHERE code = ${code}`);
  return findRole(tx, code);
}
