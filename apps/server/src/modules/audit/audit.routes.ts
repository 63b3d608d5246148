import { AuditEventSchema, AuditQuery, pageOf } from '@patron/contracts';
import { listAuditEvents } from '@patron/db';
import { can } from '@patron/domain';
import type { App } from '../../context';
import { authorize } from '../../plugins/authenticate';

export async function auditRoutes(app: App) {
  const { db } = app.deps;
  app.get(
    '/audit-events',
    { preHandler: authorize('audit.read'), schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: pageOf(AuditEventSchema) } } },
    async (request) => {
      const access = request.access!;
      const { page, pageSize, ...filter } = request.query;
      // Administrators read the whole log; a manager reads what people in their own subtree did.
      const actorOrgPath = can(access, 'system.manage') ? undefined : access.orgPath;
      return listAuditEvents(db, { ...filter, actorOrgPath }, { page, pageSize });
    },
  );
}
