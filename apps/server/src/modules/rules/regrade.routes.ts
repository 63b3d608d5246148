import {
  IdParam,
  RegradeApplyReply,
  RegradeDecisionBody,
  RegradeItemPage,
  RegradeItemParams,
  RegradeItemQuery,
  RegradeRunCreate,
  RegradeRunList,
  RegradeRunSchema,
  RegradeTransitionBody,
} from '@patron/contracts';
import { decideRegradeItem, discardRegrade, findRegradeRun, listRegradeItems, listRegradeRuns, type Executor, type RegradeRun } from '@patron/db';
import { regradeRunTransition } from '@patron/domain';
import type { App } from '../../context';
import { audit } from '../../audit';
import { notFound } from '../../errors';
import { authorize, authorizeAny, requireAccess } from '../../plugins/authenticate';
import { applyReviewedRegrade, runRegrade } from './regrade.service';

async function runOr404(db: Executor, id: number, lock = false): Promise<RegradeRun> {
  const run = await findRegradeRun(db, id, lock);
  if (!run) throw notFound('Re-grade run');
  return run;
}

/**
 * Re-grade runs (DOMAIN §4.6): rule managers start a proposal, district managers review the items of
 * their district (keeping a customer's current grade is an exception with a reason), a rule manager
 * applies or discards it.
 */
export async function regradeRoutes(app: App) {
  const { db } = app.deps;
  const read = authorizeAny('rule.manage', 'grade.review');
  const manage = authorize('rule.manage');
  const review = authorize('grade.review');

  app.get('/regrade-runs', { preHandler: read, schema: { tags: ['rules'], response: { 200: RegradeRunList } } }, async () => ({ items: await listRegradeRuns(db) }));

  app.get('/regrade-runs/:id', { preHandler: read, schema: { tags: ['rules'], params: IdParam, response: { 200: RegradeRunSchema } } }, async (request) =>
    runOr404(db, request.params.id),
  );

  app.post('/regrade-runs', { preHandler: manage, schema: { tags: ['rules'], body: RegradeRunCreate, response: { 201: RegradeRunSchema } } }, async (request, reply) => {
    const access = requireAccess(request);
    const outcome = await runRegrade(db, {
      month: request.body.month,
      scope: request.body.scope,
      mode: 'propose',
      actor: { id: access.userId, name: access.username },
      origin: `api:${request.id}`,
    });
    if (outcome.mode === 'dry_run') throw new Error('a proposal never comes back as a dry run');
    return reply.code(201).send(outcome.run);
  });

  app.get(
    '/regrade-runs/:id/items',
    { preHandler: read, schema: { tags: ['rules'], params: IdParam, querystring: RegradeItemQuery, response: { 200: RegradeItemPage } } },
    async (request) => {
      const access = requireAccess(request);
      await runOr404(db, request.params.id);
      const { page, pageSize, movement } = request.query;
      const result = await listRegradeItems(db, request.params.id, { orgPath: access.orgPath, page, pageSize, ...(movement ? { movement } : {}) });
      return { ...result, page, pageSize };
    },
  );

  app.post(
    '/regrade-runs/:id/items/:customerId/decision',
    { preHandler: review, schema: { tags: ['rules'], params: RegradeItemParams, body: RegradeDecisionBody } },
    async (request, reply) => {
      const access = requireAccess(request);
      const { decision, reason } = request.body;
      await db.transaction(async (tx) => {
        const run = await runOr404(tx, request.params.id, true);
        // Only a proposal is reviewed: an applied or discarded run is final.
        regradeRunTransition(run.status, 'apply');
        const decided = await decideRegradeItem(tx, {
          runId: run.id,
          customerId: request.params.customerId,
          orgPath: access.orgPath,
          decision,
          reason: reason ?? null,
          by: access.username,
        });
        if (!decided) throw notFound('Re-grade item');
        await audit(tx, request, {
          action: 'regrade.decide',
          entityType: 'regrade_run',
          entityId: run.id,
          after: { customerId: request.params.customerId, decision },
          reason: reason ?? null,
        });
      });
      return reply.code(204).send();
    },
  );

  app.post(
    '/regrade-runs/:id/transitions',
    { preHandler: manage, schema: { tags: ['rules'], params: IdParam, body: RegradeTransitionBody, response: { 200: RegradeApplyReply } } },
    async (request) => {
      const access = requireAccess(request);
      return db.transaction(async (tx) => {
        const run = await runOr404(tx, request.params.id, true);
        regradeRunTransition(run.status, request.body.event);
        if (request.body.event === 'apply') return applyReviewedRegrade(tx, run, { id: access.userId, name: access.username }, request.id);
        await discardRegrade(tx, run.id);
        await audit(tx, request, { action: 'regrade.discard', entityType: 'regrade_run', entityId: run.id, before: { status: run.status } });
        const nothing = { changedCustomers: 0, renewedCustomers: 0, creditProfiles: 0, benefitsGranted: 0, benefitsRevoked: 0, smsQueued: 0, reassignmentTasks: 0 };
        return { run: await runOr404(tx, run.id), ...nothing };
      });
    },
  );
}
