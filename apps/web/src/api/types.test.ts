import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type {
  ApiTokenSchema,
  AuditEventSchema,
  CustomerSchema,
  DashboardSummary as DashboardSummarySchema,
  OrgUnitSchema,
  RoleSchema,
  SessionUser as SessionUserSchema,
  UserSchema,
} from '@patron/contracts';
import { DATA_SCOPES, ORG_UNIT_KINDS, PERMISSIONS, ROLE_CODES } from '@patron/domain/access/roles';
import { knownPermissions } from '../auth/permissions';
import { dataScopes, orgUnitKinds, roleCodes } from './types';
import type { ApiToken, AuditEvent, Customer, DashboardSummary, OrgUnit, Role, SessionUser, User } from './types';

// The web keeps its own copies so the bundle never pulls server code; this catches drift instead.
describe('web code lists match the domain', () => {
  it('role codes', () => expect([...roleCodes].sort()).toEqual([...ROLE_CODES].sort()));
  it('data scopes', () => expect([...dataScopes].sort()).toEqual([...DATA_SCOPES].sort()));
  it('org unit kinds, in hierarchy order', () => expect([...orgUnitKinds]).toEqual([...ORG_UNIT_KINDS]));
  it('permissions', () => expect([...knownPermissions].sort()).toEqual([...PERMISSIONS].sort()));
});

// Wire types are hand-written because the contracts type instants as Date (they are strings on the
// wire). Every field the web reads must still exist in the contract: a rename fails the typecheck.
type Unknown<Web, Contract> = Exclude<keyof Web, keyof Contract>;

describe('web wire types only read fields the contracts define', () => {
  it('holds at the type level', () => {
    expectTypeOf<Unknown<SessionUser, z.infer<typeof SessionUserSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<OrgUnit, z.infer<typeof OrgUnitSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<User, z.infer<typeof UserSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<Role, z.infer<typeof RoleSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<ApiToken, z.infer<typeof ApiTokenSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<AuditEvent, z.infer<typeof AuditEventSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<Customer, z.infer<typeof CustomerSchema>>>().toEqualTypeOf<never>();
    expectTypeOf<Unknown<DashboardSummary, z.infer<typeof DashboardSummarySchema>>>().toEqualTypeOf<never>();
  });
});
