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
  insertCustomer,
  listCustomers,
  lockCustomer,
  summarizeCustomers,
  updateCustomer,
  type CustomerRecord,
  type CustomerWrite,
  type Executor,
} from '@patron/db';
import { BILL_MONTHS, findCustomer360, listLineNumbers } from '@patron/db/repositories/customer-360.repository';
import { lockAccountManager } from '@patron/db/repositories/customer-assignment.repository';
import { findSavedFilter } from '@patron/db/repositories/customer-saved-filter.repository';
import { can, type AccessContext, type BusinessDate, type PiiField } from '@patron/domain';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { authorize, authorizeAny } from '../../plugins/authenticate';
import { countByTier, limitExceeded } from './assignment.policy';
import { businessToday } from '../calendar/calendar-http';
import { excessesFor } from './assignment.service';
import { diff, filled, profileToWrite, recordChange, snapshot } from './customer-changes';
import { resolveListFilter } from './customer-references';
import { toCustomerDetailJson, toCustomerJson } from './customer.serializer';

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

/**
 * The lead on creation: account managers take their own customers; others may name an account
 * manager in their subtree. Giving a lead is an assignment, so the same load limits apply; `grade`
 * is null for the retained archive, which takes no service capacity.
 */
async function leadForCreate(
  tx: Executor,
  access: AccessContext,
  username: string | null | undefined,
  grade: CustomerRecord['grade'] | null,
  today: BusinessDate,
) {
  const ownCustomers = access.dataScope === 'own';
  if (ownCustomers && username != null && username !== access.username) {
    throw invalid('accountManager', 'An account manager creates customers for themselves');
  }
  const wanted = ownCustomers ? access.username : username;
  if (wanted == null) return null;
  const manager = await lockAccountManager(tx, wanted, access.orgPath);
  if (!manager) throw invalid('accountManager', `No active account manager ${wanted} in your organisation`);
  if (grade !== null) {
    const excesses = await excessesFor(tx, manager, countByTier([grade]), today);
    if (excesses.length > 0) throw limitExceeded(excesses);
  }
  return manager.id;
}

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
      const { customerNo, kind, accountManager, archive, retainedReason, retainedCompetitor, retainedNote, ...profile } = request.body;
      const created = await db.transaction(async (tx) => {
        const write = await profileToWrite(tx, access, profile, { id: null, kind });
        const leadId = await leadForCreate(tx, access, accountManager, archive === 'in_network' ? profile.grade ?? 'none' : null, businessToday(app.deps.now()));
        const values: CustomerWrite & Required<Pick<CustomerWrite, 'customerNo' | 'kind' | 'name' | 'orgUnitId'>> = {
          // A group is filed in the group segment unless said otherwise (政企 vs individual service rules).
          segment: kind === 'group' ? 'group' : 'individual',
          ...write,
          customerNo,
          kind,
          name: profile.name,
          // orgUnit is required in a create, so profileToWrite has resolved it (or refused).
          orgUnitId: write.orgUnitId as number,
          accountManagerId: leadId,
          archive,
          ...(archive === 'retained'
            ? { retainedReason, retainedCompetitor: retainedCompetitor ?? null, retainedNote: retainedNote ?? null, retainedAt: app.deps.now() }
            : {}),
        };
        const id = await insertCustomer(tx, values);
        if (id === undefined) throw conflict(`Customer ${customerNo} exists`, [{ path: 'customerNo', message: 'taken' }]);
        // What the caller creates it must be able to see; otherwise say so and keep nothing.
        const customer = await findCustomer(tx, access, id);
        if (!customer) throw invalid('accountManager', 'The customer would be outside your scope: give it a manager you oversee');
        await recordChange(tx, request, { customer, action: 'create', after: filled(snapshot(customer)) });
        return customer;
      });
      return reply.code(201).send(toCustomerJson(created, access));
    },
  );

  app.patch(
    '/customers/:id',
    { preHandler: authorize('customer.write'), schema: { tags, params: IdParam, body: CustomerPatch, response: { 200: CustomerSchema } } },
    async (request) => {
      const access = request.access!;
      const id = request.params.id;
      return db.transaction(async (tx) => {
        const before = await lockCustomer(tx, access, id);
        if (!before) throw notFound('Customer');
        const body = request.body;
        const validFrom = body.gradeValidFrom !== undefined ? body.gradeValidFrom : before.gradeValidFrom;
        const validTo = body.gradeValidTo !== undefined ? body.gradeValidTo : before.gradeValidTo;
        if (validFrom && validTo && validFrom > validTo) throw invalid('gradeValidTo', 'must not be before gradeValidFrom');
        await updateCustomer(tx, access, id, await profileToWrite(tx, access, body, before));
        const after = await findCustomer(tx, access, id);
        if (!after) throw invalid('orgUnit', 'The change would move the customer outside your scope');
        const changes = diff(snapshot(before), snapshot(after));
        if (changes) await recordChange(tx, request, { customer: after, action: 'update', ...changes });
        return toCustomerJson(after, access);
      });
    },
  );

  app.post(
    '/customers/:id/archive',
    { preHandler: authorize('customer.write'), schema: { tags, params: IdParam, body: ArchiveBody, response: { 200: CustomerSchema } } },
    async (request) => {
      const access = request.access!;
      const { reason, competitor, note } = request.body;
      return db.transaction(async (tx) => {
        const before = await lockCustomer(tx, access, request.params.id);
        if (!before) throw notFound('Customer');
        if (before.archive === 'retained') throw new AppError('state.illegal_transition', 'The customer is already in the retained archive');
        await updateCustomer(tx, access, before.id, {
          archive: 'retained',
          retainedReason: reason,
          retainedCompetitor: competitor ?? null,
          retainedNote: note ?? null,
          retainedAt: app.deps.now(),
        });
        const after = (await findCustomer(tx, access, before.id))!;
        await recordChange(tx, request, {
          customer: after,
          action: 'archive',
          before: { archive: before.archive },
          after: { archive: after.archive, retainedReason: reason, retainedCompetitor: competitor ?? null, retainedNote: note ?? null },
          reason: note ?? reason,
        });
        return toCustomerJson(after, access);
      });
    },
  );

  app.post(
    '/customers/:id/restore',
    { preHandler: authorize('customer.write'), schema: { tags, params: IdParam, body: RestoreBody, response: { 200: CustomerSchema } } },
    async (request) => {
      const access = request.access!;
      const note = request.body?.note ?? null;
      return db.transaction(async (tx) => {
        const before = await lockCustomer(tx, access, request.params.id);
        if (!before) throw notFound('Customer');
        if (before.archive === 'in_network') throw new AppError('state.illegal_transition', 'The customer is already in the in-network archive');
        await updateCustomer(tx, access, before.id, {
          archive: 'in_network',
          retainedReason: null,
          retainedCompetitor: null,
          retainedNote: null,
          retainedAt: null,
        });
        const after = (await findCustomer(tx, access, before.id))!;
        await recordChange(tx, request, {
          customer: after,
          action: 'restore',
          before: {
            archive: before.archive,
            retainedReason: before.retainedReason,
            retainedCompetitor: before.retainedCompetitor,
            retainedNote: before.retainedNote,
          },
          after: { archive: after.archive },
          reason: note,
        });
        return toCustomerJson(after, access);
      });
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
