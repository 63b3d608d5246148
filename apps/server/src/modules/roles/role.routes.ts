import { pageOf, RolePatch, RoleSchema } from '@patron/contracts';
import { findRole, listRoles, updateRole } from '@patron/db';
import { z } from 'zod';
import type { App } from '../../context';
import { audit } from '../../audit';
import { notFound } from '../../errors';
import { authorize } from '../../plugins/authenticate';

const CodeParam = z.object({ code: z.string().max(40) });

export async function roleRoutes(app: App) {
  const { db } = app.deps;
  const manage = authorize('role.manage');

  app.get('/roles', { preHandler: manage, schema: { tags: ['roles'], response: { 200: pageOf(RoleSchema) } } }, async () => {
    const items = await listRoles(db);
    return { items, total: items.length, page: 1, pageSize: items.length };
  });

  app.patch(
    '/roles/:code',
    { preHandler: manage, schema: { tags: ['roles'], params: CodeParam, body: RolePatch, response: { 200: RoleSchema } } },
    async (request) =>
      db.transaction(async (tx) => {
        const before = await findRole(tx, request.params.code);
        if (!before) throw notFound('Role');
        const after = (await updateRole(tx, before.code, request.body))!;
        await audit(tx, request, { action: 'role.update', entityType: 'role', entityId: before.code, before, after });
        return after;
      }),
  );
}
