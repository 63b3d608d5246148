import { pageOf, PageQuery } from '@patron/contracts';
import { listJobs } from '@patron/db';
import { z } from 'zod';
import type { App } from '../../context';
import { authorize } from '../../plugins/authenticate';

const JobQuery = PageQuery.extend({
  state: z.enum(['queued', 'running', 'completed', 'failed']).optional(),
  name: z.string().max(100).optional(),
});

const JobSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.date(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

export async function jobRoutes(app: App) {
  const { db } = app.deps;
  app.get(
    '/jobs',
    { preHandler: authorize('job.read'), schema: { tags: ['system'], querystring: JobQuery, response: { 200: pageOf(JobSchema) } } },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const result = await listJobs(db, { ...filter, page, pageSize });
      return { ...result, page, pageSize };
    },
  );
}
