import type { CompensationDraft, SlaTargetEvaluationRow, SlaTargetKind, SlaTargetWork, StoredClockEvent } from '@patron/db';
import {
  type BusinessCalendar,
  type CircuitScope,
  DomainError,
  type Fen,
  MAX_MINUTES,
  type ProvisioningService,
  type ProvisioningSlaRules,
  type ProvisioningTier,
  type ServiceCatalogue,
  type SlaBudget,
  type SlaClockEvaluation,
  type SlaClockEvent,
  type SlaState,
  type StarLevel,
  addMeasuredMinutes,
  applyBasisPoints,
  businessDateOf,
  evaluateSlaClock,
  isDomainError,
  measureOfBudget,
  measuredMinutesBetween,
  mulDivRoundHalfUp,
  quote,
  serviceLimit,
} from '@patron/domain';

/**
 * Pure SLA decisions for work orders: which budgets an order gets, what a re-evaluation raises,
 * and what a breached SLA-tier order owes. The routes and the scanner only move data in and out.
 */

export const TARGET_SOURCES = ['sla_tier', 'contract', 'catalogue_star', 'catalogue_basic', 'appointment'] as const;
export type TargetSource = (typeof TARGET_SOURCES)[number];

export interface TargetPlan {
  readonly target: SlaTargetKind;
  readonly budget: SlaBudget;
  readonly source: TargetSource;
  readonly ruleVersion: string | null;
}

export interface ResolutionInput {
  readonly calendar: BusinessCalendar;
  readonly catalogue: ServiceCatalogue;
  readonly slaRules: ProvisioningSlaRules;
  readonly serviceItem: string | null;
  /** The customer's star (0 = quasi-star, null = unrated): 1–5 pick the star table. */
  readonly star: number | null;
  readonly circuitScope: CircuitScope | null;
  readonly slaService: ProvisioningService | null;
  readonly slaTier: ProvisioningTier | null;
  readonly standardFeeFen: Fen | null;
  readonly contractLimitWorkdays: number | null;
  readonly acceptedAt: Date;
  readonly appointmentEnd: Date | null;
}

export interface ResolutionPlan {
  /** Null: nothing sets a time limit (a query without an item, say). */
  readonly target: TargetPlan | null;
  readonly chargedFeeFen: Fen | null;
  readonly catalogueVersion: string | null;
  readonly slaRuleVersion: string | null;
}

/** Domain input paths → the request fields they came from. */
const REQUEST_PATHS: Readonly<Record<string, string>> = {
  itemCode: 'body.serviceItem',
  scope: 'body.circuitScope',
  tier: 'body.slaTier',
  service: 'body.slaService',
  standardOneTimeFeeFen: 'body.standardFee',
};

/** Re-labels a domain error with the request path the client sent. */
function at<T>(fallback: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (isDomainError(error)) {
      throw new DomainError(error.code, error.message, { path: REQUEST_PATHS[error.path ?? ''] ?? fallback });
    }
    throw error;
  }
}

function starLevel(star: number | null): StarLevel | null {
  return star !== null && star >= 1 && star <= 5 ? (star as StarLevel) : null;
}

/**
 * The resolution budget. Precedence: a contract's own limit (the contract prevails), then the SLA
 * tier of a circuit (§3.10), then the catalogue item for the customer's star (§3.9). On-demand items
 * take the appointment's end as their due time.
 */
