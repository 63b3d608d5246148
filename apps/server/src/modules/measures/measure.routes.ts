import {
  ComplaintRollup,
  MeasureExportQuery,
  MeasureQuery,
  pageOf,
  RevisitRollup,
  SurveyResponseListQuery,
  SurveyResponseSchema,
  SurveyRollup,
  type MeasureQueryValue,
} from '@patron/contracts';
import { complaintRollup, listSurveyResponses, revisitRollup, surveyRollup, type MeasureRange, type SurveyResponseFilter } from '@patron/db';
import { trailingMonths } from '@patron/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../context';
import { audit } from '../../audit';
import { authorizeAny } from '../../plugins/authenticate';
import { EXPORT_CONTENT_TYPES } from '../exports/customer-export';
import { COMPLAINT_EXPORT_COLUMNS, measureWorkbook, REVISIT_EXPORT_COLUMNS, SURVEY_EXPORT_COLUMNS, type ExportLanguage } from '../exports/measure-export';
import { complaintRow, mapRollup, revisitRow, surveyRow } from './measure-rows';

/** Without a range, a dashboard shows the twelve months up to the current one. */
const DEFAULT_MONTHS = 12;

/**
 * Dashboards of the service measures (DOMAIN §5.1, §5.3, §5.4, §5.9): complaints, revisits and
 * surveys rolled up per account manager, team, district, city or month, with the monthly trend,
 * each also as an XLSX file. Every count is over the caller's reach (measureScope).
 */
export async function measureRoutes(app: App) {
  const { db } = app.deps;
  const read = authorizeAny('customer.read', 'service.desk', 'report.read');

  const rangeOf = (query: MeasureQueryValue): MeasureRange => {
    const fallback = trailingMonths(app.deps.now(), DEFAULT_MONTHS);
    return { by: query.by, from: query.from ?? fallback.from, to: query.to ?? fallback.to };
  };

  const measures = {
    complaints: async (request: FastifyRequest, range: MeasureRange) => mapRollup(await complaintRollup(db, request.access!, range), complaintRow),
    revisits: async (request: FastifyRequest, range: MeasureRange) => mapRollup(await revisitRollup(db, request.access!, range), revisitRow),
    surveys: async (request: FastifyRequest, range: MeasureRange) => mapRollup(await surveyRollup(db, request.access!, range), surveyRow),
  } as const;

  app.get(
    '/measures/complaints',
    { preHandler: read, schema: { tags: ['measures'], summary: 'Complaint measures per group and month', querystring: MeasureQuery, response: { 200: ComplaintRollup } } },
    async (request) => {
      const range = rangeOf(request.query);
      return { ...range, ...(await measures.complaints(request, range)) };
    },
  );

  app.get(
    '/measures/revisits',
    { preHandler: read, schema: { tags: ['measures'], summary: 'Revisit rate, timeliness and satisfaction per group and month', querystring: MeasureQuery, response: { 200: RevisitRollup } } },
    async (request) => {
      const range = rangeOf(request.query);
      return { ...range, ...(await measures.revisits(request, range)) };
    },
  );

  app.get(
    '/measures/surveys',
    {
      preHandler: read,
      schema: { tags: ['measures'], summary: 'Approval rate (VIP, 贵宾) and satisfaction index per group and month', querystring: MeasureQuery, response: { 200: SurveyRollup } },
    },
    async (request) => {
      const range = rangeOf(request.query);
      return { ...range, ...(await measures.surveys(request, range)) };
    },
  );

  /** Sends the workbook and audits who exported which table. */
  const sendWorkbook = async (request: FastifyRequest, reply: FastifyReply, name: string, range: MeasureRange, build: () => Promise<Buffer>) => {
    const body = await build();
    await audit(db, request, { action: 'measure.export', entityType: 'measure', entityId: name, after: { ...range } });
    return reply
      .type(EXPORT_CONTENT_TYPES.xlsx)
      .header('content-disposition', `attachment; filename="${name}-measures-${range.by}-${range.from}-${range.to}.xlsx"`)
      .send(body);
  };
  const exportSchema = (summary: string) => ({ tags: ['measures'], summary, querystring: MeasureExportQuery });

  app.get('/measures/complaints/export', { preHandler: read, schema: exportSchema('Complaint measures as XLSX') }, async (request, reply) => {
    const range = rangeOf(request.query);
    const lang: ExportLanguage = request.query.lang;
    return sendWorkbook(request, reply, 'complaint', range, async () =>
      measureWorkbook({ zh: '投诉指标', en: 'Complaint measures' }, COMPLAINT_EXPORT_COLUMNS, { by: range.by, ...(await measures.complaints(request, range)) }, lang),
    );
  });

  app.get('/measures/revisits/export', { preHandler: read, schema: exportSchema('Revisit measures as XLSX') }, async (request, reply) => {
    const range = rangeOf(request.query);
    const lang: ExportLanguage = request.query.lang;
    return sendWorkbook(request, reply, 'revisit', range, async () =>
      measureWorkbook({ zh: '回访指标', en: 'Revisit measures' }, REVISIT_EXPORT_COLUMNS, { by: range.by, ...(await measures.revisits(request, range)) }, lang),
    );
  });

  app.get('/measures/surveys/export', { preHandler: read, schema: exportSchema('Survey measures as XLSX') }, async (request, reply) => {
    const range = rangeOf(request.query);
    const lang: ExportLanguage = request.query.lang;
    return sendWorkbook(request, reply, 'survey', range, async () =>
      measureWorkbook({ zh: '满意度指标', en: 'Survey measures' }, SURVEY_EXPORT_COLUMNS, { by: range.by, ...(await measures.surveys(request, range)) }, lang),
    );
  });

  // The answers behind a survey measure, filtered the way the roll-up grouped them.
  app.get(
    '/survey-responses',
    { preHandler: read, schema: { tags: ['surveys'], querystring: SurveyResponseListQuery, response: { 200: pageOf(SurveyResponseSchema) } } },
    async (request) => {
      const { page, pageSize, ...query } = request.query;
      const filter: SurveyResponseFilter = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
      return listSurveyResponses(db, request.access!, filter, { page, pageSize });
    },
  );
}
