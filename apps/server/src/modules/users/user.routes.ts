import { IdParam, pageOf, PasswordBody, UserCreate, UserListQuery, UserPatchBody, UserSchema } from '@patron/contracts';
import {
  findOrgUnit,
  findUser,
  findUserByUsername,
  insertUser,
  listUsers,
  setPasswordHash,
  setUserRoles,
  updateUser,
  type Executor,
} from '@patron/db';
import type { App } from '../../context';
import { audit } from '../../audit';
import { conflict, invalid, notFound } from '../../errors';
import { authorize } from '../../plugins/authenticate';
import { hashPassword } from '../auth/password';

async function orgUnitId(tx: Executor, code: string): Promise<number> {
  const unit = await findOrgUnit(tx, code);
  if (!unit || !unit.active) throw invalid('orgUnitCode', `No active org unit ${code}`);
  return unit.id;
}

export async function userRoutes(app: App) {
  const { db } = app.deps;
  const manage = authorize('user.manage');

  app.get(
    '/users',
    { preHandler: manage, schema: { tags: ['users'], querystring: UserListQuery, response: { 200: pageOf(UserSchema) } } },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listUsers(db, filter, { page, pageSize });
    },
  );

  app.get(
    '/users/:id',
    { preHandler: manage, schema: { tags: ['users'], params: IdParam, response: { 200: UserSchema } } },
    async (request) => {
      const user = await findUser(db, request.params.id);
      if (!user || user.username === 'system') throw notFound('User');
      return user;
    },
  );

  app.post(
    '/users',
    { preHandler: manage, schema: { tags: ['users'], body: UserCreate, response: { 201: UserSchema } } },
    async (request, reply) => {
      const body = request.body;
      const passwordHash = await hashPassword(body.password);
      const user = await db.transaction(async (tx) => {
        if (await findUserByUsername(tx, body.username)) {
          throw conflict(`User ${body.username} exists`, [{ path: 'username', message: 'taken' }]);
        }
        const created = await insertUser(tx, {
          username: body.username,
          displayName: body.displayName,
          passwordHash,
          orgUnitId: await orgUnitId(tx, body.orgUnitCode),
          roles: body.roles,
          phone: body.phone,
          email: body.email,
        });
        await audit(tx, request, { action: 'user.create', entityType: 'user', entityId: created.id, after: created });
        return created;
      });
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    { preHandler: manage, schema: { tags: ['users'], params: IdParam, body: UserPatchBody, response: { 200: UserSchema } } },
    async (request) =>
      db.transaction(async (tx) => {
        const before = await findUser(tx, request.params.id);
        if (!before || before.username === 'system') throw notFound('User');
        const { roles, orgUnitCode, ...rest } = request.body;
        if (before.id === request.access?.userId && (rest.active === false || (roles && !roles.includes('admin')))) {
          throw conflict('You cannot deactivate yourself or drop your own admin role');
        }
        await updateUser(tx, before.id, {
          ...rest,
          ...(orgUnitCode ? { orgUnitId: await orgUnitId(tx, orgUnitCode) } : {}),
        });
        if (roles) await setUserRoles(tx, before.id, roles);
        const after = (await findUser(tx, before.id))!;
        await audit(tx, request, { action: 'user.update', entityType: 'user', entityId: before.id, before, after });
        return after;
      }),
  );

  app.post(
    '/users/:id/password',
    { preHandler: manage, schema: { tags: ['users'], params: IdParam, body: PasswordBody } },
    async (request, reply) => {
      const passwordHash = await hashPassword(request.body.password);
      await db.transaction(async (tx) => {
        const user = await findUser(tx, request.params.id);
        if (!user || user.username === 'system') throw notFound('User');
        await setPasswordHash(tx, user.id, passwordHash);
        await audit(tx, request, { action: 'user.password_reset', entityType: 'user', entityId: user.id });
      });
      return reply.code(204).send();
    },
  );
}
