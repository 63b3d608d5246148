import { OrgUnitCreate, OrgUnitListQuery, OrgUnitPatch, OrgUnitSchema, pageOf } from '@patron/contracts';
import { findOrgUnit, insertOrgUnit, listOrgUnits, updateOrgUnit } from '@patron/db';
import { allowedChildKind } from '@patron/domain';
import { z } from 'zod';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { authorize, requireAccess } from '../../plugins/authenticate';

const CodeParam = z.object({ code: z.string().max(40) });

export async function orgUnitRoutes(app: App) {
  const { db } = app.deps;

  // Everyone signed in may read the tree (pickers need it); only org.manage changes it.
  app.get(
    '/org-units',
    { schema: { tags: ['org'], querystring: OrgUnitListQuery, response: { 200: pageOf(OrgUnitSchema) } } },
    async (request) => {
      requireAccess(request);
      const { page, pageSize } = request.query;
      const all = await listOrgUnits(db);
      return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
    },
  );

  app.post(
    '/org-units',
    { preHandler: authorize('org.manage'), schema: { tags: ['org'], body: OrgUnitCreate, response: { 201: OrgUnitSchema } } },
    async (request, reply) => {
      const body = request.body;
      const created = await db.transaction(async (tx) => {
        const parent = await findOrgUnit(tx, body.parentCode);
        if (!parent) throw invalid('parentCode', `No org unit ${body.parentCode}`);
        const expected = allowedChildKind(parent.kind);
        if (expected !== body.kind) {
          throw invalid('kind', expected ? `Under a ${parent.kind} comes a ${expected}` : `A ${parent.kind} has no children`);
        }
        if (await findOrgUnit(tx, body.code)) throw conflict(`Org unit ${body.code} exists`, [{ path: 'code', message: 'taken' }]);
        const unit = await insertOrgUnit(tx, { code: body.code, name: body.name, kind: body.kind, parent, sortOrder: body.sortOrder });
        await audit(tx, request, { action: 'org_unit.create', entityType: 'org_unit', entityId: unit.code, after: unit });
        return unit;
      });
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/org-units/:code',
    {
      preHandler: authorize('org.manage'),
      schema: { tags: ['org'], params: CodeParam, body: OrgUnitPatch, response: { 200: OrgUnitSchema } },
    },
    async (request) =>
      db.transaction(async (tx) => {
        const before = await findOrgUnit(tx, request.params.code);
        if (!before) throw notFound('Org unit');
        if (before.kind === 'hq' && request.body.active === false) {
          throw new AppError('conflict', 'The head office cannot be deactivated');
        }
        const after = (await updateOrgUnit(tx, before.code, request.body))!;
        await audit(tx, request, { action: 'org_unit.update', entityType: 'org_unit', entityId: before.code, before, after });
        return after;
      }),
  );
}
