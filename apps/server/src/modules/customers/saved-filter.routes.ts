import { z } from 'zod';
import { IdParam, SavedFilterCreate, SavedFilterSchema } from '@patron/contracts';
import {
  deleteSavedFilter,
  findSavedFilter,
  insertSavedFilter,
  listSavedFilters,
} from '@patron/db/repositories/customer-saved-filter.repository';
import type { App } from '../../context';
import { audit } from '../../audit';
import { conflict, forbidden, notFound } from '../../errors';
import { authorize } from '../../plugins/authenticate';
import { managerId, orgUnitPath } from './customer-references';

/**
 * Named customer-list queries: private to their owner, or shared with everyone in the owner's org
 * subtree. Use one with GET /customers?savedFilter={id}; the rows are still cut to the user's scope.
 */
export async function savedFilterRoutes(app: App) {
  const { db } = app.deps;
  const tags = ['customers'];
  const read = authorize('customer.read');

  app.get(
    '/saved-filters',
    { preHandler: read, schema: { tags, response: { 200: z.object({ items: z.array(SavedFilterSchema) }) } } },
    async (request) => ({ items: await listSavedFilters(db, request.access!) }),
  );

  app.get(
    '/saved-filters/:id',
    { preHandler: read, schema: { tags, params: IdParam, response: { 200: SavedFilterSchema } } },
    async (request) => {
      const found = await findSavedFilter(db, request.access!, request.params.id);
      if (!found) throw notFound('Saved filter');
      return found;
    },
  );

  app.post(
    '/saved-filters',
    { preHandler: read, schema: { tags, body: SavedFilterCreate, response: { 201: SavedFilterSchema } } },
    async (request, reply) => {
      const access = request.access!;
      const { name, filters, shared } = request.body;
      const created = await db.transaction(async (tx) => {
        // References are checked now, so a typo fails at saving rather than every time the filter is used.
        if (filters.orgUnit) await orgUnitPath(tx, filters.orgUnit, 'filters.orgUnit');
        if (filters.manager && filters.manager !== 'none') await managerId(tx, filters.manager, 'filters.manager');
        const saved = await insertSavedFilter(tx, access, { name, filters, shared });
        if (!saved) throw conflict(`You already have a saved filter named ${name}`, [{ path: 'name', message: 'taken' }]);
        await audit(tx, request, { action: 'saved_filter.create', entityType: 'saved_filter', entityId: saved.id, after: { name, filters, shared } });
        return saved;
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/saved-filters/:id',
    { preHandler: read, schema: { tags, params: IdParam } },
    async (request, reply) => {
      const access = request.access!;
      await db.transaction(async (tx) => {
        const found = await findSavedFilter(tx, access, request.params.id);
        if (!found) throw notFound('Saved filter');
        // A shared filter is visible to colleagues, but only its owner may remove it.
        if (!found.mine) throw forbidden('Only the owner may delete a saved filter');
        await deleteSavedFilter(tx, access, found.id);
        await audit(tx, request, { action: 'saved_filter.delete', entityType: 'saved_filter', entityId: found.id, before: found });
      });
      return reply.code(204).send();
    },
  );
}
