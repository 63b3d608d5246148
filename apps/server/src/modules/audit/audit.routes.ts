import { AuditEventSchema, AuditQuery, pageOf } from '@patron/contracts';
import { listAuditEvents } from '@patron/db';
import type { App } from '../../context';
import { authorize } from '../../plugins/authenticate';

export async function auditRoutes(app: App) {
  const { db } = app.deps;
  app.get(
    '/audit-events',
    { preHandler: authorize('audit.read'), schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: pageOf(AuditEventSchema) } } },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listAuditEvents(db, filter, { page, pageSize });
    },
  );
}