export function planResolution(input: ResolutionInput): ResolutionPlan {
  const { catalogue, slaRules, calendar } = input;
  const item =
    input.serviceItem === null
      ? null
      : at('body.serviceItem', () => {
          if (!catalogue.items.some((candidate) => candidate.code === input.serviceItem)) {
            throw new DomainError(
              'sla.unknown_service_item',
              `Unknown service item ${JSON.stringify(input.serviceItem)}; known: ${catalogue.items.map((i) => i.code).join(', ')}`,
            );
          }
          return serviceLimit(catalogue, input.serviceItem as string, starLevel(input.star), input.circuitScope ?? undefined);
        });

  let chargedFeeFen = input.standardFeeFen;
  let tierPlan: TargetPlan | null = null;
  if (input.slaTier !== null && input.slaService !== null) {
    const quoted = at('body.standardFee', () =>
      quote(slaRules, calendar, {
        service: input.slaService as ProvisioningService,
        tier: input.slaTier as ProvisioningTier,
        standardOneTimeFeeFen: input.standardFeeFen ?? 0,
        acceptedOn: businessDateOf(calendar, input.acceptedAt),
      }),
    );
    chargedFeeFen = quoted.chargedOneTimeFeeFen;
    tierPlan = {
      target: 'resolution',
      budget: { unit: 'working_days', amount: quoted.limitWorkdays },
      source: 'sla_tier',
      ruleVersion: quoted.ruleVersion,
    };
  }
  const slaRuleVersion = tierPlan === null ? null : slaRules.ruleVersion;
  const catalogueVersion = item === null ? null : catalogue.version;
  const plan = (target: TargetPlan | null): ResolutionPlan => ({ target, chargedFeeFen, catalogueVersion, slaRuleVersion });

  if (input.contractLimitWorkdays !== null) {
    return plan({ target: 'resolution', budget: { unit: 'working_days', amount: input.contractLimitWorkdays }, source: 'contract', ruleVersion: null });
  }
  if (tierPlan !== null) return plan(tierPlan);
  if (item === null) return plan(null);
  if (item.budget !== null) {
    return plan({
      target: 'resolution',
      budget: item.budget,
      source: item.from === 'star' ? 'catalogue_star' : 'catalogue_basic',
      ruleVersion: catalogue.version,
    });
  }
  // On demand: "as the customer requests" — the appointment is the commitment.
  if (input.appointmentEnd === null) {
    throw new DomainError('sla.invalid_budget', `${input.serviceItem} is on demand for this customer: give an appointment window`, {
      path: 'body.appointment',
    });
  }
  const minutes = Math.ceil((input.appointmentEnd.getTime() - input.acceptedAt.getTime()) / 60_000);
  if (minutes < 1 || minutes > MAX_MINUTES) {
    throw new DomainError('sla.invalid_budget', 'The appointment must end after acceptance and within ten years', {
      path: 'body.appointment.end',
    });
  }
  return plan({ target: 'resolution', budget: { unit: 'clock_minutes', amount: minutes }, source: 'appointment', ruleVersion: catalogue.version });
}

/** Targets that start when an order completes: the delivery pack (3 WD) and the revisit (7 or 3 days). */
export function planAfterCompletion(catalogue: ServiceCatalogue, type: string, deliveryPack: boolean): TargetPlan[] {
  const plans: TargetPlan[] = [];
  const fromCatalogue = (target: SlaTargetKind, code: string) => {
    if (!catalogue.items.some((item) => item.code === code)) return;
    const budget = serviceLimit(catalogue, code, null).budget;
    if (budget !== null) plans.push({ target, budget, source: 'catalogue_basic', ruleVersion: catalogue.version });
  };
  if (deliveryPack) fromCatalogue('delivery', 'delivery_visit');
  fromCatalogue('revisit', type === 'fault' ? 'revisit_after_fault' : 'revisit_after_provisioning');
  return plans;
}

// ---------------------------------------------------------------------------------------------
// Re-evaluation
// ---------------------------------------------------------------------------------------------

/** Stored clock events as the domain clock reads them; a clock set back never reorders history. */
export function toClockEvents(stored: readonly StoredClockEvent[]): SlaClockEvent[] {
  const events: SlaClockEvent[] = [];
  let previous = -Infinity;
  for (const [op, atMs, reason] of stored) {
    previous = Math.max(previous, Number(atMs));
    const when = new Date(previous);
    if (op === 'pause') events.push({ type: 'pause', at: when, reason: reason ?? 'unspecified' });
    else events.push({ type: op, at: when });
  }
  return events;
}

export function evaluateTarget(calendar: BusinessCalendar, work: Pick<SlaTargetWork, 'events' | 'budget'>, now: Date): SlaClockEvaluation {
  return evaluateSlaClock(calendar, { events: toClockEvents(work.events), budget: work.budget, now });
}

export type RaisedLevel = Exclude<SlaState, 'on_track'>;

const RANK: Record<SlaState, number> = { on_track: 0, warning_50: 1, warning_80: 2, breached: 3 };

export interface TargetDecision {
  readonly clock: SlaClockEvaluation;
  readonly row: SlaTargetEvaluationRow;
  /** The most severe level newly reached (one notification per pass, never twice per level). */
  readonly raised: RaisedLevel | null;
  readonly compensation: CompensationDraft | null;
}

/** Working days started past the deadline: a day begun counts, as in `quote`'s (deadline, completion]. */
export function overdueWorkdays(overdueMinutes: number): number {
  return Math.ceil(overdueMinutes / 1440);
}

export interface CompensationAmount {
  readonly amountFen: Fen;
  readonly baseFen: Fen;
  readonly capFen: Fen;
  readonly rateBpPerWorkday: number;
  readonly ruleVersion: string;
}

/** min(overdue WD × rate × base, cap) with the tier's terms (§3.10; base per DOMAIN §8 #7). */
export function compensationFor(rules: ProvisioningSlaRules, tier: ProvisioningTier, standardFeeFen: Fen, overdue: number): CompensationAmount {
  const terms = rules.tiers[tier];
  const charged = applyBasisPoints(standardFeeFen, terms.priceMultiplierBp);
  const baseFen = rules.compensationBase === 'charged_fee' ? charged : standardFeeFen;
  const capFen = applyBasisPoints(baseFen, terms.compensationCapBp);
  const amountFen = Math.min(mulDivRoundHalfUp(baseFen, terms.compensationBpPerOverdueWorkday * overdue, 10_000), capFen);
  return { amountFen, baseFen, capFen, rateBpPerWorkday: terms.compensationBpPerOverdueWorkday, ruleVersion: rules.ruleVersion };
}

