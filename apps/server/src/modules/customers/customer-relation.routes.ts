import { z } from 'zod';
import {
  CompetitorCreate,
  CompetitorPatch,
  CompetitorSchema,
  ContactCreate,
  ContactPatch,
  ContactSchema,
  CustomerEventCreate,
  CustomerEventPatch,
  CustomerEventSchema,
  IdParam,
} from '@patron/contracts';
import { findCustomer, lockCustomer } from '@patron/db';
import {
  COMPETITORS,
  CONTACTS,
  deleteCustomerRelation,
  EVENTS,
  findCustomerRelation,
  insertCustomerRelation,
  listCustomerRelation,
  updateCustomerRelation,
  type CustomerRelation,
  type EventWrite,
} from '@patron/db/repositories/customer-relation.repository';
import type { AccessContext } from '@patron/domain';
import type { App } from '../../context';
import { notFound } from '../../errors';
import { authorize } from '../../plugins/authenticate';
import { toCompetitorJson, toContactJson } from './customer.serializer';
import { diff, recordChange } from './customer-changes';

const ItemParams = IdParam.extend({ itemId: z.coerce.number().int().positive() });

interface RelationSpec<Row, Write, Item extends z.ZodType, Create extends z.ZodType, Patch extends z.ZodType> {
  /** URL segment under /customers/{id}/. */
  path: string;
  /** History and audit action prefix: 'contact' → contact.create, customer.contact.create. */
  entity: string;
  relation: CustomerRelation<Row, Write>;
  item: Item;
  create: Create;
  patch: Patch;
  toJson(row: Row, access: AccessContext): z.output<Item>;
  toWrite(body: z.output<Create> | z.output<Patch>): Write;
  /** Columns only a create sets (who recorded it). */
  onCreate?(access: AccessContext): Write;
  /** The row as history keeps it (unmasked; readers get it masked). */
  toHistory(row: Row): Record<string, unknown>;
}

/**
 * Contacts, key events and competitors: list (customer.read), add, change and remove
 * (customer.write). The customer is looked up in the caller's scope first, so another district's
 * customer is a 404 whatever the item id; every change lands in the customer's history and the audit log.
 */
function relationRoutes<Row, Write, Item extends z.ZodType, Create extends z.ZodType, Patch extends z.ZodType>(
  app: App,
  spec: RelationSpec<Row, Write, Item, Create, Patch>,
) {
  const { db } = app.deps;
  const base = `/customers/:id/${spec.path}`;
  const tags = ['customers'];
  // Fastify cannot resolve reply and body types through a generic schema, so the route sees plain
  // zod types; the spec's own signatures (toJson returns the item's type) keep each use checked.
  const item: z.ZodType = spec.item;
  const create: z.ZodType = spec.create;
  const patch: z.ZodType = spec.patch;

  app.get(
    base,
    { preHandler: authorize('customer.read'), schema: { tags, params: IdParam, response: { 200: z.object({ items: z.array(item) }) } } },
    async (request) => {
      const access = request.access!;
      const [customer, rows] = await Promise.all([
        findCustomer(db, access, request.params.id),
        listCustomerRelation(db, access, spec.relation, request.params.id),
      ]);
      if (!customer) throw notFound('Customer');
      return { items: rows.map((row) => spec.toJson(row, access)) };
    },
  );

  app.post(
    base,
    { preHandler: authorize('customer.write'), schema: { tags, params: IdParam, body: create, response: { 201: item } } },
    async (request, reply) => {
      const access = request.access!;
      const body = request.body as z.output<Create>;
      const created = await db.transaction(async (tx) => {
        const customer = await lockCustomer(tx, access, request.params.id);
        if (!customer) throw notFound('Customer');
        const id = await insertCustomerRelation(tx, spec.relation, customer.id, { ...spec.toWrite(body), ...spec.onCreate?.(access) });
        const row = (await findCustomerRelation(tx, access, spec.relation, customer.id, id)) as Row;
        await recordChange(tx, request, { customer, action: `${spec.entity}.create`, after: spec.toHistory(row) });
        return row;
      });
      return reply.code(201).send(spec.toJson(created, access));
    },
  );

  app.patch(
    `${base}/:itemId`,
    { preHandler: authorize('customer.write'), schema: { tags, params: ItemParams, body: patch, response: { 200: item } } },
    async (request) => {
      const access = request.access!;
      const body = request.body as z.output<Patch>;
      const { id, itemId } = request.params;
      const updated = await db.transaction(async (tx) => {
        const customer = await lockCustomer(tx, access, id);
        if (!customer) throw notFound('Customer');
        const before = await findCustomerRelation(tx, access, spec.relation, customer.id, itemId);
        if (!before) throw notFound(spec.entity);
        await updateCustomerRelation(tx, access, spec.relation, customer.id, itemId, spec.toWrite(body));
        const after = (await findCustomerRelation(tx, access, spec.relation, customer.id, itemId)) as Row;
        const changes = diff(spec.toHistory(before), spec.toHistory(after));
        if (changes) await recordChange(tx, request, { customer, action: `${spec.entity}.update`, ...changes });
        return after;
      });
      return spec.toJson(updated, access);
    },
  );

  app.delete(
    `${base}/:itemId`,
    { preHandler: authorize('customer.write'), schema: { tags, params: ItemParams } },
    async (request, reply) => {
      const access = request.access!;
      const { id, itemId } = request.params;
      await db.transaction(async (tx) => {
        const customer = await lockCustomer(tx, access, id);
        if (!customer) throw notFound('Customer');
        const before = await findCustomerRelation(tx, access, spec.relation, customer.id, itemId);
        if (!before) throw notFound(spec.entity);
        await deleteCustomerRelation(tx, access, spec.relation, customer.id, itemId);
        await recordChange(tx, request, { customer, action: `${spec.entity}.delete`, before: spec.toHistory(before) });
      });
      return reply.code(204).send();
    },
  );
}

/** History keeps the item's fields without its id and stamps. */
function withoutMeta<T extends { id: number }>(row: T): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...row };
  for (const key of ['id', 'createdAt', 'updatedAt', 'createdBy']) delete copy[key];
  return copy;
}

export async function customerRelationRoutes(app: App) {
  relationRoutes(app, {
    path: 'contacts',
    entity: 'contact',
    relation: CONTACTS,
    item: ContactSchema,
    create: ContactCreate,
    patch: ContactPatch,
    toJson: toContactJson,
    toWrite: (body) => body,
    toHistory: withoutMeta,
  });
  relationRoutes(app, {
    path: 'events',
    entity: 'event',
    relation: EVENTS,
    item: CustomerEventSchema,
    create: CustomerEventCreate,
    patch: CustomerEventPatch,
    toJson: (row) => row,
    toWrite: (body): EventWrite => body,
    onCreate: (access) => ({ createdById: access.userId }),
    toHistory: withoutMeta,
  });
  relationRoutes(app, {
    path: 'competitors',
    entity: 'competitor',
    relation: COMPETITORS,
    item: CompetitorSchema,
    create: CompetitorCreate,
    patch: CompetitorPatch,
    toJson: toCompetitorJson,
    toWrite: ({ monthlySpend, ...rest }) => ({ ...rest, ...(monthlySpend === undefined ? {} : { monthlySpendFen: monthlySpend }) }),
    toHistory: (row) => withoutMeta(toCompetitorJson(row)),
  });
}
