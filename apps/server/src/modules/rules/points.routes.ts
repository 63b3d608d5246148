import { IdParam, PendingAdjustmentList, PointsAdjustmentBody, PointsAdjustmentTransition, PointsEntrySchema, PointsLedgerReply, PointsRedemptionBody } from '@patron/contracts';
import {
  InsufficientPointsError,
  decidePointsAdjustment,
  findCustomer,
  findPointsAdjustment,
  governingRuleSet,
  listPendingAdjustments,
  listPointsEntries,
  lockCustomer,
  pointsBalance,
  redeemPoints,
  requestPointsAdjustment,
} from '@patron/db';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError, forbidden, notFound } from '../../errors';
import { authorize, requireAccess } from '../../plugins/authenticate';
import { businessToday } from '../calendar/calendar-http';

function insufficient(error: unknown): never {
  if (error instanceof InsufficientPointsError) {
    throw new AppError('points.insufficient_balance', error.message, [{ path: 'body.points', message: `more than the balance of ${error.balance}` }]);
  }
  throw error;
}

/** The points ledger of one customer (DOMAIN §3.4): read, redeem, adjust with approval. */
export async function pointsRoutes(app: App) {
  const { db, now } = app.deps;

  app.get(
    '/customers/:id/points',
    { preHandler: authorize('customer.read'), schema: { tags: ['points'], params: IdParam, response: { 200: PointsLedgerReply } } },
    async (request) => {
      const customer = await findCustomer(db, requireAccess(request), request.params.id);
      if (!customer) throw notFound('Customer');
      const [balance, entries] = await Promise.all([pointsBalance(db, customer.id), listPointsEntries(db, customer.id)]);
      return { balance, entries };
    },
  );

  app.post(
    '/customers/:id/points/redemptions',
    { preHandler: authorize('customer.write'), schema: { tags: ['points'], params: IdParam, body: PointsRedemptionBody, response: { 201: PointsEntrySchema } } },
    async (request, reply) => {
      const access = requireAccess(request);
      const entry = await db
        .transaction(async (tx) => {
          // The row lock serialises redemptions of one customer: the balance check sees every earlier one.
          const customer = await lockCustomer(tx, access, request.params.id);
          if (!customer) throw notFound('Customer');
          const written = await redeemPoints(tx, customer.id, request.body.points, request.body.reason, access.username);
          await audit(tx, request, { action: 'points.redeem', entityType: 'customer', entityId: customer.id, after: written, reason: request.body.reason });
          return written;
        })
        .catch(insufficient);
      return reply.code(201).send(entry);
    },
  );

  app.post(
    '/customers/:id/points/adjustments',
    { preHandler: authorize('customer.write'), schema: { tags: ['points'], params: IdParam, body: PointsAdjustmentBody, response: { 201: PointsEntrySchema } } },
    async (request, reply) => {
      const access = requireAccess(request);
      const entry = await db.transaction(async (tx) => {
        const customer = await lockCustomer(tx, access, request.params.id);
        if (!customer) throw notFound('Customer');
        const today = businessToday(now());
        const rules = await governingRuleSet(tx, 'points', access.orgPath, today);
        const written = await requestPointsAdjustment(tx, {
          customerId: customer.id,
          points: request.body.points,
          reason: request.body.reason,
          by: access.username,
          today,
          expiryYearsAfter: rules?.body.expiryYearsAfter ?? 1,
        });
        await audit(tx, request, { action: 'points.adjust_request', entityType: 'customer', entityId: customer.id, after: written, reason: request.body.reason });
        return written;
      });
      return reply.code(201).send(entry);
    },
  );

  app.get(
    '/points-adjustments',
    { preHandler: authorize('grade.review'), schema: { tags: ['points'], response: { 200: PendingAdjustmentList } } },
    async (request) => ({ items: await listPendingAdjustments(db, requireAccess(request).orgPath) }),
  );

  app.post(
    '/points-adjustments/:id/transitions',
    { preHandler: authorize('grade.review'), schema: { tags: ['points'], params: IdParam, body: PointsAdjustmentTransition } },
    async (request, reply) => {
      const access = requireAccess(request);
      await db
        .transaction(async (tx) => {
          const adjustment = await findPointsAdjustment(tx, request.params.id);
          if (!adjustment || !adjustment.orgPath.startsWith(access.orgPath)) throw notFound('Points adjustment');
          if (adjustment.status !== 'pending') throw new AppError('state.illegal_transition', `The adjustment is ${adjustment.status}`);
          if (adjustment.createdBy === access.username) throw forbidden('An adjustment is approved by someone other than its author');
          await lockCustomer(tx, access, adjustment.customerId);
          await decidePointsAdjustment(tx, adjustment, request.body.event === 'approve', access.username);
          await audit(tx, request, {
            action: `points.adjust_${request.body.event}`,
            entityType: 'customer',
            entityId: adjustment.customerId,
            after: { adjustmentId: adjustment.id, points: adjustment.points },
          });
        })
        .catch(insufficient);
      return reply.code(204).send();
    },
  );
}
