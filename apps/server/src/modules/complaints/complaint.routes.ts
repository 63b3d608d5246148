import {
  AppealCreate,
  AppealTransitionBody,
  ComplaintCreate,
  ComplaintDetail,
  ComplaintListQuery,
  ComplaintMeasuresQuery,
  ComplaintMeasuresSchema,
  ComplaintRulesSchema,
  ComplaintSummary,
  ComplaintTransitionBody,
  CompensationOfferCreate,
  CompensationOfferDecision,
  EscalationScanResult,
  IdParam,
  pageOf,
} from '@patron/contracts';
import { complaintMeasures, currentComplaintRules, insertComplaintRules, listComplaints, type ComplaintFilter } from '@patron/db';
import { type ComplaintRules, perTenThousand, validateComplaintRules } from '@patron/domain';
import { z } from 'zod';
import type { App } from '../../context';
import { audit } from '../../audit';
import { conflict } from '../../errors';
import { authorize, authorizeAny } from '../../plugins/authenticate';
import { addAppeal, decideCompensation, moveAppeal, offerCompensation } from './complaint-remedy.service';
import { toComplaintSummaryJson } from './complaint.serializer';
import { complaintDetail, createComplaint, runComplaintEscalationScan, transitionComplaint } from './complaint.service';

const OfferParams = z.object({ id: z.coerce.number().int().positive(), offerId: z.coerce.number().int().positive() });
const AppealParams = z.object({ id: z.coerce.number().int().positive(), appealId: z.coerce.number().int().positive() });

export async function complaintRoutes(app: App) {
  const { db } = app.deps;
  // The service desk (revisit desk, outbound agents) logs and works complaints of its org subtree.
  const read = authorizeAny('customer.read', 'service.desk');
  const write = authorizeAny('customer.write', 'service.desk');

  app.post(
    '/complaints',
    { preHandler: write, schema: { tags: ['complaints'], body: ComplaintCreate, response: { 201: ComplaintDetail } } },
    async (request, reply) => {
      const now = app.deps.now();
      const id = await createComplaint(db, request, request.body, now);
      return reply.code(201).send(await complaintDetail(db, request.access!, id, now));
    },
  );

  app.get(
    '/complaints',
    { preHandler: read, schema: { tags: ['complaints'], querystring: ComplaintListQuery, response: { 200: pageOf(ComplaintSummary) } } },
    async (request) => {
      const { page, pageSize, customer, ...query } = request.query;
      const filter: ComplaintFilter = Object.fromEntries(Object.entries({ ...query, customerNo: customer }).filter(([, value]) => value !== undefined));
      const result = await listComplaints(db, request.access!, filter, { page, pageSize });
      const now = app.deps.now();
      return { ...result, items: result.items.map((item) => toComplaintSummaryJson(item, request.access!, now)) };
    },
  );

  app.get(
    '/complaints/:id',
    { preHandler: read, schema: { tags: ['complaints'], params: IdParam, response: { 200: ComplaintDetail } } },
    async (request) => complaintDetail(db, request.access!, request.params.id, app.deps.now()),
  );

  app.post(
    '/complaints/:id/transitions',
    { preHandler: write, schema: { tags: ['complaints'], params: IdParam, body: ComplaintTransitionBody, response: { 200: ComplaintDetail } } },
    async (request) => {
      const now = app.deps.now();
      await transitionComplaint(db, request, request.params.id, request.body, now);
      return complaintDetail(db, request.access!, request.params.id, now);
    },
  );

  app.post(
    '/complaints/:id/appeals',
    { preHandler: write, schema: { tags: ['complaints'], params: IdParam, body: AppealCreate, response: { 201: ComplaintDetail } } },
    async (request, reply) => {
      const now = app.deps.now();
      await addAppeal(db, request, request.params.id, request.body, now);
      return reply.code(201).send(await complaintDetail(db, request.access!, request.params.id, now));
    },
  );

  app.post(
    '/complaints/:id/appeals/:appealId/transitions',
    { preHandler: write, schema: { tags: ['complaints'], params: AppealParams, body: AppealTransitionBody, response: { 200: ComplaintDetail } } },
    async (request) => {
      const now = app.deps.now();
      await moveAppeal(db, request, request.params.id, request.params.appealId, request.body.to, now);
      return complaintDetail(db, request.access!, request.params.id, now);
    },
  );

  app.post(
    '/complaints/:id/compensations',
    { preHandler: write, schema: { tags: ['complaints'], params: IdParam, body: CompensationOfferCreate, response: { 201: ComplaintDetail } } },
    async (request, reply) => {
      const now = app.deps.now();
      await offerCompensation(db, request, request.params.id, request.body, now);
      return reply.code(201).send(await complaintDetail(db, request.access!, request.params.id, now));
    },
  );

  app.post(
    '/complaints/:id/compensations/:offerId/transitions',
    { preHandler: authorize('customer.write'), schema: { tags: ['complaints'], params: OfferParams, body: CompensationOfferDecision, response: { 200: ComplaintDetail } } },
    async (request) => {
      const now = app.deps.now();
      await decideCompensation(db, request, request.params.id, request.params.offerId, request.body.to, now);
      return complaintDetail(db, request.access!, request.params.id, now);
    },
  );

  // Runs the escalation scan now, on the server's clock (what the scheduled job does each minute).
  app.post(
    '/complaints/escalation-scan',
    { preHandler: authorizeAny('rule.manage', 'system.manage'), schema: { tags: ['complaints'], response: { 200: EscalationScanResult } } },
    async () => runComplaintEscalationScan(db, app.deps.now()),
  );

  app.get(
    '/complaint-measures',
    {
      preHandler: authorizeAny('customer.read', 'service.desk', 'report.read'),
      schema: { tags: ['complaints'], querystring: ComplaintMeasuresQuery, response: { 200: ComplaintMeasuresSchema } },
    },
    async (request) => {
      const measures = await complaintMeasures(db, request.access!, request.query.month);
      return { month: request.query.month, ...measures, perTenThousandLines: perTenThousand(measures.total, measures.lines) };
    },
  );

  app.get(
    '/complaint-rules',
    { preHandler: read, schema: { tags: ['complaints'], response: { 200: ComplaintRulesSchema } } },
    async () => {
      const rules = await currentComplaintRules(db);
      return { ...rules, hotKeywords: [...rules.hotKeywords] };
    },
  );

  app.put(
    '/complaint-rules',
    { preHandler: authorize('rule.manage'), schema: { tags: ['complaints'], body: ComplaintRulesSchema, response: { 200: ComplaintRulesSchema } } },
    async (request) => {
      const rules: ComplaintRules = request.body;
      validateComplaintRules(rules);
      await db.transaction(async (tx) => {
        if (!(await insertComplaintRules(tx, rules, app.deps.now(), request.access!.userId))) {
          throw conflict(`Rule version ${rules.version} exists`, [{ path: 'body.version', message: 'already used' }]);
        }
        await audit(tx, request, { action: 'complaint.rules_saved', entityType: 'complaint_rules', entityId: rules.version, after: rules });
      });
      return request.body;
    },
  );
}
