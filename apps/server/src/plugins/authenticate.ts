import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type AccessContext, type Permission } from '@patron/domain';
import { loadAccessByToken, touchToken } from '@patron/db';
import type { App } from '../context';
import { AppError, forbidden } from '../errors';
import { hashToken } from '../modules/auth/tokens';

export const SESSION_COOKIE = 'patron_session';

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return request.cookies[SESSION_COOKIE];
}

/** Resolves the caller on every request; routes then ask for what they need with `authorize`. */
export function registerAuthentication(app: App): void {
  app.decorateRequest('access', null);
  app.decorateRequest('tokenId', null);
  app.addHook('onRequest', async (request) => {
    const token = presentedToken(request);
    if (!token) return;
    const { db, now } = app.deps;
    const at = now();
    const resolved = await loadAccessByToken(db, hashToken(token), at);
    if (!resolved) return;
    request.access = resolved.access;
    request.tokenId = resolved.tokenId;
    await touchToken(db, resolved.tokenId, at);
  });
}

export function requireAccess(request: FastifyRequest): AccessContext {
  if (!request.access) throw new AppError('auth.required', 'Sign in first');
  return request.access;
}

/** preHandler: a signed-in caller holding every listed permission. */
export function authorize(...permissions: Permission[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = requireAccess(request);
    const missing = permissions.filter((permission) => !can(access, permission));
    if (missing.length > 0) throw forbidden(`Missing permission: ${missing.join(', ')}`);
  };
}

/** preHandler: a signed-in caller holding at least one of the listed permissions. */
export function authorizeAny(...permissions: Permission[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = requireAccess(request);
    if (!permissions.some((permission) => can(access, permission))) {
      throw forbidden(`Needs one of: ${permissions.join(', ')}`);
    }
  };
}
