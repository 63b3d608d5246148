import type { FastifyError } from 'fastify';
import { isDomainError } from '@patron/domain';
import type { App } from '../../context';
import { AppError, domainErrorStatus } from '../../errors';
import { authorize } from '../../plugins/authenticate';
import { tmfErrorBody } from './tmf-http';
import { hubRoutes } from './tmf-hub.routes';
import { troubleTicketRoutes } from './trouble-ticket.routes';
import { customerRoutes } from './tmf-customer.routes';
import { appointmentRoutes } from './tmf-appointment.routes';
import { searchTimeSlotRoutes } from './tmf-search-time-slot.routes';

const HTTP_ERROR_CODES: Record<number, string> = { 404: 'route.not_found', 405: 'method.not_allowed', 413: 'payload.too_large', 415: 'media_type.unsupported' };

const API_ROUTES: [prefix: string, routes: (app: App) => Promise<void>][] = [
  ['/troubleTicket/v4', troubleTicketRoutes],
  ['/troubleTicket/v4', hubRoutes('troubleTicket')],
  ['/customerManagement/v4', customerRoutes('customerManagement')],
  ['/customerManagement/v4', hubRoutes('customerManagement')],
  ['/party/v4', customerRoutes('party')],
  ['/party/v4', hubRoutes('party')],
  // Many deployed clients call TMF632 under this name.
  ['/partyManagement/v4', customerRoutes('party')],
  ['/partyManagement/v4', hubRoutes('party')],
  ['/appointment/v4', appointmentRoutes],
  ['/appointment/v4', searchTimeSlotRoutes],
  ['/appointment/v4', hubRoutes('appointment')],
];

/**
 * The TM Forum Open API façade under /tmf-api: integration clients only (an API token whose role holds
 * integration.api), errors as TMF Error bodies, merge patches as JSON.
 */
export async function tmfApi(app: App) {
  // RFC 7386 merge patches are JSON; plain application/json is treated the same way. JSON Patch is not supported (415).
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addHook('onRequest', authorize('integration.api'));

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return reply.code(error.status).send(tmfErrorBody(error.status, error.code, error.message, error.details));
    if (isDomainError(error)) {
      const status = domainErrorStatus(error.code);
      return reply.code(status).send(tmfErrorBody(status, error.code, error.message, error.path ? [{ path: error.path, message: error.message }] : []));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send(tmfErrorBody(status, HTTP_ERROR_CODES[status] ?? 'validation.failed', error.message));
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(tmfErrorBody(500, 'internal', `Internal error (request ${request.id})`));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(tmfErrorBody(404, 'route.not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );

  // No TMF resource defines PUT: say so rather than "no such route".
  app.put('/*', async () => {
    throw new AppError('method.not_allowed', 'TMF resources are changed with PATCH (merge patch)');
  });
  for (const [prefix, routes] of API_ROUTES) await app.register(routes, { prefix });
}
