import { findCustomerByNo, listCustomerWindow, type CustomerFilter, type CustomerRecord, type TmfApi } from '@patron/db';
import type { AccessContext } from '@patron/domain';
import type { App } from '../../context';
import { AppError, invalid, notFound } from '../../errors';
import { linksOf, sendPage, type TmfLinks } from './tmf-http';
import { equalityValues, parseListQuery, project, sortOf, type TmfListQuery } from './tmf-query';
import { toIndividual, toOrganization, toTmfCustomer } from './customer.tmf-mapping';

type Render = (record: CustomerRecord, access: AccessContext, links: TmfLinks) => { id: string; [attribute: string]: unknown };

interface CustomerResource {
  api: TmfApi;
  path: string;
  name: string;
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

const notManaged = (name: string) =>
  new AppError('method.not_allowed', `${name} records are kept by Patron's customer archive (import or /api/v1/customers); TMF clients read them`);

/** TMF629 Customer and TMF632 Individual/Organization, read-only views of the customer archive. */
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

      for (const method of ['post', 'patch', 'delete'] as const) {
        app[method](method === 'post' ? resource.path : `${resource.path}/:id`, async () => {
          throw notManaged(resource.name);
        });
      }
    }
  };
}
