import { z } from 'zod';

/** A TMF listener registration as admins see it (GET /api/v1/tmf-hubs). */
export const TmfHubSchema = z.object({
  id: z.number().int(),
  api: z.enum(['troubleTicket', 'customerManagement', 'party', 'appointment']),
  callback: z.string(),
  query: z.string().nullable(),
  eventTypes: z.array(z.string()).nullable(),
  owner: z.string(),
  orgPath: z.string(),
  state: z.enum(['active', 'failing', 'removed']),
  consecutiveFailures: z.number().int(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.date().nullable(),
  lastSuccessAt: z.date().nullable(),
  createdAt: z.date(),
  pendingDeliveries: z.number().int(),
});
export type TmfHub = z.infer<typeof TmfHubSchema>;
