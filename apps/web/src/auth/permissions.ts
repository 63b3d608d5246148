import type { SessionUser } from '../api/types';

// Permission codes the UI knows how to name; the server may add more, which are shown by code.
export const permissionGroups = {
  admin: ['org.manage', 'user.manage', 'role.manage', 'token.manage', 'audit.read', 'job.read', 'system.manage'],
  customer: ['customer.read', 'customer.write', 'customer.assign', 'customer.assign.override', 'pii.unmask'],
  report: ['report.read', 'rule.manage'],
  integration: ['integration.api'],
  rules: ['grade.review'],
  service: ['service.desk'],
} as const;
export type PermissionGroup = keyof typeof permissionGroups;
export type KnownPermission = (typeof permissionGroups)[PermissionGroup][number];
export const knownPermissions: readonly KnownPermission[] = Object.values(permissionGroups).flat();

type Underscored<S extends string> = S extends `${infer Head}.${infer Tail}` ? `${Head}_${Underscored<Tail>}` : S;
export type PermissionKey = Underscored<KnownPermission>;

// i18next reads dots as nesting, and `customer.assign` is both a permission and a prefix of another.
export function permissionKey(code: string): PermissionKey | undefined {
  return (knownPermissions as readonly string[]).includes(code) ? (code.replaceAll('.', '_') as PermissionKey) : undefined;
}

// What each page needs: the navigation and the route guards read the same table.
export const pageAccess = {
  home: [],
  customers: ['customer.read'],
  customerManagers: ['customer.assign', 'report.read'],
  customerImport: ['customer.write'],
  orgUnits: ['org.manage'],
  users: ['user.manage'],
  roles: ['role.manage'],
  apiTokens: ['token.manage'],
  audit: ['audit.read'],
  jobs: ['job.read'],
  workOrders: ['customer.read'],
  workOrderBoard: ['customer.read'],
  compensations: ['customer.read'],
  slaQuote: ['customer.read'],
  calendar: ['system.manage', 'rule.manage'],
  ruleSets: ['rule.manage', 'grade.review'],
  regrade: ['rule.manage', 'grade.review'],
  potential: ['customer.read', 'grade.review'],
  pointsAdjustments: ['grade.review'],
  complaints: ['customer.read', 'service.desk'],
  revisits: ['customer.write'],
  complaintMeasures: ['customer.read', 'service.desk', 'report.read'],
  tmfHubs: ['system.manage'],
  outboundQueue: ['service.desk'],
  questionnaires: ['rule.manage'],
  surveySend: ['service.desk', 'customer.write'],
  revisitMeasures: ['customer.read', 'service.desk', 'report.read'],
  surveyMeasures: ['customer.read', 'service.desk', 'report.read'],
  surveyResponses: ['customer.read', 'service.desk', 'report.read'],
  notifications: [],
} as const satisfies Record<string, readonly KnownPermission[]>;
export type PageKey = keyof typeof pageAccess;

export const dashboardPermissions: readonly KnownPermission[] = ['customer.read', 'report.read'];

// An empty requirement means any signed-in user.
export function hasAnyPermission(user: Pick<SessionUser, 'permissions'> | null | undefined, required: readonly string[]): boolean {
  if (!user) return false;
  return required.length === 0 || required.some((p) => user.permissions.includes(p));
}

export function canOpen(user: Pick<SessionUser, 'permissions'> | null | undefined, page: PageKey): boolean {
  return hasAnyPermission(user, pageAccess[page]);
}
