import type { DataScope, Permission, RoleCode } from './roles';

/** Who is asking, resolved once per request and passed to every repository call. */
export interface AccessContext {
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly RoleCode[];
  readonly orgUnitId: number;
  readonly orgUnitCode: string;
  /** '/HQ/DEMO/DEMO-01/': the caller's subtree is every path with this prefix. */
  readonly orgPath: string;
  readonly dataScope: DataScope;
  readonly permissions: ReadonlySet<Permission>;
  /** PII fields shown in full without asking. */
  readonly unmaskedFields: ReadonlySet<string>;
  /** PII fields the caller may unmask on request, with a reason, audited. */
  readonly unmaskableFields: ReadonlySet<string>;
}

export function can(ctx: AccessContext, permission: Permission): boolean {
  return ctx.permissions.has(permission);
}
