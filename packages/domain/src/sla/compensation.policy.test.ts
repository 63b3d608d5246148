import { describe, expect, it } from 'vitest';
import { addWorkdays } from '../calendar/business-calendar';
import { chinaMainlandCalendar } from '../calendar/china-mainland.calendar';
import { DomainError } from '../errors';
import { type ProvisioningQuoteInput, quote } from './compensation.policy';
import { CT_PROVISIONING_SLA_RULES, type ProvisioningService, type ProvisioningTier } from './provisioning-sla.data';

const cal = chinaMainlandCalendar();
const rules = CT_PROVISIONING_SLA_RULES;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
  return undefined;
}

describe('deadlines per tier and service, accepted Wed 2026-02-11 (before Spring Festival)', () => {
  // Working days after Feb 11: 12, 13, Sat 14 (make-up), [15–23 off], 24, 25, 26, 27, Sat 28 (make-up), Mar 2, 3, ...
  it.each<[ProvisioningTier, ProvisioningService, number, string]>([
    ['urgent', 'digital_circuit', 5, '2026-02-25'],
    ['urgent', 'ddn', 8, '2026-02-28'],
    ['urgent', 'fr_atm', 8, '2026-02-28'],
    ['expedited', 'digital_circuit', 10, '2026-03-03'],
    ['expedited', 'ddn', 13, '2026-03-06'],
    ['expedited', 'fr_atm', 13, '2026-03-06'],
    ['normal', 'digital_circuit', 20, '2026-03-17'],
    ['normal', 'ddn', 20, '2026-03-17'],
    ['normal', 'fr_atm', 20, '2026-03-17'],
  ])('%s %s: %i WD → due %s', (tier, service, limit, deadline) => {
    const result = quote(rules, cal, { service, tier, standardOneTimeFeeFen: 1_000_000, acceptedOn: '2026-02-11' });
    expect(result).toEqual({
      ruleVersion: 'ct-sla-2008.1',
      service,
      tier,
      limitWorkdays: limit,
      deadline,
      chargedOneTimeFeeFen: { urgent: 1_500_000, expedited: 1_300_000, normal: 1_000_000 }[tier],
      overdueWorkdays: 0,
      compensationFen: 0,
      calendarComplete: true,
    });
  });
});

describe('compensation per overdue working day on the fee actually charged, capped at that fee', () => {
  const base = { service: 'digital_circuit', standardOneTimeFeeFen: 1_000_000, acceptedOn: '2026-02-11' } as const;
  it.each<[ProvisioningTier, string, number, number]>([
    // tier, completedOn, overdue WD, compensation (fen)
    ['urgent', '2026-02-25', 0, 0],
    ['urgent', '2026-02-26', 1, 75_000], // 5% of 1,500,000
    ['urgent', '2026-03-01', 3, 225_000], // Sat 28 is a make-up day and counts; Sun Mar 1 does not
    ['urgent', '2026-03-02', 4, 300_000],
    ['expedited', '2026-03-10', 5, 325_000], // 25% of 1,300,000
    ['normal', '2026-03-20', 3, 60_000], // 6% of 1,000,000
    ['normal', '2026-03-18', 1, 20_000],
  ])('%s completed %s: %i overdue WD → %i fen', (tier, completedOn, overdue, compensation) => {
    const result = quote(rules, cal, { ...base, tier, completedOn });
    expect(result).toMatchObject({ overdueWorkdays: overdue, compensationFen: compensation, calendarComplete: true });
  });

  it.each<[ProvisioningTier, number, number]>([
    ['urgent', 19, 1_425_000],
    ['urgent', 20, 1_500_000], // 20 × 5% = the whole charged fee
    ['urgent', 25, 1_500_000], // capped
    ['expedited', 20, 1_300_000],
    ['expedited', 40, 1_300_000],
    ['normal', 49, 980_000],
    ['normal', 50, 1_000_000],
    ['normal', 51, 1_000_000],
    ['normal', 200, 1_000_000],
  ])('%s with %i overdue WD → %i fen', (tier, overdue, compensation) => {
    const deadline = quote(rules, cal, { ...base, tier }).deadline;
    const completedOn = addWorkdays(cal, deadline, overdue).date;
    expect(quote(rules, cal, { ...base, tier, completedOn })).toMatchObject({ overdueWorkdays: overdue, compensationFen: compensation });
  });
});

