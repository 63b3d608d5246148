import type { TmfApi } from '@patron/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../errors';
import { validateTmf } from './tmf-schemas';

/** Base paths of the v4 APIs, as their swagger files declare them. */
export const TMF_BASE_PATHS: Record<TmfApi, string> = {
  troubleTicket: 'troubleTicket/v4',
  customerManagement: 'customerManagement/v4',
  party: 'party/v4',
  appointment: 'appointment/v4',
};

/** Absolute href of a TMF resource; `root` is scheme + host + /tmf-api as the client called it. */
export interface TmfLinks {
  root: string;
  href(api: TmfApi, resource: string, id: string): string;
}

/** Links built on a known API root (`https://crm.example/tmf-api`). */
export function linksAt(root: string): TmfLinks {
  return { root, href: (api, resource, id) => `${root}/${TMF_BASE_PATHS[api]}/${resource}/${encodeURIComponent(id)}` };
}

export function linksOf(request: FastifyRequest): TmfLinks {
  return linksAt(`${request.protocol}://${request.host}/tmf-api`);
}

/**
 * TMF clients build URLs by concatenation and often leave a trailing slash: `/troubleTicket/` means
 * `/troubleTicket` under /tmf-api (only there: the web app's own routes are left alone).
 */
export function withoutTmfTrailingSlash(url: string): string {
  if (!url.startsWith('/tmf-api/')) return url;
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') + (query < 0 ? '' : url.slice(query)) : url;
}

/** A list page: a bare array with the TMF count headers. */
export function sendPage(reply: FastifyReply, items: readonly unknown[], total: number) {
  return reply.header('X-Total-Count', String(total)).header('X-Result-Count', String(items.length)).send(items);
}

/**
 * Checks a request body against the API's own swagger definition; the first issues become a 400.
 * `patch`: a merge patch sends only what changes, so the v4 `*_Update` definitions' required lists
 * (Customer_Update's engagedParty, Appointment_Update's validFor) do not apply.
 */
export function checkBody(api: TmfApi, definition: string, body: unknown, options: { patch?: boolean } = {}): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid('body', 'must be a JSON object');
  const issues = validateTmf(api, definition, body).filter((issue) => !(options.patch && issue.keyword === 'required' && !issue.path.includes('.')));
  if (issues.length > 0) {
    throw new AppError(
      'validation.failed',
      `Invalid ${definition}`,
      issues.map((issue) => ({ path: issue.path === '' ? 'body' : `body.${issue.path}`, message: issue.message })),
    );
  }
}

/** Refuses attributes a client may not write (server-maintained or not mapped in Patron). */
export function refuseAttributes(body: Record<string, unknown>, names: readonly string[], why: string): void {
  const present = names.filter((name) => body[name] !== undefined);
  if (present.length > 0) throw new AppError('validation.failed', why, present.map((name) => ({ path: `body.${name}`, message: why })));
}

const REASONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable entity',
  429: 'Too many requests',
  500: 'Internal error',
};

/**
 * The TMF Error body: `code` is our machine-readable error code (the same as /api/v1's), `reason`
 * the HTTP reason, `message` the explanation with the field paths at fault, `status` the HTTP
 * status as a string.
 */
export function tmfErrorBody(status: number, code: string, message: string, details: readonly { path: string; message: string }[] = []) {
  const detail = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return {
    '@type': 'Error',
    code,
    reason: REASONS[status] ?? 'Error',
    message: detail === '' ? message : `${message} (${detail})`,
    status: String(status),
    referenceError: `urn:patron:error:${code}`,
  };
}
