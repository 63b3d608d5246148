// Wire types of the /api/v1 contract as the web app reads them: instants are ISO strings here, where
// the contracts' zod schemas (server side) type them as Date. types.test.ts checks both agree on names.
import type { AppLocale } from '../i18n/locale';

export const roleCodes = [
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
export type RoleCode = (typeof roleCodes)[number];

export const dataScopes = ['own', 'team', 'subtree', 'aggregate', 'none'] as const;
export type DataScope = (typeof dataScopes)[number];

export const piiFields = ['phone', 'idNumber', 'address', 'birthday', 'email'] as const;
export type PiiField = (typeof piiFields)[number];

export const orgUnitKinds = ['hq', 'province', 'city', 'district', 'team'] as const;
export type OrgUnitKind = (typeof orgUnitKinds)[number];

export const grades = ['diamond', 'gold', 'silver', 'guest', 'none'] as const;
export type Grade = (typeof grades)[number];

export const customerKinds = ['individual', 'group'] as const;
export type CustomerKind = (typeof customerKinds)[number];

export const jobStates = ['queued', 'running', 'completed', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SessionUser {
  id: number | string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitCode: string;
  orgUnitName: string;
  locale: AppLocale;
  permissions: string[];
}

export interface LoginReply {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface OrgUnit {
  id: number | string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentCode: string | null;
  path: string;
  active: boolean;
  sortOrder: number;
}

export interface User {
  id: number | string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitCode: string;
  orgUnitName: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  locale: AppLocale;
  createdAt: string;
}

export interface Role {
  code: string;
  dataScope: DataScope;
  unmaskedFields: string[];
  unmaskableFields: string[];
  permissions: string[];
}

export interface ApiToken {
  id: number | string;
  name: string;
  role: string | null;
  orgUnitCode: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface AuditEvent {
  id: number | string;
  occurredAt: string;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface Job {
  id: number | string;
  name: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface Customer {
  id: number | string;
  customerNo: string;
  kind: CustomerKind;
  name: string;
  grade: Grade;
  star: number | null;
  phone: string | null;
  idNumber?: string | null;
  address?: string | null;
  activatedOn?: string | null;
  orgUnit: string;
  orgUnitName: string;
  accountManager: string | number | null;
  accountManagerName: string | null;
}

export interface DashboardSummary {
  byGrade: Record<Grade, number>;
  total: number;
  byOrgUnit: { orgUnit: string; orgUnitName: string; total: number; vip: number; guest: number }[];
}

export interface Health {
  status: string;
  database: string;
  version: string;
}
