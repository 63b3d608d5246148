import { ApiTokenCreate, ApiTokenCreated, ApiTokenSchema, IdParam, pageOf } from '@patron/contracts';
import { findApiToken, listApiTokens } from '@patron/db';
import type { App } from '../../context';
import { audit } from '../../audit';
import { notFound } from '../../errors';
import { authorize } from '../../plugins/authenticate';
import { createApiToken, revokeApiToken } from './api-token.service';

export async function apiTokenRoutes(app: App) {
  const { db, now } = app.deps;
  const manage = authorize('token.manage');

  app.get('/api-tokens', { preHandler: manage, schema: { tags: ['api-tokens'], response: { 200: pageOf(ApiTokenSchema) } } }, async () => {
    const items = await listApiTokens(db);
    return { items, total: items.length, page: 1, pageSize: items.length };
  });

  app.post(
    '/api-tokens',
    { preHandler: manage, schema: { tags: ['api-tokens'], body: ApiTokenCreate, response: { 201: ApiTokenCreated } } },
    async (request, reply) => {
      const created = await db.transaction(async (tx) => {
        const result = await createApiToken(tx, { ...request.body, createdBy: request.access?.userId ?? null, now: now() });
        const { token: _secret, ...recorded } = result;
        await audit(tx, request, { action: 'api_token.create', entityType: 'api_token', entityId: result.id, after: recorded });
        return result;
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api-tokens/:id',
    { preHandler: manage, schema: { tags: ['api-tokens'], params: IdParam } },
    async (request, reply) => {
      await db.transaction(async (tx) => {
        const token = await findApiToken(tx, request.params.id);
        if (!token) throw notFound('API token');
        await revokeApiToken(tx, token, now());
        await audit(tx, request, { action: 'api_token.revoke', entityType: 'api_token', entityId: token.id, before: token });
      });
      return reply.code(204).send();
    },
  );
}
