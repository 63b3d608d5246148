import { type BusinessCalendar, addWorkdays, countWorkdays } from '../calendar/business-calendar';
import { type BusinessDate, parseBusinessDate } from '../calendar/business-date';
import { assertNever } from '../errors';
import { type Fen, applyBasisPoints, mulDivRoundHalfUp } from '../money';
import {
  type CompensationBase,
  PROVISIONING_SERVICES,
  PROVISIONING_TIERS,
  type ProvisioningService,
  type ProvisioningSlaRules,
  type ProvisioningTier,
} from './provisioning-sla.data';
import { slaError } from './sla-error';

export interface ProvisioningQuoteInput {
  readonly service: ProvisioningService;
  readonly tier: ProvisioningTier;
  readonly standardOneTimeFeeFen: Fen;
  readonly acceptedOn: BusinessDate;
  /** Absent while the order is open: the quote then carries the deadline and no compensation. */
  readonly completedOn?: BusinessDate;
}

export interface ProvisioningQuote {
  readonly ruleVersion: string;
  readonly service: ProvisioningService;
  readonly tier: ProvisioningTier;
  readonly limitWorkdays: number;
  readonly deadline: BusinessDate;
  readonly chargedOneTimeFeeFen: Fen;
  readonly overdueWorkdays: number;
  readonly compensationFen: Fen;
  readonly calendarComplete: boolean;
}

/**
 * Price, deadline and compensation of one provisioning order under an SLA tier.
 * deadline = the limit-th working day after acceptance; overdue working days = working days in
 * (deadline, completedOn]; compensation = round_half_up(base × rate × overdue days), capped.
 */
export function quote(rules: ProvisioningSlaRules, cal: BusinessCalendar, input: ProvisioningQuoteInput): ProvisioningQuote {
  if (!(PROVISIONING_TIERS as readonly string[]).includes(input.tier)) {
    throw slaError('sla.unknown_tier', `Unknown SLA tier ${JSON.stringify(input.tier)}`, 'tier');
  }
  if (!(PROVISIONING_SERVICES as readonly string[]).includes(input.service)) {
    throw slaError('sla.unknown_service', `Unknown SLA service ${JSON.stringify(input.service)}`, 'service');
  }
  const fee = input.standardOneTimeFeeFen;
  if (!Number.isSafeInteger(fee) || fee < 0) {
    throw slaError('sla.invalid_fee', `The standard one-time fee must be non-negative integer fen, got ${fee}`, 'standardOneTimeFeeFen');
  }
  const accepted = parseBusinessDate(input.acceptedOn, 'acceptedOn');
  if (input.completedOn !== undefined && parseBusinessDate(input.completedOn, 'completedOn') < accepted) {
    throw slaError('sla.invalid_dates', 'completedOn is before acceptedOn', 'completedOn');
  }

  const tier = rules.tiers[input.tier];
  const limitWorkdays = tier.limitWorkdays[input.service];
  const due = addWorkdays(cal, input.acceptedOn, limitWorkdays);
  const chargedOneTimeFeeFen = applyBasisPoints(fee, tier.priceMultiplierBp);
  const overdue =
    input.completedOn === undefined ? { count: 0, calendarComplete: true } : countWorkdays(cal, due.date, input.completedOn);

  const base = compensationBaseFen(rules.compensationBase, fee, chargedOneTimeFeeFen);
  const cap = applyBasisPoints(base, tier.compensationCapBp);
  const compensationFen = Math.min(mulDivRoundHalfUp(base, tier.compensationBpPerOverdueWorkday * overdue.count, 10_000), cap);

  return {
    ruleVersion: rules.ruleVersion,
    service: input.service,
    tier: input.tier,
    limitWorkdays,
    deadline: due.date,
    chargedOneTimeFeeFen,
    overdueWorkdays: overdue.count,
    compensationFen,
    calendarComplete: due.calendarComplete && overdue.calendarComplete,
  };
}

function compensationBaseFen(base: CompensationBase, standardFen: Fen, chargedFen: Fen): Fen {
  switch (base) {
    case 'charged_fee':
      return chargedFen;
    case 'standard_fee':
      return standardFen;
    default:
      return assertNever(base, 'compensation base');
  }
}
