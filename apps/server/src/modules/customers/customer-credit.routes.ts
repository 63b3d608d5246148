import { CreditControlBody, CustomerSchema, IdParam, TemporaryCreditBody } from '@patron/contracts';
import { findOrgUnit, governingRuleSet } from '@patron/db';
import { temporaryCreditUntil } from '@patron/domain';
import type { App } from '../../context';
import { AppError } from '../../errors';
import { authorize, requireAccess } from '../../plugins/authenticate';
import { businessToday } from '../calendar/calendar-http';
import { toCustomerJson } from './customer.serializer';
import { changeCustomerIn } from './customer.service';

const tags = ['customers'];

/**
 * Credit control (信控, DOMAIN §3.3) beside the score and limit the re-grade computes: temporary credit
 * for an urgent need, no longer than the governing credit rules allow, and non-credit-control, which
 * only a manager grants. Neither is a profile field, so a plain PATCH cannot bypass either rule.
 */
export async function customerCreditRoutes(app: App) {
  const { db, now } = app.deps;

  app.put(
    '/customers/:id/temporary-credit',
    { preHandler: authorize('customer.write'), schema: { tags, params: IdParam, body: TemporaryCreditBody, response: { 200: CustomerSchema } } },
    async (request) => {
      const { amount, days, reason } = request.body;
      const today = businessToday(now());
      const customer = await db.transaction((tx) =>
        changeCustomerIn(
          tx,
          request,
          request.params.id,
          async (before) => {
            const orgPath = (await findOrgUnit(tx, before.orgUnit))?.path ?? '/';
            const rules = await governingRuleSet(tx, 'credit', orgPath, today);
            const until = rules && temporaryCreditUntil(rules.body, today, days);
            if (!until) {
              const most = rules?.body.maxTemporaryCreditDays ?? 0;
              throw new AppError('credit.temporary_too_long', `Temporary credit lasts at most ${most} days`, [
                { path: 'body.days', message: `at most ${most} days under the credit rules in force` },
              ]);
            }
            return { tempCreditFen: amount, tempCreditUntil: until };
          },
          'temporary_credit',
          reason,
        ),
      );
      return toCustomerJson(customer, requireAccess(request));
    },
  );

  app.delete(
    '/customers/:id/temporary-credit',
    { preHandler: authorize('customer.write'), schema: { tags, params: IdParam, response: { 200: CustomerSchema } } },
    async (request) => {
      const customer = await db.transaction((tx) =>
        changeCustomerIn(tx, request, request.params.id, async () => ({ tempCreditFen: null, tempCreditUntil: null }), 'temporary_credit'),
      );
      return toCustomerJson(customer, requireAccess(request));
    },
  );

  app.put(
    '/customers/:id/credit-control',
    { preHandler: authorize('grade.review'), schema: { tags, params: IdParam, body: CreditControlBody, response: { 200: CustomerSchema } } },
    async (request) => {
      const { nonCreditControl, reason } = request.body;
      const customer = await db.transaction((tx) =>
        changeCustomerIn(tx, request, request.params.id, async () => ({ nonCreditControl }), 'credit_control', reason),
      );
      return toCustomerJson(customer, requireAccess(request));
    },
  );
}
