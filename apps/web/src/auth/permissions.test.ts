import { describe, expect, it } from 'vitest';
import { canOpen, hasAnyPermission, knownPermissions, permissionKey } from './permissions';
import { zhCN } from '../i18n/zh-CN';

const accountManager = { permissions: ['customer.read', 'customer.write', 'pii.unmask'] };
const admin = { permissions: ['org.manage', 'user.manage', 'role.manage', 'token.manage', 'audit.read', 'job.read', 'system.manage'] };

describe('page access', () => {
  it('an account manager opens customers but no admin page', () => {
    expect(canOpen(accountManager, 'customers')).toBe(true);
    for (const page of ['orgUnits', 'users', 'roles', 'apiTokens', 'audit', 'jobs'] as const) expect(canOpen(accountManager, page)).toBe(false);
  });

  it('an admin opens every admin page but has no customer access by default', () => {
    for (const page of ['orgUnits', 'users', 'roles', 'apiTokens', 'audit', 'jobs'] as const) expect(canOpen(admin, page)).toBe(true);
    expect(canOpen(admin, 'customers')).toBe(false);
  });

  it('home needs only a session', () => {
    expect(canOpen({ permissions: [] }, 'home')).toBe(true);
    expect(hasAnyPermission(null, [])).toBe(false);
  });
});

describe('permissionKey', () => {
  it('names every known permission in the reference locale', () => {
    for (const code of knownPermissions) {
      const key = permissionKey(code);
      expect(key, code).toBeDefined();
      expect(zhCN.permissionNames[key!], code).toBeTruthy();
    }
  });

  it('distinguishes customer.assign from customer.assign.override', () => {
    expect(permissionKey('customer.assign')).toBe('customer_assign');
    expect(permissionKey('customer.assign.override')).toBe('customer_assign_override');
    expect(permissionKey('future.thing')).toBeUndefined();
  });
});
