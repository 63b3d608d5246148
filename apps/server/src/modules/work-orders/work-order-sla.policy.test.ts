import { describe, expect, it } from 'vitest';
import type { SlaTargetWork } from '@patron/db';
import { chinaMainlandCalendar, CT_PROVISIONING_SLA_RULES, CT_SERVICE_CATALOGUE, isDomainError } from '@patron/domain';
import { compensationFor, decideTarget, overdueWorkdays, planAfterCompletion, planResolution, remainingOf, toClockEvents } from './work-order-sla.policy';

const cal = chinaMainlandCalendar();
const at = (iso: string) => new Date(iso);

function work(overrides: Partial<SlaTargetWork>): SlaTargetWork {
  return {
    id: 1,
    workOrderId: 1,
    target: 'resolution',
    cycle: 1,
    budget: { unit: 'clock_minutes', amount: 480 },
    source: 'catalogue_basic',
    ruleVersion: null,
    clockStatus: 'running',
    state: 'on_track',
    deadline: null,
    deadlineProjected: false,
    budgetMinutes: 480,
    elapsedMinutes: 0,
    overdueMinutes: 0,
    nextDueAt: null,
    warned50At: null,
    warned80At: null,
    breachedAt: null,
    calendarComplete: true,
    evaluatedAt: at('2026-11-23T02:00:00Z'),
    events: [['start', Date.parse('2026-11-23T02:00:00Z'), null]],
    orderNo: 'WO202611230001',
    orderStatus: 'received',
    slaTier: null,
    slaService: null,
    standardFeeFen: null,
    slaRuleVersion: null,
    acceptedAt: at('2026-11-23T02:00:00Z'),
    recipientId: 7,
    ...overrides,
  };
}

describe('compensationFor', () => {
  it.each([
    ['expedited', 0, 0],
    ['expedited', 1, 65_000],
    ['expedited', 19, 1_235_000],
    ['expedited', 20, 1_300_000],
    ['expedited', 400, 1_300_000],
    ['normal', 3, 60_000],
    ['urgent', 2, 150_000],
  ] as const)('%s, %i overdue WD on a 10,000.00 standard fee → %i fen', (tier, days, fen) => {
    expect(compensationFor(CT_PROVISIONING_SLA_RULES, tier, 1_000_000, days).amountFen).toBe(fen);
  });
});

describe('overdueWorkdays', () => {
  it.each([
    [0, 0],
    [1, 1],
    [1440, 1],
    [1441, 2],
  ])('%i overdue minutes → %i working days begun', (minutes, days) => expect(overdueWorkdays(minutes)).toBe(days));
});

describe('decideTarget', () => {
  it('raises each level once and points at the next threshold', () => {
    const first = decideTarget(cal, work({}), at('2026-11-23T06:30:00Z'), null);
    expect(first.raised).toBe('warning_50');
    expect(first.row.nextDueAt?.toISOString()).toBe('2026-11-23T08:24:00.000Z');
    const again = decideTarget(cal, work({ warned50At: first.row.warned50At }), at('2026-11-23T06:40:00Z'), null);
    expect(again.raised).toBeNull();
    const late = decideTarget(cal, work({}), at('2026-11-24T00:00:00Z'), null);
    expect(late.raised).toBe('breached');
    expect(late.row).toMatchObject({ state: 'breached', nextDueAt: null });
    expect(late.row.warned50At).not.toBeNull();
  });

  it('drafts compensation for a breached SLA-tier resolution and revisits it on the next working day', () => {
    const tier = work({
      budget: { unit: 'working_days', amount: 10 },
      budgetMinutes: 14_400,
      slaTier: 'expedited',
      slaService: 'digital_circuit',
      standardFeeFen: 1_000_000,
      events: [['start', Date.parse('2026-06-01T02:00:00Z'), null]],
    });
    // Friday 19 June is a holiday: Thursday's look is followed by Monday's.
    const decision = decideTarget(cal, tier, at('2026-06-18T02:00:00Z'), CT_PROVISIONING_SLA_RULES);
    expect(decision.compensation).toMatchObject({ amountFen: 195_000, overdueWorkdays: 3, final: false, ruleVersion: 'ct-sla-2008.1' });
    expect(decision.row.nextDueAt?.toISOString()).toBe('2026-06-21T16:01:00.000Z');
    expect(decideTarget(cal, { ...tier, slaTier: null }, at('2026-06-18T02:00:00Z'), CT_PROVISIONING_SLA_RULES).compensation).toBeNull();
  });

  it('raises only a breach on a stopped clock', () => {
    const stopped = work({
      events: [
        ['start', Date.parse('2026-11-23T02:00:00Z'), null],
        ['stop', Date.parse('2026-11-23T08:00:00Z'), null],
      ],
    });
    expect(decideTarget(cal, stopped, at('2026-11-23T09:00:00Z'), null).raised).toBeNull();
  });
});

