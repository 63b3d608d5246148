import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { App, AppDeps } from './context';
import { isDomainError } from '@patron/domain';
import { AppError, domainErrorStatus, ERROR_STATUS, type ErrorCode } from './errors';
import { registerAuthentication } from './plugins/authenticate';
import { authRoutes } from './modules/auth/auth.routes';
import { orgUnitRoutes } from './modules/org-units/org-unit.routes';
import { userRoutes } from './modules/users/user.routes';
import { roleRoutes } from './modules/roles/role.routes';
import { apiTokenRoutes } from './modules/api-tokens/api-token.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { customerRoutes } from './modules/customers/customer.routes';
import { customerCreditRoutes } from './modules/customers/customer-credit.routes';
import { customerRelationRoutes } from './modules/customers/customer-relation.routes';
import { assignmentRoutes } from './modules/customers/assignment.routes';
import { savedFilterRoutes } from './modules/customers/saved-filter.routes';
import { jobRoutes } from './modules/jobs/job.routes';
import { importRoutes } from './modules/imports/import.routes';
import { exportRoutes } from './modules/exports/export.routes';
import { healthRoutes } from './modules/system/health.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { slaRoutes } from './modules/sla/sla.routes';
import { workOrderRoutes } from './modules/work-orders/work-order.routes';
import { publicStatusRoutes } from './modules/public/public-status.routes';
import { ruleSetRoutes } from './modules/rules/rule-set.routes';
import { regradeRoutes } from './modules/rules/regrade.routes';
import { pointsRoutes } from './modules/rules/points.routes';
import { potentialRoutes } from './modules/rules/potential.routes';
import { complaintRoutes } from './modules/complaints/complaint.routes';
import { revisitRoutes } from './modules/revisits/revisit.routes';
import { surveyRoutes } from './modules/surveys/survey.routes';
import { questionnaireRoutes } from './modules/surveys/questionnaire.routes';
import { tmfApi } from './modules/tmf/tmf.routes';
import { tmfHubAdminRoutes } from './modules/tmf/tmf-hub-admin.routes';
import { measureRoutes } from './modules/measures/measure.routes';
import { withoutTmfTrailingSlash } from './modules/tmf/tmf-http';
import { notificationRoutes } from './modules/notifications/notification.routes';
import { customerEntitlementsRoutes } from './modules/rules/customer-entitlements.routes';

/** Each capability adds its routes here; they all mount under /api/v1. */
const API_MODULES = [
  healthRoutes,
  authRoutes,
  orgUnitRoutes,
  userRoutes,
  roleRoutes,
  apiTokenRoutes,
  auditRoutes,
  customerRoutes,
  customerCreditRoutes,
  customerRelationRoutes,
  assignmentRoutes,
  savedFilterRoutes,
  jobRoutes,
  importRoutes,
  exportRoutes,
  calendarRoutes,
  slaRoutes,
  workOrderRoutes,
  publicStatusRoutes,
  ruleSetRoutes,
  regradeRoutes,
  pointsRoutes,
  potentialRoutes,
  complaintRoutes,
  revisitRoutes,
  surveyRoutes,
  tmfHubAdminRoutes,
  questionnaireRoutes,
  measureRoutes,
  notificationRoutes,
  customerEntitlementsRoutes,
];

const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface BuildOptions {
  logger?: boolean | { level: string };
  /** Serve the built web app from apps/web/dist when it exists. */
  serveWeb?: boolean;
}

function errorBody(code: ErrorCode, message: string, requestId: string, details: { path: string; message: string }[] = []) {
  return { error: { code, message, details, requestId } };
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    rewriteUrl: (request) => withoutTmfTrailingSlash(request.url ?? '/'),
  }).withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>() as unknown as App;

  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return reply.code(error.status).send(errorBody(error.code, error.message, request.id, error.details));
    }
    if (isDomainError(error)) {
      const details = error.path ? [{ path: error.path, message: error.message }] : [];
      return reply.code(domainErrorStatus(error.code)).send({ error: { code: error.code, message: error.message, details, requestId: request.id } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // Paths name the request part as clients know it: body.x, query.x, params.x.
      const where = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
      const details = error.validation.map((issue) => ({
        path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'invalid',
      }));
      return reply.code(400).send(errorBody('validation.failed', 'Invalid request', request.id, details));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody('payload.too_large', 'Request body too large', request.id));
    }
    if (error.statusCode === 429) {
      return reply.code(429).send(errorBody('rate_limited', 'Too many requests', request.id));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own 4xx (malformed JSON, wrong content type…): the client's fault, said plainly.
      return reply.code(error.statusCode).send(errorBody('validation.failed', error.message, request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(ERROR_STATUS.internal).send(errorBody('internal', 'Internal error', request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/tmf-api/');
    if (!isApi && options.serveWeb && request.method === 'GET' && existsSync(webDist + 'index.html')) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send(errorBody('route.not_found', `No route ${request.method} ${request.url.split('?')[0]}`, request.id));
  });

  await app.register(cookie);
  registerAuthentication(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Patron API', version: deps.version, description: 'Key-account service management' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'patron_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      for (const module of API_MODULES) await api.register(module as (instance: App) => Promise<void>);
    },
    { prefix: '/api/v1' },
  );
  await app.register(tmfApi as (instance: App) => Promise<void>, { prefix: '/tmf-api' });

  if (options.serveWeb && existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, maxAge: '1h' });
  }
  return app;
}
