import { timingSafeEqual } from 'node:crypto';
import { PublicStatusQuery, PublicWorkOrderStatus, TrackingCodeParam } from '@patron/contracts';
import {
  findWorkOrderByTrackingCode,
  listSlaTargets,
  listStatusChanges,
  lookupBlockedUntil,
  recordLookupFailure,
  type LookupThrottlePolicy,
} from '@patron/db';
import type { WorkOrderState } from '@patron/domain';
import type { App } from '../../context';
import { AppError } from '../../errors';
import { loadWorkOrderRules } from '../work-orders/work-order-rules';
import { TRACKING_CODE } from '../work-orders/work-order.service';
import { STATUS_LABELS, TYPE_LABELS } from './public-labels';

/**
 * Failed lookups allowed per client IP and, separately, per tracking code within the window. Kept in
 * the database (public_lookup_throttle), so the limit holds across app nodes and restarts.
 */
export const PUBLIC_LOOKUP_POLICY: LookupThrottlePolicy = { windowSeconds: 15 * 60, maxFailures: 10 };

const NOT_FOUND_MESSAGE = 'No work order matches this tracking code and phone number';

function sameDigits(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The customer-facing status page: no sign-in; the tracking code plus the last four digits of the
 * customer's phone. An unknown code, a wrong or missing number all answer the same 404, and every
 * such failure counts against the caller's IP and the code; past the limit both get 429.
 */
export async function publicStatusRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    '/public/work-orders/:trackingCode',
    {
      schema: {
        tags: ['public'],
        security: [],
        params: TrackingCodeParam,
        querystring: PublicStatusQuery,
        response: { 200: PublicWorkOrderStatus },
      },
    },
    async (request, reply) => {
      const now = app.deps.now();
      reply.header('cache-control', 'no-store');
      const code = request.params.trackingCode.trim().toUpperCase();
      const keys = [`ip:${request.ip}`, `code:${code.slice(0, 32)}`];
      const blockedUntil = await lookupBlockedUntil(db, keys, now, PUBLIC_LOOKUP_POLICY);
      if (blockedUntil !== null) {
        const seconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
        throw new AppError('rate_limited', 'Too many failed lookups; try again later', [], { 'retry-after': String(seconds) });
      }

      const order = TRACKING_CODE.test(code) ? await findWorkOrderByTrackingCode(db, code) : undefined;
      const given = request.query.phoneLast4 ?? '';
      const digits = (order?.customerPhone ?? '').replace(/\D/g, '');
      const matches = order !== undefined && /^\d{4}$/.test(given) && digits.length >= 4 && sameDigits(digits.slice(-4), given);
      if (!order || !matches) {
        await recordLookupFailure(db, keys, now, PUBLIC_LOOKUP_POLICY);
        throw new AppError('not_found', NOT_FOUND_MESSAGE);
      }

      const [changes, targets, rules] = await Promise.all([
        listStatusChanges(db, order.id),
        listSlaTargets(db, order.id),
        loadWorkOrderRules(db, order.acceptedAt),
      ]);
      const resolution = targets.find((target) => target.target === 'resolution' && target.cycle === 1);
      const open = resolution !== undefined && (resolution.clockStatus === 'running' || resolution.clockStatus === 'paused');
      const item = rules.catalogue.items.find((candidate) => candidate.code === order.serviceItem);
      const status = order.status as WorkOrderState;
      return {
        trackingCode: order.trackingCode,
        type: order.type,
        typeLabel: TYPE_LABELS[order.type] ?? { zh: order.type, en: order.type },
        status,
        statusLabel: STATUS_LABELS[status],
        service: item === undefined ? null : { zh: item.name.zh, en: item.name.en },
        acceptedAt: order.acceptedAt,
        appointment:
          order.appointmentStart === null || order.appointmentEnd === null ? null : { start: order.appointmentStart, end: order.appointmentEnd },
        expectedCompletion: open ? resolution.deadline : null,
        completedAt: order.completedAt,
        timeline: changes.map((change) => ({
          status: change.status as WorkOrderState,
          statusLabel: STATUS_LABELS[change.status as WorkOrderState],
          at: change.at,
        })),
      };
    },
  );
}
