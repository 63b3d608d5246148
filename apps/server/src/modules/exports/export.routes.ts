import { PassThrough } from 'node:stream';
import { CustomerExportQuery } from '@patron/contracts';
import type { App } from '../../context';
import { authorize } from '../../plugins/authenticate';
import { auditExport, EXPORT_CONTENT_TYPES, toExportFilter, writeCustomerExport } from './customer-export';

export async function exportRoutes(app: App) {
  const { db, now } = app.deps;

  app.get(
    '/customers/export',
    {
      preHandler: authorize('customer.read'),
      schema: {
        tags: ['customers'],
        summary: 'The scoped, filtered customer list as CSV or XLSX, PII masked by the caller’s field policy',
        querystring: CustomerExportQuery,
      },
    },
    async (request, reply) => {
      const access = request.access!;
      const { format, ...filters } = request.query;
      // Unknown org units or managers are 400s before the first byte.
      const filter = await toExportFilter(db, filters);
      const out = new PassThrough();
      const stamp = now().toISOString().slice(0, 10).replace(/-/g, '');
      writeCustomerExport(db, access, filter, format, out)
        .then(async (rows) => {
          await auditExport(db, { access, format, filters, rows, ip: request.ip, requestId: request.id });
          out.end();
        })
        .catch((error: unknown) => {
          request.log.error({ err: error }, 'customer export failed');
          out.destroy(error as Error);
        });
      return reply
        .type(EXPORT_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="customers-${stamp}.${format}"`)
        .send(out);
    },
  );
}