/** Whether a target's breach owes compensation: the resolution of an SLA-tier circuit order. */
export function owesCompensation(work: Pick<SlaTargetWork, 'target' | 'slaTier' | 'slaService' | 'standardFeeFen'>): boolean {
  return work.target === 'resolution' && work.slaTier !== null && work.slaService !== null && work.standardFeeFen !== null;
}

/**
 * Re-evaluates one target at `now` and decides what to store and raise. Stopped clocks only raise a
 * breach (a warning for finished work helps nobody); running and paused ones raise each threshold
 * once. The next due time is the next threshold, or for a breached SLA-tier order the start of the
 * next overdue working day, so the compensation grows day by day until the order completes.
 */
export function decideTarget(
  calendar: BusinessCalendar,
  work: SlaTargetWork,
  now: Date,
  slaRules: ProvisioningSlaRules | null,
): TargetDecision {
  const clock = evaluateTarget(calendar, work, now);
  let { warned50At, warned80At, breachedAt } = work;
  let raised: RaisedLevel | null = null;
  if (clock.status === 'stopped') {
    if (clock.state === 'breached' && breachedAt === null) {
      breachedAt = now;
      raised = 'breached';
    }
  } else {
    const rank = RANK[clock.state];
    if (rank >= 1 && warned50At === null) {
      warned50At = now;
      raised = 'warning_50';
    }
    if (rank >= 2 && warned80At === null) {
      warned80At = now;
      raised = 'warning_80';
    }
    if (rank >= 3 && breachedAt === null) {
      breachedAt = now;
      raised = 'breached';
    }
  }

  const compensates = clock.state === 'breached' && slaRules !== null && owesCompensation(work);
  let nextDueAt: Date | null = null;
  if (clock.status === 'running') {
    if (clock.state !== 'breached') {
      nextDueAt = clock.nextDueAt ?? new Date((clock.deadline ?? now).getTime() + 1);
    } else if (compensates) {
      const minutes = clock.overdueMinutes;
      const toNextDay = 1440 * Math.ceil(minutes / 1440) - minutes + 1;
      nextDueAt = addMeasuredMinutes(calendar, measureOfBudget(clock.budget.unit), now, toNextDay).instant;
    }
  }

  const compensation: CompensationDraft | null = compensates
    ? {
        workOrderId: work.workOrderId,
        targetId: work.id,
        ...compensationFor(slaRules, work.slaTier as ProvisioningTier, work.standardFeeFen as number, overdueWorkdays(clock.overdueMinutes)),
        overdueWorkdays: overdueWorkdays(clock.overdueMinutes),
        final: clock.status === 'stopped',
      }
    : null;

  return {
    clock,
    raised,
    compensation,
    row: {
      id: work.id,
      clockStatus: clock.status,
      state: clock.state,
      deadline: clock.deadline,
      deadlineProjected: clock.deadlineProjected,
      budgetMinutes: clock.budgetMinutes,
      elapsedMinutes: clock.elapsedMinutes,
      overdueMinutes: clock.overdueMinutes,
      nextDueAt,
      warned50At,
      warned80At,
      breachedAt,
      calendarComplete: clock.calendarComplete,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

export interface Remaining {
  workdays?: number;
  minutes?: number;
}

/**
 * What is left of a budget (negative once overdue), in its own measure: working days with one
 * decimal for working-day budgets, minutes otherwise. A running clock is measured from now to the
 * deadline; a paused or stopped one keeps what it had left when it stopped counting.
 */
export function remainingOf(
  calendar: BusinessCalendar,
  target: { budget: SlaBudget; clockStatus: string; deadline: Date | null; budgetMinutes: number; elapsedMinutes: number },
  now: Date,
): Remaining {
  const measure = measureOfBudget(target.budget.unit);
  let minutes: number;
  if (target.clockStatus === 'running' && target.deadline !== null) {
    // Capped by what the last evaluation left: a working-day budget does not count the day of
    // acceptance, which "now → deadline" would.
    minutes =
      now.getTime() <= target.deadline.getTime()
        ? Math.min(measuredMinutesBetween(calendar, measure, now, target.deadline).minutes, target.budgetMinutes - target.elapsedMinutes)
        : -measuredMinutesBetween(calendar, measure, target.deadline, now).minutes;
  } else {
    minutes = target.budgetMinutes - target.elapsedMinutes;
  }
  return target.budget.unit === 'working_days' ? { workdays: Math.trunc(minutes / 144) / 10 } : { minutes };
}
