import { defineJob } from '@patron/db';
import { loadConfig } from '../config';
import { parseCallbackPolicy } from '../modules/tmf/tmf-callback-policy';
import { deliverTmfEvents, eventPoster } from '../modules/tmf/tmf-delivery.service';

/** Every minute: POST pending TMF events to their listeners, with retries and backoff (docs/tmf.md). */
export const tmfEventDeliveryJob = defineJob<Record<string, never>>({
  name: 'tmf-event-delivery',
  cron: '* * * * *',
  retries: 1,
  backoffSeconds: 0,
  parse: () => ({}),
  singletonKey: () => 'tmf-event-delivery',
  async handler(_payload, { db, now, logger }) {
    // Jobs get no server config; the allow-list is read from the same environment the server reads.
    const result = await deliverTmfEvents(db, now, eventPoster(parseCallbackPolicy(loadConfig().tmfCallbackAllow)));
    if (result.delivered + result.failed > 0) logger.info({ ...result }, 'tmf event delivery');
  },
});
