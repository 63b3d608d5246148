import { z } from 'zod';
import { DATA_SCOPES, ORG_UNIT_KINDS, PERMISSIONS, ROLE_CODES } from '@patron/domain';
import { Locale, OrgCode, Password, PageQuery, Timestamp, Username } from './common';

export const RoleCodeSchema = z.enum(ROLE_CODES);
export const PermissionSchema = z.enum(PERMISSIONS);
export const PiiFieldSchema = z.enum(['phone', 'idNumber', 'address', 'birthday', 'email']);

export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  locale: Locale,
  permissions: z.array(z.string()),
});

export const LoginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export const LoginReply = z.object({ token: z.string(), expiresAt: Timestamp, user: SessionUser });
export const MeReply = z.object({ user: SessionUser });
export const MePatch = z.object({ locale: Locale });

export const OrgUnitSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORG_UNIT_KINDS),
  parentCode: z.string().nullable(),
  path: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export const OrgUnitCreate = z.object({
  code: OrgCode,
  name: z.string().trim().min(1).max(100),
  kind: z.enum(ORG_UNIT_KINDS).exclude(['hq']),
  parentCode: OrgCode,
  sortOrder: z.number().int().optional(),
});
export const OrgUnitPatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  active: z.boolean().optional(),
  sortOrder: z.number().int().optional(),
});
export const OrgUnitListQuery = PageQuery.extend({ pageSize: z.coerce.number().int().min(1).max(1000).default(1000) });

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  locale: Locale,
  createdAt: Timestamp,
});
export const UserListQuery = PageQuery.extend({
  q: z.string().max(100).optional(),
  orgUnit: z.string().max(40).optional(),
  role: z.string().max(40).optional(),
});
const Phone = z.string().regex(/^1[3-9]\d{9}$/, '11-digit mainland mobile number');
export const UserCreate = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(60),
  password: Password,
  roles: z.array(RoleCodeSchema).min(1),
  orgUnitCode: OrgCode,
  phone: Phone.nullish(),
  email: z.email().nullish(),
});
export const UserPatchBody = z.object({
  displayName: z.string().trim().min(1).max(60).optional(),
  roles: z.array(RoleCodeSchema).min(1).optional(),
  orgUnitCode: OrgCode.optional(),
  active: z.boolean().optional(),
  phone: Phone.nullish(),
  email: z.email().nullish(),
});
export const PasswordBody = z.object({ password: Password });

export const RoleSchema = z.object({
  code: z.string(),
  dataScope: z.enum(DATA_SCOPES),
  unmaskedFields: z.array(z.string()),
  unmaskableFields: z.array(z.string()),
  permissions: z.array(z.string()),
});
export const RolePatch = z.object({
  dataScope: z.enum(DATA_SCOPES).optional(),
  unmaskedFields: z.array(PiiFieldSchema).optional(),
  unmaskableFields: z.array(PiiFieldSchema).optional(),
  permissions: z.array(PermissionSchema).optional(),
});

export const ApiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.string().nullable(),
  orgUnitCode: z.string(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export const ApiTokenCreate = z.object({
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$/, 'letters, digits, dot, dash, underscore'),
  role: RoleCodeSchema,
  orgUnitCode: OrgCode,
  expiresInDays: z.number().int().min(1).max(3650).default(365),
});
export const ApiTokenCreated = ApiTokenSchema.extend({ token: z.string() });

export const AuditQuery = PageQuery.extend({
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export const AuditEventSchema = z.object({
  id: z.number().int(),
  occurredAt: Timestamp,
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
