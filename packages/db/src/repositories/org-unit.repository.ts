import { sql } from 'drizzle-orm';
import type { OrgUnitKind } from '@patron/domain';
import type { Executor } from '../database';

export interface OrgUnit {
  id: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentCode: string | null;
  path: string;
  active: boolean;
  sortOrder: number;
}

const columns = sql`o.id, o.code, o.name, o.kind, p.code AS "parentCode", o.path, o.active, o.sort_order AS "sortOrder"`;

export function listOrgUnits(db: Executor, underPath = '/'): Promise<OrgUnit[]> {
  return db.rows<OrgUnit>(sql`
    SELECT ${columns} FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id
    WHERE o.path LIKE ${underPath + '%'} ORDER BY o.path`);
}

export function findOrgUnit(db: Executor, code: string): Promise<OrgUnit | undefined> {
  return db.first<OrgUnit>(sql`
    SELECT ${columns} FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id WHERE o.code = ${code}`);
}

export async function insertOrgUnit(
  tx: Executor,
  unit: { code: string; name: string; kind: OrgUnitKind; parent: OrgUnit; sortOrder?: number },
): Promise<OrgUnit> {
  const path = `${unit.parent.path}${unit.code}/`;
  await tx.run(sql`
    INSERT INTO org_units (code, name, kind, parent_id, path, sort_order)
    VALUES (${unit.code}, ${unit.name}, ${unit.kind}, ${unit.parent.id}, ${path}, ${unit.sortOrder ?? 0})`);
  return (await findOrgUnit(tx, unit.code)) as OrgUnit;
}

export async function updateOrgUnit(
  tx: Executor,
  code: string,
  patch: { name?: string; active?: boolean; sortOrder?: number },
): Promise<OrgUnit | undefined> {
  await tx.run(sql`
    UPDATE org_units SET
      name = COALESCE(${patch.name ?? null}, name),
      active = COALESCE(${patch.active ?? null}::boolean, active),
      sort_order = COALESCE(${patch.sortOrder ?? null}::int, sort_order),
      updated_at = now()
    WHERE code = ${code}`);
  return findOrgUnit(tx, code);
}
