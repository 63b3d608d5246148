import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply } from 'fastify';
import { LoginBody, LoginReply, MePatch, MeReply } from '@patron/contracts';
import {
  clearThrottle,
  findCredentials,
  findUser,
  insertToken,
  loadAccessContext,
  readThrottle,
  recordLoginFailure,
  revokeToken,
  updateUser,
  type Executor,
} from '@patron/db';
import type { AccessContext } from '@patron/domain';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError } from '../../errors';
import { requireAccess, SESSION_COOKIE } from '../../plugins/authenticate';
import { decoyPasswordHash, verifyPassword } from './password';
import { newToken } from './tokens';

export const LOGIN_POLICY = { windowSeconds: 15 * 60, maxFailures: 5, lockSeconds: 15 * 60 } as const;

export async function sessionUser(db: Executor, access: AccessContext) {
  const user = await findUser(db, access.userId);
  if (!user) throw new AppError('auth.required', 'Sign in first');
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    orgUnitCode: user.orgUnitCode,
    orgUnitName: user.orgUnitName,
    locale: user.locale,
    permissions: [...access.permissions].sort(),
  };
}

function lockedError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('auth.locked', `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes`, [], {
    'retry-after': String(seconds),
  });
}

function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function authRoutes(app: App) {
  const { db, now, config } = app.deps;

  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginReply } } },
    async (request, reply) => {
      const { username, password } = request.body;
      const at = now();
      const throttle = await readThrottle(db, username);
      if (throttle.lockedUntil && throttle.lockedUntil > at) throw lockedError(throttle.lockedUntil, at);

      const credentials = await findCredentials(db, username);
      const valid = await verifyPassword(credentials?.passwordHash ?? (await decoyPasswordHash()), password);
      if (!credentials || !credentials.active || !valid) {
        const state = await recordLoginFailure(db, username, at, LOGIN_POLICY);
        await db.transaction((tx) =>
          audit(tx, request, { action: 'auth.login_failed', entityType: 'user', entityId: username, actorName: username }),
        );
        if (state.lockedUntil) throw lockedError(state.lockedUntil, at);
        // Each further failure in the window costs the guesser more time.
        await sleep(Math.min(200 * (state.failures - 1), 2000));
        throw new AppError('auth.invalid_credentials', 'Wrong username or password');
      }

      await clearThrottle(db, username);
      const { token, tokenHash } = newToken('pss');
      const expiresAt = new Date(at.getTime() + config.sessionHours * 3600_000);
      await db.transaction(async (tx) => {
        await insertToken(tx, { kind: 'session', tokenHash, userId: credentials.id, expiresAt });
        await audit(tx, request, {
          action: 'auth.login',
          entityType: 'user',
          entityId: credentials.id,
          actorId: credentials.id,
          actorName: username,
        });
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: expiresAt,
      });
      const access = (await loadAccessContext(db, credentials.id)) as AccessContext;
      return { token, expiresAt, user: await sessionUser(db, access) };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const access = requireAccess(request);
    const tokenId = request.tokenId as number;
    await db.transaction(async (tx) => {
      await revokeToken(tx, tokenId, now());
      await audit(tx, request, { action: 'auth.logout', entityType: 'user', entityId: access.userId });
    });
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: MeReply } } }, async (request) => ({
    user: await sessionUser(db, requireAccess(request)),
  }));

  app.patch('/auth/me', { schema: { tags: ['auth'], body: MePatch, response: { 200: MeReply } } }, async (request) => {
    const access = requireAccess(request);
    await updateUser(db, access.userId, { locale: request.body.locale });
    return { user: await sessionUser(db, access) };
  });
}
