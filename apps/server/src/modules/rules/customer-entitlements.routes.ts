import { CustomerEntitlementsReply, IdParam } from '@patron/contracts';
import { findCustomerEntitlements } from '@patron/db';
import { formatFen } from '@patron/domain/money';
import type { App } from '../../context';
import { notFound } from '../../errors';
import { authorize, requireAccess } from '../../plugins/authenticate';

const yuan = (fen: number | null) => (fen === null ? null : formatFen(Number(fen)));

/** A customer's credit profile and grade benefits, as the last re-grade left them (DOMAIN §2.1, §2.3, §3.3). */
export async function customerEntitlementsRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    '/customers/:id/entitlements',
    { preHandler: authorize('customer.read'), schema: { tags: ['rules'], params: IdParam, response: { 200: CustomerEntitlementsReply } } },
    async (request) => {
      const found = await findCustomerEntitlements(db, requireAccess(request), request.params.id);
      if (!found) throw notFound('Customer');
      const { limitFen, temporaryFen, ...credit } = found.credit;
      return { ...found, credit: { ...credit, limit: yuan(limitFen), temporaryLimit: yuan(temporaryFen) } };
    },
  );
}
