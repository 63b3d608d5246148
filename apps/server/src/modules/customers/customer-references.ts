import type { CustomerFilterValue } from '@patron/contracts';
import { findCustomerByNo, findOrgUnit, findUserByUsername, type CustomerFilter, type CustomerRecord, type Executor, type OrgUnit } from '@patron/db';
import type { AccessContext } from '@patron/domain';
import { invalid } from '../../errors';

/**
 * Resolving what a request names (org units, managers, groups) into rows. Anything missing, inactive
 * or outside the caller's reach is one answer, "no such X", with the field's path: a caller learns
 * nothing about the parts of the organisation it cannot see.
 */

const ENCLOSING_KINDS: ReadonlySet<string> = new Set(['district', 'team']);

/**
 * Where the caller may put customers. Subtree roles: anywhere below their unit. Account managers
 * and team leads work from a team under a district, and customers are filed at the district, so
 * their own unit, anything below it, and the district and team above it.
 */
export function withinReach(access: AccessContext, unit: OrgUnit): boolean {
  switch (access.dataScope) {
    case 'subtree':
      return unit.path.startsWith(access.orgPath);
    case 'team':
    case 'own':
      return unit.path.startsWith(access.orgPath) || (access.orgPath.startsWith(unit.path) && ENCLOSING_KINDS.has(unit.kind));
    case 'aggregate':
    case 'none':
      return false;
  }
}

export async function orgUnitInReach(db: Executor, access: AccessContext, code: string, path = 'orgUnit'): Promise<OrgUnit> {
  const unit = await findOrgUnit(db, code);
  if (!unit || !unit.active || !withinReach(access, unit)) throw invalid(path, `No active org unit ${code} within your organisation`);
  return unit;
}

/** A phone manager (or an account manager doing that job) in the caller's subtree. */
export async function phoneManagerInReach(db: Executor, access: AccessContext, username: string, path = 'phoneManager'): Promise<number> {
  const user = await findUserByUsername(db, username);
  const unit = user && user.active ? await findOrgUnit(db, user.orgUnitCode) : undefined;
  const eligible = user?.roles.some((role) => role === 'phone_manager' || role === 'account_manager') ?? false;
  if (!user || !unit || !eligible || !unit.path.startsWith(access.orgPath)) {
    throw invalid(path, `No active phone manager ${username} in your organisation`);
  }
  return user.id;
}

/** The group a member unit belongs to: a group customer the caller can see. */
export async function parentGroupInScope(db: Executor, access: AccessContext, customerNo: string, path = 'parentCustomerNo'): Promise<CustomerRecord> {
  const parent = await findCustomerByNo(db, access, customerNo);
  if (!parent || parent.kind !== 'group') throw invalid(path, `No group customer ${customerNo} in your scope`);
  return parent;
}

/** List filters name org units and managers by code; an unknown one is a mistake worth saying. */
export async function orgUnitPath(db: Executor, code: string, path = 'orgUnit'): Promise<string> {
  const unit = await findOrgUnit(db, code);
  if (!unit) throw invalid(path, `No org unit ${code}`);
  return unit.path;
}

export async function managerId(db: Executor, username: string, path = 'manager'): Promise<number> {
  const user = await findUserByUsername(db, username);
  if (!user || user.username === 'system') throw invalid(path, `No user ${username}`);
  return user.id;
}

/** The list query's filters (codes and usernames) as the repository takes them (paths and ids). */
export async function resolveListFilter(db: Executor, filter: CustomerFilterValue): Promise<CustomerFilter> {
  const { orgUnit, manager, ...rest } = filter;
  return {
    ...rest,
    ...(orgUnit ? { orgUnitPath: await orgUnitPath(db, orgUnit) } : {}),
    ...(manager ? { manager: manager === 'none' ? 'none' : await managerId(db, manager) } : {}),
  };
}
