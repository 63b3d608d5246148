import { findCustomerByNo, listCustomerWindow, type CustomerFilter, type CustomerRecord, type Executor, type TmfApi } from '@patron/db';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../context';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { archiveCustomerIn, createCustomerIn, patchCustomerIn, restoreCustomerIn } from '../customers/customer.service';
import { customerCreateOf, customerDeletionOf, customerPatchOf, partyPatchOf } from './customer.tmf-input';
import { publishCustomerChange } from './customer.tmf-events';
import { checkBody, linksOf, sendPage, type TmfLinks } from './tmf-http';
import { equalityValues, parseListQuery, project, sortOf, type TmfListQuery } from './tmf-query';
import { toIndividual, toOrganization, toTmfCustomer, type FieldPolicy } from './customer.tmf-mapping';

type Render = (record: CustomerRecord, access: FieldPolicy, links: TmfLinks) => { id: string; [attribute: string]: unknown };

interface CustomerResource {
  api: TmfApi;
  path: string;
  name: 'Customer' | 'Individual' | 'Organization';
  /** Individuals are the individual customers, organizations the groups; a Customer is either. */
  kind?: CustomerFilter['kind'];
  /** Values of the resource's `status` → our archive. */
  statuses: Record<string, 'in_network' | 'retained'>;
  render: Render;
}

const RESOURCES: readonly CustomerResource[] = [
  { api: 'customerManagement', path: '/customer', name: 'Customer', statuses: { active: 'in_network', closed: 'retained' }, render: toTmfCustomer },
  { api: 'party', path: '/individual', name: 'Individual', kind: 'individual', statuses: { validated: 'in_network', initialized: 'retained' }, render: toIndividual },
  { api: 'party', path: '/organization', name: 'Organization', kind: 'group', statuses: { validated: 'in_network', closed: 'retained' }, render: toOrganization },
];

/** TMF attribute → our customer sort key: ids (customer numbers) or names in pinyin order. */
const SORTS = { id: 'customerNo', name: 'name' } as const;

function sortOfCustomers(query: TmfListQuery): CustomerFilter['sort'] {
  const keys = sortOf(query, Object.keys(SORTS) as (keyof typeof SORTS)[]);
  if (keys.length > 1) throw invalid('query.sort', 'customers sort by one attribute');
  const key = keys[0];
  return key === undefined ? undefined : `${key.descending ? '-' : ''}${SORTS[key.attribute]}` as const;
}

function filterOf(resource: CustomerResource, query: TmfListQuery) {
  const statuses = equalityValues(query, 'status');
  const archives = statuses?.map((status) => resource.statuses[status]).filter((archive) => archive !== undefined);
  return {
    ...(resource.kind ? { kind: resource.kind } : {}),
    archive: archives === undefined || archives.length === 2 ? ('all' as const) : (archives[0] ?? ('none' as const)),
    customerNos: equalityValues(query, 'id') ?? equalityValues(query, 'engagedParty.id'),
    names: equalityValues(query, 'name') ?? equalityValues(query, 'tradingName') ?? equalityValues(query, 'fullName'),
    sort: sortOfCustomers(query),
  };
}

/** Parties exist as the customers they are: one is created or deleted with its customer role. */
const partyCreatedWithCustomer = (name: string) =>
  new AppError(
    'method.not_allowed',
    `An ${name} is the party of a key account: create it with POST /tmf-api/customerManagement/v4/customer (engagedParty) and delete it with DELETE …/customer/{id}`,
  );

async function requireCustomer(db: Executor, request: FastifyRequest, resource: CustomerResource, id: string): Promise<CustomerRecord> {
  const record = await findCustomerByNo(db, request.access!, id);
  if (!record || (resource.kind !== undefined && record.kind !== resource.kind)) throw notFound(resource.name);
  return record;
}

/**
 * TMF629 Customer and TMF632 Individual/Organization over the customer archive: reads, and writes
 * through the same service as /api/v1 (history, audit, scope, events).
 */
export function customerRoutes(api: TmfApi) {
  return async (app: App) => {
    const { db } = app.deps;
    for (const resource of RESOURCES.filter((candidate) => candidate.api === api)) {
      app.get(resource.path, async (request, reply) => {
        const query = parseListQuery(request.query as Record<string, string | string[]>);
        const access = request.access!;
        const filter = filterOf(resource, query);
        if (filter.archive === 'none') return sendPage(reply, [], 0);
        const { items, total } = await listCustomerWindow(db, access, { ...filter, archive: filter.archive }, query);
        const links = linksOf(request);
        return sendPage(reply, items.map((record) => project(resource.render(record, access, links), query.fields)), total);
      });

      app.get(`${resource.path}/:id`, async (request) => {
        const { id } = request.params as { id: string };
        const query = parseListQuery(request.query as Record<string, string | string[]>);
        const record = await findCustomerByNo(db, request.access!, id);
        if (!record || (resource.kind !== undefined && record.kind !== resource.kind)) throw notFound(resource.name);
        return project(resource.render(record, request.access!, linksOf(request)), query.fields);
      });

      if (resource.name === 'Customer') {
        app.post(resource.path, async (request, reply) => {
          checkBody(resource.api, 'Customer_Create', request.body);
          const input = customerCreateOf(request.body as Record<string, unknown>, request.access!);
          const created = await db.transaction((tx) => createCustomerIn(tx, request, input, app.deps.now()));
          const body = resource.render(created, request.access!, linksOf(request));
          return reply.code(201).header('Location', body.href).send(body);
        });
      } else {
        app.post(resource.path, async () => {
          throw partyCreatedWithCustomer(resource.name);
        });
      }

      app.patch(`${resource.path}/:id`, async (request) => {
        checkBody(resource.api, `${resource.name}_Update`, request.body, { patch: true });
        const { id } = request.params as { id: string };
        const access = request.access!;
        const current = await requireCustomer(db, request, resource, id);
        const body = request.body as Record<string, unknown>;
        const updated = await db.transaction(async (tx) => {
          if (resource.name !== 'Customer') return patchCustomerIn(tx, request, current.id, partyPatchOf(resource.name, body, current, access));
          const plan = customerPatchOf(body, current, access);
          let record = Object.keys(plan.profile).length > 0 ? await patchCustomerIn(tx, request, current.id, plan.profile) : current;
          if (plan.move?.to === 'retained') record = await archiveCustomerIn(tx, request, current.id, plan.move.archive, app.deps.now());
          if (plan.move?.to === 'in_network') record = await restoreCustomerIn(tx, request, current.id, plan.move.note);
          return record;
        });
        return resource.render(updated, access, linksOf(request));
      });

      if (resource.name === 'Customer') {
        app.delete(`${resource.path}/:id`, async (request, reply) => {
          const { id } = request.params as { id: string };
          const { statusReason } = request.query as { statusReason?: string };
          const current = await requireCustomer(db, request, resource, id);
          if (current.archive === 'retained') throw conflict(`Customer ${id} is already closed (in the retained archive)`);
          await db.transaction(async (tx) => {
            const now = app.deps.now();
            const archived = await archiveCustomerIn(tx, request, current.id, customerDeletionOf(statusReason), now);
            await publishCustomerChange(tx, archived, 'delete', now);
          });
          return reply.code(204).send();
        });
      } else {
        app.delete(`${resource.path}/:id`, async () => {
          throw partyCreatedWithCustomer(resource.name);
        });
      }
    }
  };
}
