import { TmfHubSchema } from '@patron/contracts';
import { listTmfHubs } from '@patron/db';
import { z } from 'zod';
import type { App } from '../../context';
import { authorize } from '../../plugins/authenticate';

/** Admins watch TMF listeners: which are failing, why, and how much waits for them. */
export async function tmfHubAdminRoutes(app: App) {
  app.get(
    '/tmf-hubs',
    { preHandler: authorize('system.manage'), schema: { tags: ['system'], response: { 200: z.object({ items: z.array(TmfHubSchema) }) } } },
    async () => ({ items: await listTmfHubs(app.deps.db) }),
  );
}
