import {
  ArchiveBody,
  CustomerCreate,
  CustomerDetailSchema,
  CustomerFilterSchema,
  CustomerListQuery,
  CustomerPatch,
  CustomerSchema,
  DashboardSummary,
  IdParam,
  pageOf,
  RestoreBody,
  UnmaskBody,
  UnmaskReply,
  type CustomerFilterValue,
} from '@patron/contracts';
import {
  findCustomer,
  listCustomers,
  summarizeCustomers,
  type Executor,
} from '@patron/db';
import { BILL_MONTHS, findCustomer360, listLineNumbers } from '@patron/db/repositories/customer-360.repository';
import { findSavedFilter } from '@patron/db/repositories/customer-saved-filter.repository';
import { can, type AccessContext, type PiiField } from '@patron/domain';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError, invalid, notFound } from '../../errors';
import { authorize, authorizeAny } from '../../plugins/authenticate';
import { resolveListFilter } from './customer-references';
import { toCustomerDetailJson, toCustomerJson } from './customer.serializer';
import { archiveCustomerIn, createCustomerIn, patchCustomerIn, restoreCustomerIn } from './customer.service';

/** A saved filter gives the base; filters written beside it in the URL win. */
async function effectiveFilter(db: Executor, access: AccessContext, savedFilterId: number | undefined, explicit: CustomerFilterValue) {
  const given = Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined)) as CustomerFilterValue;
  if (savedFilterId === undefined) return given;
  const saved = await findSavedFilter(db, access, savedFilterId);
  if (!saved) throw invalid('savedFilter', `No saved filter ${savedFilterId}`);
  const parsed = CustomerFilterSchema.safeParse(saved.filters);
  if (!parsed.success) throw invalid('savedFilter', `Saved filter ${savedFilterId} no longer matches the list's filters`);
  return { ...parsed.data, ...given };
}

/** The 360 view's suspensions reach back one year from the server clock. */
const yearBefore = (now: Date) => {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  return since;
};

export async function customerRoutes(app: App) {
  const { db } = app.deps;
  const tags = ['customers'];

  app.get(
    '/customers',
    { preHandler: authorize('customer.read'), schema: { tags, querystring: CustomerListQuery, response: { 200: pageOf(CustomerSchema) } } },
    async (request) => {
      const access = request.access!;
      const { page, pageSize, savedFilter, ...explicit } = request.query;
      const filter = await resolveListFilter(db, await effectiveFilter(db, access, savedFilter, explicit));
      const result = await listCustomers(db, access, filter, { page, pageSize });
      return { ...result, items: result.items.map((item) => toCustomerJson(item, access)) };
    },
  );

  app.get(
    '/customers/:id',
    { preHandler: authorize('customer.read'), schema: { tags, params: IdParam, response: { 200: CustomerDetailSchema } } },
    async (request) => {
      const access = request.access!;
      const now = app.deps.now();
      const view = await findCustomer360(db, access, request.params.id, yearBefore(now));
      if (!view) throw notFound('Customer');
      return toCustomerDetailJson(view, access, now, BILL_MONTHS);
    },
  );

  app.post(
    '/customers',
    { preHandler: authorize('customer.write'), schema: { tags, body: CustomerCreate, response: { 201: CustomerSchema } } },
    async (request, reply) => {
      const access = request.access!;
      const created = await db.transaction((tx) => createCustomerIn(tx, request, request.body, app.deps.now()));
      return reply.code(201).send(toCustomerJson(created, access));
    },
  );

  app.patch(
    '/customers/:id',
    { preHandler: authorize('customer.write'), schema: { tags, params: IdParam, body: CustomerPatch, response: { 200: CustomerSchema } } },
    async (request) => {
      const access = request.access!;
      const id = request.params.id;
      return toCustomerJson(await db.transaction((tx) => patchCustomerIn(tx, request, id, request.body)), access);
    },
  );

  app.post(
    '/customers/:id/archive',
    { preHandler: authorize('customer.write'), schema: { tags, params: IdParam, body: ArchiveBody, response: { 200: CustomerSchema } } },
    async (request) => {
      const access = request.access!;
      return toCustomerJson(await db.transaction((tx) => archiveCustomerIn(tx, request, request.params.id, request.body, app.deps.now())), access);
    },
  );

  app.post(
    '/customers/:id/restore',
    { preHandler: authorize('customer.write'), schema: { tags, params: IdParam, body: RestoreBody, response: { 200: CustomerSchema } } },
    async (request) => {
      const access = request.access!;
      const note = request.body?.note ?? null;
      return toCustomerJson(await db.transaction((tx) => restoreCustomerIn(tx, request, request.params.id, note)), access);
    },
  );

  app.post(
    '/customers/:id/unmask',
    { preHandler: authorize('customer.read'), schema: { tags, params: IdParam, body: UnmaskBody, response: { 200: UnmaskReply } } },
    async (request) => {
      const access = request.access!;
      const fields = [...new Set(request.body.fields)];
      // Shown in full anyway, or unmaskable on request by a holder of pii.unmask; the policy alone
      // decides, before any row is read, so a refusal says nothing about the customer.
      const allowed = (field: PiiField) =>
        access.unmaskedFields.has(field) || (access.unmaskableFields.has(field) && can(access, 'pii.unmask'));
      const denied = fields.filter((field) => !allowed(field));
      if (denied.length > 0) {
        throw new AppError(
          'auth.forbidden',
          `You may not unmask ${denied.join(', ')}`,
          denied.map((field) => ({ path: 'fields', message: `${field} is not unmaskable for your roles` })),
        );
      }
      return db.transaction(async (tx) => {
        const customer = await findCustomer(tx, access, request.params.id);
        if (!customer) throw notFound('Customer');
        // The fields and the reason are recorded, never the values.
        await audit(tx, request, {
          action: 'customer.unmask',
          entityType: 'customer',
          entityId: customer.id,
          after: { fields },
          reason: request.body.reason,
        });
        const values = Object.fromEntries(fields.map((field) => [field, customer[field]]));
        return fields.includes('phone') ? { fields: values, lines: await listLineNumbers(tx, customer.id) } : { fields: values };
      });
    },
  );

  app.get(
    '/dashboard/summary',
    { preHandler: authorizeAny('customer.read', 'report.read'), schema: { tags, response: { 200: DashboardSummary } } },
    async (request) => summarizeCustomers(db, request.access!),
  );
}
