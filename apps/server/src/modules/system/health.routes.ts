import { z } from 'zod';
import { sql } from '@patron/db';
import type { App } from '../../context';

const HealthReply = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
});

export async function healthRoutes(app: App) {
  const { db, version } = app.deps;
  app.get('/health', { schema: { tags: ['system'], response: { 200: HealthReply } } }, async () => {
    const alive = await db.first(sql`SELECT 1 AS ok`).catch(() => undefined);
    return { status: alive ? 'ok' : 'degraded', database: db.kind, version } as const;
  });
}
