import { CustomerListQuery, CustomerSchema, DashboardSummary, IdParam, pageOf } from '@patron/contracts';
import { findCustomer, listCustomers, summarizeCustomers, type CustomerRecord } from '@patron/db';
import { maskRecord, type AccessContext, type PiiField } from '@patron/domain';
import type { App } from '../../context';
import { notFound } from '../../errors';
import { authorize, authorizeAny } from '../../plugins/authenticate';

const CUSTOMER_PII: readonly PiiField[] = ['phone', 'idNumber', 'address'];

/** Masks every PII field the caller's field policy does not show in full. */
export function maskCustomer(record: CustomerRecord, access: AccessContext): CustomerRecord {
  return maskRecord(record, CUSTOMER_PII, access.unmaskedFields as ReadonlySet<PiiField>);
}

export async function customerRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    '/customers',
    { preHandler: authorize('customer.read'), schema: { tags: ['customers'], querystring: CustomerListQuery, response: { 200: pageOf(CustomerSchema) } } },
    async (request) => {
      const access = request.access!;
      const { page, pageSize, ...filter } = request.query;
      const result = await listCustomers(db, access, filter, { page, pageSize });
      return { ...result, items: result.items.map((item) => maskCustomer(item, access)) };
    },
  );

  app.get(
    '/customers/:id',
    { preHandler: authorize('customer.read'), schema: { tags: ['customers'], params: IdParam, response: { 200: CustomerSchema } } },
    async (request) => {
      const access = request.access!;
      const customer = await findCustomer(db, access, request.params.id);
      if (!customer) throw notFound('Customer');
      return maskCustomer(customer, access);
    },
  );

  app.get(
    '/dashboard/summary',
    { preHandler: authorizeAny('customer.read', 'report.read'), schema: { tags: ['customers'], response: { 200: DashboardSummary } } },
    async (request) => summarizeCustomers(db, request.access!),
  );
}