describe('toClockEvents', () => {
  it('never lets a clock set back reorder history', () => {
    const events = toClockEvents([
      ['start', 2000, null],
      ['pause', 1000, null],
    ]);
    expect(events.map((e) => e.at.getTime())).toEqual([2000, 2000]);
    expect(events[1]).toMatchObject({ type: 'pause', reason: 'unspecified' });
  });
});

describe('planResolution', () => {
  const base = {
    calendar: cal,
    catalogue: CT_SERVICE_CATALOGUE,
    slaRules: CT_PROVISIONING_SLA_RULES,
    serviceItem: null,
    star: null,
    circuitScope: null,
    slaService: null,
    slaTier: null,
    standardFeeFen: null,
    contractLimitWorkdays: null,
    acceptedAt: at('2026-11-23T02:00:00Z'),
    appointmentEnd: null,
  };

  it('names the request field of an unknown item or a missing scope', () => {
    for (const [input, path] of [
      [{ serviceItem: 'nope' }, 'body.serviceItem'],
      [{ serviceItem: 'data_circuit_provisioning' }, 'body.circuitScope'],
      [{ serviceItem: 'idc' }, 'body.appointment'],
    ] as const) {
      try {
        planResolution({ ...base, ...input });
        expect.unreachable();
      } catch (error) {
        expect(isDomainError(error) && error.path).toBe(path);
      }
    }
  });

  it('uses the star table, the tier and a contract in that order of precedence', () => {
    expect(planResolution({ ...base, serviceItem: 'fixed_line_restore', star: 5 }).target).toMatchObject({ budget: { amount: 120 }, source: 'catalogue_star' });
    const tier = planResolution({ ...base, serviceItem: 'digital_circuit_provisioning', circuitScope: 'local', slaService: 'ddn', slaTier: 'normal', standardFeeFen: 500_000 });
    expect(tier).toMatchObject({ chargedFeeFen: 500_000, slaRuleVersion: 'ct-sla-2008.1', target: { budget: { amount: 20 }, source: 'sla_tier' } });
    expect(planResolution({ ...base, slaService: 'ddn', slaTier: 'urgent', standardFeeFen: 100, contractLimitWorkdays: 3 }).target?.source).toBe('contract');
    expect(planResolution({ ...base }).target).toBeNull();
  });

  it('adds delivery (circuits) and a revisit after completion', () => {
    expect(planAfterCompletion(CT_SERVICE_CATALOGUE, 'fault', false).map((p) => [p.target, p.budget.amount])).toEqual([['revisit', 4320]]);
    expect(planAfterCompletion(CT_SERVICE_CATALOGUE, 'install', true).map((p) => [p.target, p.budget.amount])).toEqual([
      ['delivery', 3],
      ['revisit', 10080],
    ]);
  });
});

describe('remainingOf', () => {
  it('does not count the day of acceptance against a working-day budget', () => {
    const target = { budget: { unit: 'working_days', amount: 15 } as const, clockStatus: 'running', budgetMinutes: 21_600, elapsedMinutes: 0 };
    expect(remainingOf(cal, { ...target, deadline: at('2026-10-23T16:00:00Z') }, at('2026-09-28T02:00:00Z'))).toEqual({ workdays: 15 });
    expect(remainingOf(cal, { ...target, deadline: at('2026-10-23T16:00:00Z') }, at('2026-10-26T04:00:00Z'))).toEqual({ workdays: -0.5 });
  });
});
