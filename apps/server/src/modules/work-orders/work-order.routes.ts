import {
  CompensationListQuery,
  CompensationSchema,
  CompensationTransitionBody,
  IdParam,
  pageOf,
  WorkOrderBoard,
  WorkOrderCreate,
  WorkOrderDetail,
  WorkOrderFilterQuery,
  WorkOrderListQuery,
  WorkOrderSummary,
  WorkOrderTransitionBody,
} from '@patron/contracts';
import {
  countWorkOrderBoard,
  findAssignableUser,
  listCompensations,
  listWorkOrders,
  lockCompensation,
  updateCompensationStatus,
  type Executor,
  type WorkOrderFilter,
} from '@patron/db';
import { SLA_STATES, WORK_ORDER_STATES, type AccessContext } from '@patron/domain';
import { z } from 'zod';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError, notFound } from '../../errors';
import { authorize } from '../../plugins/authenticate';
import { loadWorkOrderCalendar } from './work-order-rules';
import { compensationNext, toCompensationJson, toWorkOrderSummaryJson } from './work-order.serializer';
import { createWorkOrder, transitionWorkOrder, workOrderDetail } from './work-order.service';

/** Query filters → repository filter; an unknown assignee matches nothing rather than everything. */
async function toFilter(db: Executor, access: AccessContext, query: z.output<typeof WorkOrderFilterQuery>): Promise<WorkOrderFilter> {
  const filter: WorkOrderFilter = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.slaState ? { slaState: query.slaState } : {}),
    ...(query.customer ? { customerNo: query.customer } : {}),
    ...(query.customerId ? { customerId: query.customerId } : {}),
    ...(query.orgUnit ? { orgUnit: query.orgUnit } : {}),
    ...(query.dispatchOrgUnit ? { dispatchOrgUnit: query.dispatchOrgUnit } : {}),
    ...(query.open !== undefined ? { open: query.open } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
  if (query.assignee === 'me') filter.assigneeId = access.userId;
  else if (query.assignee !== undefined) filter.assigneeId = (await findAssignableUser(db, query.assignee))?.id ?? -1;
  return filter;
}

export async function workOrderRoutes(app: App) {
  const { db } = app.deps;
  const read = authorize('customer.read');
  const write = authorize('customer.write');

  app.post(
    '/work-orders',
    { preHandler: write, schema: { tags: ['work-orders'], body: WorkOrderCreate, response: { 201: WorkOrderDetail } } },
    async (request, reply) => {
      const now = app.deps.now();
      const id = await createWorkOrder(db, request, request.body, now);
      return reply.code(201).send(await workOrderDetail(db, request.access!, id, now));
    },
  );

  app.get(
    '/work-orders',
    { preHandler: read, schema: { tags: ['work-orders'], querystring: WorkOrderListQuery, response: { 200: pageOf(WorkOrderSummary) } } },
    async (request) => {
      const access = request.access!;
      const { page, pageSize, sort, ...query } = request.query;
      const now = app.deps.now();
      const filter = await toFilter(db, access, query);
      if (sort) filter.sort = sort;
      const [result, calendar] = await Promise.all([listWorkOrders(db, access, filter, { page, pageSize }), loadWorkOrderCalendar(db)]);
      return { ...result, items: result.items.map((item) => toWorkOrderSummaryJson(item, calendar, now)) };
    },
  );

  app.get(
    '/work-orders/board',
    { preHandler: read, schema: { tags: ['work-orders'], querystring: WorkOrderFilterQuery, response: { 200: WorkOrderBoard } } },
    async (request) => {
      const access = request.access!;
      const counts = await countWorkOrderBoard(db, access, await toFilter(db, access, request.query));
      return {
        byStatus: Object.fromEntries(WORK_ORDER_STATES.map((state) => [state, counts.byStatus[state] ?? 0])) as Record<(typeof WORK_ORDER_STATES)[number], number>,
        bySlaState: Object.fromEntries(SLA_STATES.map((state) => [state, counts.bySlaState[state] ?? 0])) as Record<(typeof SLA_STATES)[number], number>,
        total: counts.total,
      };
    },
  );

  app.get(
    '/work-orders/:id',
    { preHandler: read, schema: { tags: ['work-orders'], params: IdParam, response: { 200: WorkOrderDetail } } },
    async (request) => workOrderDetail(db, request.access!, request.params.id, app.deps.now()),
  );

  app.post(
    '/work-orders/:id/transitions',
    {
      preHandler: write,
      schema: { tags: ['work-orders'], params: IdParam, body: WorkOrderTransitionBody, response: { 200: WorkOrderDetail } },
    },
    async (request) => {
      const now = app.deps.now();
      await transitionWorkOrder(db, request, request.params.id, request.body, now);
      return workOrderDetail(db, request.access!, request.params.id, now);
    },
  );

  // Compensation forms (赔付单): drafted by the SLA scanner, agreed with the customer, then settled.
  app.get(
    '/compensations',
    { preHandler: read, schema: { tags: ['work-orders'], querystring: CompensationListQuery, response: { 200: pageOf(CompensationSchema) } } },
    async (request) => {
      const { page, pageSize, status, workOrderId } = request.query;
      const result = await listCompensations(
        db,
        request.access!,
        { ...(status ? { status } : {}), ...(workOrderId ? { workOrderId } : {}) },
        { page, pageSize },
      );
      return { ...result, items: result.items.map(toCompensationJson) };
    },
  );

  app.post(
    '/compensations/:id/transitions',
    {
      preHandler: write,
      schema: { tags: ['work-orders'], params: IdParam, body: CompensationTransitionBody, response: { 200: CompensationSchema } },
    },
    async (request) => {
      const access = request.access!;
      const { to, note } = request.body;
      const now = app.deps.now();
      return db.transaction(async (tx) => {
        const before = await lockCompensation(tx, access, request.params.id);
        if (!before) throw notFound('Compensation');
        const allowed = compensationNext(before.status);
        if (!allowed.includes(to)) {
          throw new AppError('state.illegal_transition', `Cannot go from ${before.status} to ${to}; allowed: ${allowed.join(', ') || 'none'}`, [
            { path: 'body.to', message: `allowed from ${before.status}: ${allowed.length === 0 ? 'none (terminal state)' : allowed.join(', ')}` },
          ]);
        }
        // Settling pays out: it takes a manager (customer.assign: team lead and above), not the account manager who agreed it.
        if (to === 'settled' && !access.permissions.has('customer.assign')) {
          throw new AppError('auth.forbidden', 'Settling a compensation needs a manager (customer.assign)');
        }
        await updateCompensationStatus(tx, before.id, to, { id: access.userId, name: access.username }, note ?? null, now);
        const after = (await lockCompensation(tx, access, before.id))!;
        await audit(tx, request, {
          action: `compensation.${to === 'agreed' ? 'agree' : 'settle'}`,
          entityType: 'compensation',
          entityId: before.id,
          before: { status: before.status, amountFen: before.amountFen },
          after: { status: after.status, amountFen: after.amountFen },
          reason: note ?? null,
        });
        return toCompensationJson(after);
      });
    },
  );
}
