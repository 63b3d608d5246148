import { assertNever } from '../errors';
import type { SlaBudget } from './sla-clock';
import { slaError } from './sla-error';
import {
  CIRCUIT_SCOPES,
  type CircuitScope,
  type PercentileTarget,
  STAR_LEVELS,
  type ServiceCatalogue,
  type ServiceLimit,
  type StarLevel,
} from './service-catalogue.data';

export interface ServiceLimitAnswer {
  readonly catalogueVersion: string;
  readonly itemCode: string;
  readonly star: StarLevel | null;
  /** Present when the limit depends on the circuit scope. */
  readonly scope?: CircuitScope;
  readonly limit: ServiceLimit;
  /** Whether the star table or the basic standard supplied the per-order limit. */
  readonly from: 'star' | 'basic';
  readonly percentileTarget?: PercentileTarget;
  /** The SLA clock budget for this limit; null for on-demand items (the appointment sets the time). */
  readonly budget: SlaBudget | null;
}

/**
 * Per-order limit of a catalogue item for a customer's star level (null: no star, basic
 * standard). Star rows that are percentile targets keep the basic per-order limit and add the
 * target, because "95% within 20 WD" cannot be breached by a single order.
 */
export function serviceLimit(
  catalogue: ServiceCatalogue,
  itemCode: string,
  star: StarLevel | null,
  scope?: CircuitScope,
): ServiceLimitAnswer {
  const item = catalogue.items.find((candidate) => candidate.code === itemCode);
  if (item === undefined) throw slaError('sla.unknown_service_item', `Unknown service item ${JSON.stringify(itemCode)}`, 'itemCode');
  if (star !== null && !(STAR_LEVELS as readonly number[]).includes(star)) {
    throw slaError('sla.invalid_star', `Star level must be 1–5, got ${star}`, 'star');
  }
  if (scope !== undefined && !(CIRCUIT_SCOPES as readonly string[]).includes(scope)) {
    throw slaError('sla.unknown_scope', `Unknown circuit scope ${JSON.stringify(scope)}`, 'scope');
  }

  const rule = star === null ? undefined : item.byStar?.[star];
  const common = { catalogueVersion: catalogue.version, itemCode, star };
  if (rule?.kind === 'limit') return { ...common, limit: rule.limit, from: 'star', budget: limitToBudget(rule.limit) };

  let basicLimit: ServiceLimit;
  let usedScope: CircuitScope | undefined;
  if (item.basic.kind === 'by_scope') {
    if (scope === undefined) throw slaError('sla.scope_required', `${itemCode} needs a circuit scope (${CIRCUIT_SCOPES.join(', ')})`, 'scope');
    basicLimit = item.basic.limits[scope];
    usedScope = scope;
  } else {
    basicLimit = item.basic;
  }
  return {
    ...common,
    ...(usedScope === undefined ? {} : { scope: usedScope }),
    limit: basicLimit,
    from: 'basic',
    ...(rule?.kind === 'percentile' ? { percentileTarget: rule.target } : {}),
    budget: limitToBudget(basicLimit),
  };
}

export function limitToBudget(limit: ServiceLimit): SlaBudget | null {
  const kind = limit.kind;
  switch (kind) {
    case 'working_days':
      return { unit: 'working_days', amount: limit.days };
    case 'hours':
      return { unit: limit.basis === 'business' ? 'business_minutes' : 'clock_minutes', amount: limit.hours * 60 };
    case 'calendar_days':
      return { unit: 'clock_minutes', amount: limit.days * 1440 };
    case 'on_demand':
      return null;
    default:
      return assertNever(kind, 'service limit');
  }
}
