export const ROLE_CODES = [
  'admin',
  'province_manager',
  'city_manager',
  'district_manager',
  'team_lead',
  'account_manager',
  'phone_manager',
  'outbound_agent',
  'analyst',
  'integration',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export function isRoleCode(value: string): value is RoleCode {
  return (ROLE_CODES as readonly string[]).includes(value);
}

/**
 * What rows a role reaches: its own assigned customers, its team's, its org subtree's, only
 * aggregates, or nothing. Ordered from narrowest to widest so that a user with several roles gets
 * the widest of them.
 */
export const DATA_SCOPES = ['none', 'aggregate', 'own', 'team', 'subtree'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export function widestScope(scopes: readonly DataScope[]): DataScope {
  return scopes.reduce<DataScope>(
    (widest, scope) => (DATA_SCOPES.indexOf(scope) > DATA_SCOPES.indexOf(widest) ? scope : widest),
    'none',
  );
}

export const PERMISSIONS = [
  'org.manage',
  'user.manage',
  'role.manage',
  'token.manage',
  'audit.read',
  'job.read',
  'system.manage',
  'customer.read',
  'customer.write',
  'customer.assign',
  'customer.assign.override',
  'pii.unmask',
  'report.read',
  'rule.manage',
  'integration.api',
  'grade.review',
  'service.desk',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ORG_UNIT_KINDS = ['hq', 'province', 'city', 'district', 'team'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** A child must sit exactly one level below its parent: province under HQ, city under province… */
export function allowedChildKind(parent: OrgUnitKind): OrgUnitKind | undefined {
  return ORG_UNIT_KINDS[ORG_UNIT_KINDS.indexOf(parent) + 1];
}
