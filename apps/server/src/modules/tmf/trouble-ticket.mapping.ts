import type { Executor } from '@patron/db';
import type { FastifyRequest } from 'fastify';
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
  /** Newest first; `window.limit` counts from the start (the caller merges mappings, then slices). */
  list(db: Executor, request: FastifyRequest, query: TmfListQuery, window: { offset: number; limit: number }, links: TmfLinks): Promise<{ items: TroubleTicketJson[]; total: number }>;
  find(db: Executor, request: FastifyRequest, id: string, links: TmfLinks): Promise<TroubleTicketJson | undefined>;
  /** Creates from a body already valid against TroubleTicket_Create; returns the new id. */
  create(db: Executor, request: FastifyRequest, body: Record<string, unknown>, now: Date): Promise<string>;
  /** Applies a merge patch already valid against TroubleTicket_Update; unknown id → not_found. */
  patch(db: Executor, request: FastifyRequest, id: string, patch: Record<string, unknown>, now: Date): Promise<void>;
  remove(db: Executor, request: FastifyRequest, id: string, now: Date): Promise<void>;
}
