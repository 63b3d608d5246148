import type { Database, Executor, TicketWindow } from '@patron/db';
import type { FastifyRequest } from 'fastify';
import { invalid } from '../../errors';
import type { TmfLinks } from './tmf-http';
import type { TmfListQuery } from './tmf-query';

/** A TMF621 TroubleTicket as Patron renders it (v4 attribute names). */
export interface TroubleTicketJson {
  id: string;
  href: string;
  '@type': 'TroubleTicket';
  creationDate: string;
  [attribute: string]: unknown;
}

/**
 * One kind of Patron record served as TroubleTickets, told apart by `ticketType`. Work orders are one
 * (`workOrder`); complaints plug in the same way (`complaint`) by adding a mapping to TICKET_MAPPINGS.
 * Ids must not collide across mappings: each mapping claims its ids with `owns`.
 */
export interface TicketMapping {
  readonly ticketType: string;
  owns(id: string): boolean;
  /** In `window.sort` order (newest first by default); the caller merges several mappings, then slices. */
  list(db: Executor, request: FastifyRequest, query: TmfListQuery, window: TicketWindow, links: TmfLinks): Promise<{ items: TroubleTicketJson[]; total: number }>;
  find(db: Executor, request: FastifyRequest, id: string, links: TmfLinks): Promise<TroubleTicketJson | undefined>;
  /** Creates from a body already valid against TroubleTicket_Create; returns the new id. */
  create(db: Database, request: FastifyRequest, body: Record<string, unknown>, now: Date): Promise<string>;
  /** Applies a merge patch already valid against TroubleTicket_Update; unknown id → not_found. */
  patch(db: Executor, request: FastifyRequest, id: string, patch: Record<string, unknown>, now: Date): Promise<void>;
  remove(db: Executor, request: FastifyRequest, id: string, now: Date): Promise<void>;
}

/** The customer number a created ticket names: its relatedParty with role customer (or @referredType Customer). */
export function customerNoOf(body: Record<string, unknown>): string {
  const parties = (body.relatedParty ?? []) as { id: string; role?: string; '@referredType': string }[];
  const customer = parties.find((party) => party.role === 'customer' || party['@referredType'] === 'Customer');
  if (!customer) throw invalid('body.relatedParty', 'name the customer: a relatedParty with role "customer" and @referredType "Customer" (id = customer number)');
  return customer.id;
}
