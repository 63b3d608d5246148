import { PassThrough, type Readable } from 'node:stream';
import {
  IdParam,
  ImportKindParam,
  ImportRunSchema,
  ImportSummarySchema,
  ImportUploadQuery,
  ImportValidationSchema,
} from '@patron/contracts';
import type { ImportActor } from '@patron/db/import/index';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../context';
import { AppError } from '../../errors';
import { authorize } from '../../plugins/authenticate';
import { XLSX_MIME } from './import-source';
import { assertUploadKept, commitRun, findOwnRun, importProgress, MAX_UPLOAD_BYTES, validateUpload, writeRunRejects } from './import.service';

/** Upload bodies stay streams: the service copies them to disk and enforces its own size limit. */
const UPLOAD_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/octet-stream', XLSX_MIME];

function actorOf(request: FastifyRequest): ImportActor {
  const access = request.access!;
  return { userId: access.userId, username: access.username, access };
}

/** `x-file-name` may be percent-encoded (browsers cannot send raw UTF-8 in headers). */
function fileNameOf(request: FastifyRequest, fallback: string): string {
  const header = request.headers['x-file-name'];
  const raw = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!raw) return fallback;
  try {
    return decodeURIComponent(raw).replace(/[\\/]/g, '_').slice(0, 200);
  } catch {
    return raw.replace(/[\\/]/g, '_').slice(0, 200);
  }
}

export async function importRoutes(app: App) {
  const { db, now } = app.deps;
  const tags = ['imports'];

  app.addContentTypeParser(UPLOAD_TYPES, { bodyLimit: MAX_UPLOAD_BYTES }, (_request, payload, done) => done(null, payload));

  app.post(
    '/imports/:kind',
    {
      preHandler: authorize('customer.write'),
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags,
        summary: 'Validate an import file (CSV or XLSX as the raw body) and keep it for commit',
        params: ImportKindParam,
        querystring: ImportUploadQuery,
        response: { 200: ImportValidationSchema },
      },
    },
    async (request) => {
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== 'function') {
        throw new AppError('import.unsupported_format', `Send the file as the body with content-type text/csv or ${XLSX_MIME}`);
      }
      const kind = request.params.kind;
      const contentType = request.headers['content-type'];
      return validateUpload(db, {
        kind,
        mode: request.query.mode,
        fileName: fileNameOf(request, `${kind}.${contentType?.startsWith(XLSX_MIME) ? 'xlsx' : 'csv'}`),
        ...(contentType ? { contentType } : {}),
        ...(request.query.overrideReason === undefined ? {} : { overrideLimitsReason: request.query.overrideReason }),
        body,
        actor: actorOf(request),
        now: now(),
      });
    },
  );

  app.post(
    '/imports/:id/commit',
    {
      preHandler: authorize('customer.write'),
      schema: { tags, summary: 'Write a validated import run', params: IdParam, response: { 200: ImportSummarySchema } },
    },
    async (request) => commitRun(db, request.params.id, actorOf(request), now(), { ip: request.ip, requestId: request.id }),
  );

  app.get(
    '/imports/:id',
    {
      preHandler: authorize('customer.write'),
      schema: { tags, summary: 'An import run: status, counts, first errors, progress', params: IdParam, response: { 200: ImportRunSchema } },
    },
    async (request) => {
      const run = await findOwnRun(db, actorOf(request), request.params.id);
      const { createdByName, createdBy: _id, committingRows: _rows, fileFormat: _format, ...rest } = run;
      return { ...rest, createdBy: createdByName, progress: importProgress(run) };
    },
  );

  app.get(
    '/imports/:id/rejects',
    {
      preHandler: authorize('customer.write'),
      schema: {
        tags,
        summary: 'The rejected rows as CSV (original columns + error)',
        params: IdParam,
      },
    },
    async (request, reply) => {
      const run = await findOwnRun(db, actorOf(request), request.params.id);
      const format = await assertUploadKept(db, run, now());
      const out = new PassThrough();
      const fileName = `${run.fileName.replace(/\.[^.]+$/, '')}.rejects.csv`;
      writeRunRejects(db, run, format, out).then(
        () => out.end(),
        (error: unknown) => out.destroy(error as Error),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rejects.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(out);
    },
  );
}
