import { IdParam, pageOf, RevisitAttemptBody, RevisitListQuery, RevisitRoutingSchema, RevisitSchema } from '@patron/contracts';
import { currentRevisitRouting, findRevisit, insertRevisitRouting, listRevisits, type RevisitFilter, type RevisitRecord } from '@patron/db';
import { type RevisitRouting, validateRevisitRouting } from '@patron/domain';
import type { App } from '../../context';
import { audit } from '../../audit';
import { conflict, notFound } from '../../errors';
import { authorize, authorizeAny } from '../../plugins/authenticate';
import { recordRevisitCall } from './revisit.service';

function toRevisitJson(revisit: RevisitRecord, now: Date) {
  return {
    id: revisit.id,
    trigger: revisit.trigger,
    workOrderId: revisit.workOrderId,
    workOrderNo: revisit.workOrderNo,
    complaintId: revisit.complaintId,
    complaintNo: revisit.complaintNo,
    customerNo: revisit.customerNo,
    customerName: revisit.customerName,
    channel: revisit.channel,
    owner: revisit.owner,
    dueAt: revisit.dueAt,
    overdue: revisit.status === 'pending' && revisit.dueAt.getTime() < now.getTime(),
    status: revisit.status,
    attempts: revisit.attempts,
    outcome: revisit.outcome,
    satisfaction: revisit.satisfaction,
    problems: revisit.problems,
    doneAt: revisit.doneAt,
  };
}

const toRoutingJson = (routing: RevisitRouting) => ({
  ...routing,
  rules: routing.rules.map((rule) => ({ ...rule, triggers: [...rule.triggers], grades: [...rule.grades] })),
});

export async function revisitRoutes(app: App) {
  const { db } = app.deps;
  const desk = authorizeAny('service.desk', 'customer.write');

  app.get(
    '/revisits',
    { preHandler: authorizeAny('service.desk', 'customer.read'), schema: { tags: ['revisits'], querystring: RevisitListQuery, response: { 200: pageOf(RevisitSchema) } } },
    async (request) => {
      const { page, pageSize, mine, ...query } = request.query;
      const filter: RevisitFilter = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
      if (mine) filter.queueOf = request.access!.userId;
      const result = await listRevisits(db, request.access!, filter, { page, pageSize });
      const now = app.deps.now();
      return { ...result, items: result.items.map((item) => toRevisitJson(item, now)) };
    },
  );

  app.post(
    '/revisits/:id/calls',
    { preHandler: desk, schema: { tags: ['revisits'], params: IdParam, body: RevisitAttemptBody, response: { 200: RevisitSchema } } },
    async (request) => {
      const now = app.deps.now();
      await recordRevisitCall(db, request, request.params.id, request.body, now);
      const revisit = await findRevisit(db, request.access!, request.params.id);
      if (!revisit) throw notFound('Revisit');
      return toRevisitJson(revisit, now);
    },
  );

  app.get(
    '/revisit-routing',
    { preHandler: authorizeAny('service.desk', 'customer.read'), schema: { tags: ['revisits'], response: { 200: RevisitRoutingSchema } } },
    async () => toRoutingJson(await currentRevisitRouting(db)),
  );

  // Each save is a new version; tasks already created keep the channel they were routed to.
  app.put(
    '/revisit-routing',
    { preHandler: authorize('rule.manage'), schema: { tags: ['revisits'], body: RevisitRoutingSchema, response: { 200: RevisitRoutingSchema } } },
    async (request) => {
      const routing: RevisitRouting = request.body;
      validateRevisitRouting(routing);
      await db.transaction(async (tx) => {
        if (!(await insertRevisitRouting(tx, routing, app.deps.now(), request.access!.userId))) {
          throw conflict(`Routing version ${routing.version} exists`, [{ path: 'body.version', message: 'already used' }]);
        }
        await audit(tx, request, { action: 'revisit.routing_saved', entityType: 'revisit_routing', entityId: routing.version, after: routing });
      });
      return toRoutingJson(routing);
    },
  );
}