describe('rounding half up in fen', () => {
  const input = (tier: ProvisioningTier, fee: number, overdue: number): ProvisioningQuoteInput => ({
    service: 'ddn',
    tier,
    standardOneTimeFeeFen: fee,
    acceptedOn: '2026-03-02',
    completedOn: addWorkdays(cal, addWorkdays(cal, '2026-03-02', CT_PROVISIONING_SLA_RULES.tiers[tier].limitWorkdays.ddn).date, overdue).date,
  });
  it.each<[ProvisioningTier, number, number, number, number, string]>([
    ['urgent', 33_333, 1, 50_000, 2_500, '49,999.5 → 50,000; 5% = 2,500'],
    ['expedited', 33_333, 1, 43_333, 2_167, '43,332.9 → 43,333; 5% = 2,166.65 → 2,167'],
    ['expedited', 33_333, 3, 43_333, 6_500, '15% = 6,499.95 → 6,500'],
    ['normal', 33_333, 1, 33_333, 667, '2% = 666.66 → 667'],
    ['normal', 25, 1, 25, 1, '2% of 25 fen = 0.5 → 1'],
    ['urgent', 1, 1, 2, 0, '1.5 → 2; 5% of 2 = 0.1 → 0'],
    ['urgent', 0, 30, 0, 0, 'a free installation pays nothing back'],
  ])('%s, fee %i fen, %i overdue WD → charged %i, compensation %i (%s)', (tier, fee, overdue, charged, compensation) => {
    expect(quote(rules, cal, input(tier, fee, overdue))).toMatchObject({ chargedOneTimeFeeFen: charged, compensationFen: compensation });
  });

  it('large fees stay exact', () => {
    const result = quote(rules, cal, input('urgent', 9_000_000_000_001, 1));
    expect(result.chargedOneTimeFeeFen).toBe(13_500_000_000_002); // 13,500,000,000,001.5 rounds up
    expect(result.compensationFen).toBe(675_000_000_000); // 5% of it, .1 rounds down
  });
});

describe('rule variants and edge cases', () => {
  it('a contract that compensates on the standard fee', () => {
    const standard = { ...rules, ruleVersion: 'contract-42', compensationBase: 'standard_fee' as const };
    const result = quote(standard, cal, {
      service: 'digital_circuit',
      tier: 'urgent',
      standardOneTimeFeeFen: 1_000_000,
      acceptedOn: '2026-02-11',
      completedOn: '2026-02-26',
    });
    expect(result).toMatchObject({ ruleVersion: 'contract-42', chargedOneTimeFeeFen: 1_500_000, compensationFen: 50_000 });
  });

  it('an open order has a deadline and no compensation yet', () => {
    expect(quote(rules, cal, { service: 'ddn', tier: 'normal', standardOneTimeFeeFen: 100, acceptedOn: '2026-03-02' })).toMatchObject({
      deadline: '2026-03-30',
      overdueWorkdays: 0,
      compensationFen: 0,
    });
  });

  it('a deadline in a year without a published schedule is flagged', () => {
    const result = quote(rules, cal, { service: 'ddn', tier: 'normal', standardOneTimeFeeFen: 100, acceptedOn: '2026-12-20' });
    expect(result).toMatchObject({ deadline: '2027-01-15', calendarComplete: false });
  });

  it.each<[string, Partial<ProvisioningQuoteInput>, string]>([
    ['unknown tier', { tier: 'vip' as ProvisioningTier }, 'sla.unknown_tier'],
    ['unknown service', { service: 'mpls' as ProvisioningService }, 'sla.unknown_service'],
    ['negative fee', { standardOneTimeFeeFen: -1 }, 'sla.invalid_fee'],
    ['fractional fee', { standardOneTimeFeeFen: 1.5 }, 'sla.invalid_fee'],
    ['completed before accepted', { completedOn: '2026-03-01' }, 'sla.invalid_dates'],
    ['impossible date', { acceptedOn: '2026-02-30' }, 'calendar.invalid_date'],
  ])('rejects %s', (_, patch, code) => {
    const valid: ProvisioningQuoteInput = { service: 'ddn', tier: 'normal', standardOneTimeFeeFen: 100, acceptedOn: '2026-03-02' };
    expect(codeOf(() => quote(rules, cal, { ...valid, ...patch }))).toBe(code);
  });
});
