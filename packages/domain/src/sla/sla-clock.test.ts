import { describe, expect, it } from 'vitest';
import { chinaMainlandCalendar } from '../calendar/china-mainland.calendar';
import { DomainError } from '../errors';
import { type SlaBudget, type SlaClockEvent, type SlaState, budgetDeadline, budgetMinutes, evaluateSlaClock } from './sla-clock';

const cal = chinaMainlandCalendar();
/** Wall-clock time in Asia/Shanghai. */
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => at(local).toISOString();

const fiveWd: SlaBudget = { unit: 'working_days', amount: 5 };
const start = (local: string): SlaClockEvent => ({ type: 'start', at: at(local) });
const pause = (local: string, reason = 'customer_requested'): SlaClockEvent => ({ type: 'pause', at: at(local), reason });
const resume = (local: string): SlaClockEvent => ({ type: 'resume', at: at(local) });
const stop = (local: string): SlaClockEvent => ({ type: 'stop', at: at(local) });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? `${error.code}@${error.path ?? ''}` : String(error);
  }
  return undefined;
}

describe('working-day budget: 5 WD accepted Wed 2026-02-11 10:00, before Spring Festival', () => {
  // Counting starts at midnight: Feb 12, 13, Sat 14 (make-up), [15–23 off], 24, 25 → due end of Feb 25.
  const events = [start('2026-02-11T10:00')];
  it.each<[string, number, SlaState]>([
    ['2026-02-11T18:00', 0, 'on_track'],
    ['2026-02-13T12:00', 2160, 'on_track'],
    ['2026-02-20T12:00', 4320, 'warning_50'], // holidays add nothing
    ['2026-02-24T12:00', 5040, 'warning_50'],
    ['2026-02-25T12:00', 6480, 'warning_80'],
    ['2026-02-26T00:00', 7200, 'warning_80'], // exactly used up is still on time
    ['2026-02-26T09:00', 7200 + 540, 'breached'],
  ])('at %s: %i min used, %s', (now, elapsed, state) => {
    const result = evaluateSlaClock(cal, { events, budget: fiveWd, now: at(now) });
    expect(result).toMatchObject({ status: 'running', elapsedMinutes: elapsed, state, budgetMinutes: 7200, calendarComplete: true });
    expect(result.deadline?.toISOString()).toBe(iso('2026-02-26T00:00'));
    expect(result.fractionUsed).toBeCloseTo(elapsed / 7200, 10);
  });

  it('warning instants and the next due time for the scanner', () => {
    const result = evaluateSlaClock(cal, { events, budget: fiveWd, now: at('2026-02-13T12:00') });
    expect(result.warning50At?.toISOString()).toBe(iso('2026-02-14T12:00')); // 2.5 WD: midday of the make-up Saturday
    expect(result.warning80At?.toISOString()).toBe(iso('2026-02-25T00:00'));
    expect(result.nextDueAt?.toISOString()).toBe(iso('2026-02-14T12:00'));
    const later = evaluateSlaClock(cal, { events, budget: fiveWd, now: at('2026-02-25T12:00') });
    expect(later.nextDueAt?.toISOString()).toBe(iso('2026-02-26T00:00'));
  });

  it('agrees with budgetDeadline and addWorkdays semantics', () => {
    expect(budgetDeadline(cal, at('2026-02-11T10:00'), fiveWd)).toEqual({ deadline: at('2026-02-26T00:00'), calendarComplete: true });
    expect(budgetDeadline(cal, at('2026-01-01T15:00'), { unit: 'working_days', amount: 3 }).deadline).toEqual(at('2026-01-07T00:00'));
  });
});

describe('pauses move the deadline by the time on hold', () => {
  it('a pause across Spring Festival excludes exactly the working days on hold', () => {
    const events = [start('2026-02-11T10:00'), pause('2026-02-13T12:00'), resume('2026-02-25T12:00')];
    const result = evaluateSlaClock(cal, { events, budget: fiveWd, now: at('2026-02-26T00:00') });
    // On hold: half of Feb 13, make-up Sat 14, Feb 24, half of Feb 25 = 3 WD; the festival itself costs nothing.
    expect(result.pausedMinutes).toBe(3 * 1440);
    expect(result.elapsedMinutes).toBe(2160 + 720);
    // Due end of Feb 25 + 3 WD: Feb 26, 27 and the make-up Saturday Feb 28.
    expect(result.deadline).toEqual(at('2026-03-01T00:00'));
    expect(result.deadlineProjected).toBe(false);
  });

  it('while paused the deadline is projected from now and the scanner has nothing due', () => {
    const events = [start('2026-02-11T10:00'), pause('2026-02-13T12:00')];
    const result = evaluateSlaClock(cal, { events, budget: fiveWd, now: at('2026-02-20T10:00') });
    expect(result).toMatchObject({ status: 'paused', deadlineProjected: true, nextDueAt: null, state: 'on_track' });
    // 2160 used, 5040 left from Feb 20 (holiday): Feb 24, 25, 26, then half of Feb 27.
    expect(result.deadline).toEqual(at('2026-02-27T12:00'));
  });

  it('business minutes: 8 working hours from Fri 15:00, on hold over the festival', () => {
    const budget: SlaBudget = { unit: 'business_minutes', amount: 480 };
    const plain = evaluateSlaClock(cal, { events: [start('2026-02-13T15:00')], budget, now: at('2026-02-13T15:00') });
    expect(plain.deadline).toEqual(at('2026-02-14T14:00')); // 150 min Friday + 330 on the make-up Saturday

    const events = [start('2026-02-13T15:00'), pause('2026-02-13T16:00', 'customer_unreachable'), resume('2026-02-24T10:00')];
    const held = evaluateSlaClock(cal, { events, budget, now: at('2026-02-24T12:00') });
    expect(held.pausedMinutes).toBe(90 + 540 + 90);
    expect(held.elapsedMinutes).toBe(60 + 120);
    expect(held.deadline).toEqual(at('2026-02-24T17:00'));
    expect(held.state).toBe('on_track');
    expect(held.pausedMinutesByReason).toEqual({ customer_unreachable: 720 });
  });

  it('clock minutes: a 4 h restore target ignores the calendar but not the pause', () => {
    const budget: SlaBudget = { unit: 'clock_minutes', amount: 240 };
    const plain = evaluateSlaClock(cal, { events: [start('2026-02-16T22:00')], budget, now: at('2026-02-17T01:00') });
    expect(plain).toMatchObject({ elapsedMinutes: 180, state: 'warning_50', deadline: at('2026-02-17T02:00') });
    const held = evaluateSlaClock(cal, {
      events: [start('2026-02-16T22:00'), pause('2026-02-16T23:00', 'site_access'), resume('2026-02-16T23:30')],
      budget,
      now: at('2026-02-17T01:00'),
    });
    expect(held).toMatchObject({ elapsedMinutes: 150, pausedMinutes: 30, deadline: at('2026-02-17T02:30') });
  });

  it('pause time is totalled per reason', () => {
    const events = [
      start('2026-03-09T09:00'),
      pause('2026-03-09T10:00', 'customer_requested'),
      resume('2026-03-09T11:00'),
      pause('2026-03-09T12:00', 'site_access'),
      resume('2026-03-09T12:30'),
      pause('2026-03-09T13:00', 'customer_requested'),
      stop('2026-03-09T14:00'),
    ];
    const result = evaluateSlaClock(cal, { events, budget: { unit: 'business_minutes', amount: 600 }, now: at('2026-03-10T09:00') });
    expect(result.pausedMinutesByReason).toEqual({ customer_requested: 120, site_access: 30 });
    expect(result).toMatchObject({ status: 'stopped', elapsedMinutes: 150, pausedMinutes: 150, nextDueAt: null });
  });
});

describe('breach is judged on the deadline instant', () => {
  const budget: SlaBudget = { unit: 'business_minutes', amount: 540 };
  it.each<[string, SlaState, number]>([
    ['2026-03-06T17:30', 'warning_80', 540],
    ['2026-03-06T17:31', 'breached', 540], // used up Friday 17:30; late although no business minute has passed since
    ['2026-03-07T10:00', 'breached', 540],
    ['2026-03-09T09:00', 'breached', 570],
  ])('Fri 08:30 + 540 business minutes, at %s → %s', (now, state, elapsed) => {
    const result = evaluateSlaClock(cal, { events: [start('2026-03-06T08:30')], budget, now: at(now) });
    expect(result).toMatchObject({ state, elapsedMinutes: elapsed, overdueMinutes: elapsed - 540 });
  });

  it.each<[string, SlaState]>([
    ['2026-03-06T17:00', 'warning_80'],
    ['2026-03-09T09:00', 'breached'],
  ])('a clock stopped at %s keeps its final state', (stopAt, state) => {
    const result = evaluateSlaClock(cal, { events: [start('2026-03-06T08:30'), stop(stopAt)], budget, now: at('2026-04-01T00:00') });
    expect(result).toMatchObject({ status: 'stopped', state, nextDueAt: null });
    expect(result.deadline).toEqual(at('2026-03-06T17:30'));
  });
});

describe('history and policy', () => {
  it('not started yet', () => {
    expect(evaluateSlaClock(cal, { events: [], budget: fiveWd, now: at('2026-03-09T09:00') })).toMatchObject({
      status: 'not_started',
      state: 'on_track',
      deadline: null,
    });
  });

  it('evaluates as of an instant, ignoring later events', () => {
    const events = [start('2026-03-09T09:00'), pause('2026-03-09T12:00'), resume('2026-03-10T09:00'), stop('2026-03-10T10:00')];
    const asOf = evaluateSlaClock(cal, { events, budget: { unit: 'clock_minutes', amount: 600 }, now: at('2026-03-09T11:00') });
    expect(asOf).toMatchObject({ status: 'running', elapsedMinutes: 120, pausedMinutes: 0 });
  });

  it('a policy change swaps the budget for the whole clock and records the rule version', () => {
    const events: SlaClockEvent[] = [
      start('2026-03-02T10:00'),
      { type: 'policy_change', at: at('2026-03-03T10:00'), budget: { unit: 'working_days', amount: 10 }, ruleVersion: 'ct-sla-2008.1' },
    ];
    const result = evaluateSlaClock(cal, { events, budget: fiveWd, ruleVersion: 'star-2008.1', now: at('2026-03-05T10:00') });
    expect(result).toMatchObject({ budget: { unit: 'working_days', amount: 10 }, ruleVersion: 'ct-sla-2008.1', budgetMinutes: 14400 });
    expect(result.deadline).toEqual(at('2026-03-17T00:00'));
  });

  it('a deadline in a year without a published schedule is flagged', () => {
    const result = evaluateSlaClock(cal, { events: [start('2026-12-28T10:00')], budget: fiveWd, now: at('2026-12-28T12:00') });
    expect(result.deadline).toEqual(at('2027-01-05T00:00'));
    expect(result.calendarComplete).toBe(false);
  });

  it.each<[string, SlaClockEvent[], string]>([
    ['pause before start', [pause('2026-03-09T09:00')], 'sla.invalid_clock_events@events[0]'],
    ['resume while running', [start('2026-03-09T09:00'), resume('2026-03-09T10:00')], 'sla.invalid_clock_events@events[1]'],
    ['double start', [start('2026-03-09T09:00'), start('2026-03-09T10:00')], 'sla.invalid_clock_events@events[1]'],
    ['stop twice', [start('2026-03-09T09:00'), stop('2026-03-09T10:00'), stop('2026-03-09T10:01')], 'sla.invalid_clock_events@events[2]'],
    ['out of order', [start('2026-03-09T09:00'), pause('2026-03-09T08:00')], 'sla.invalid_clock_events@events[1].at'],
    ['pause without reason', [start('2026-03-09T09:00'), pause('2026-03-09T10:00', ' ')], 'sla.invalid_clock_events@events[1].reason'],
    ['bad instant', [{ type: 'start', at: new Date('x') }], 'calendar.invalid_instant@events[0].at'],
  ])('rejects %s', (_, events, code) => {
    expect(codeOf(() => evaluateSlaClock(cal, { events, budget: fiveWd, now: at('2026-03-10T09:00') }))).toBe(code);
  });

  it.each<[SlaBudget, string]>([
    [{ unit: 'working_days', amount: 0 }, 'sla.invalid_budget@budget.amount'],
    [{ unit: 'working_days', amount: 3651 }, 'sla.invalid_budget@budget.amount'],
    [{ unit: 'clock_minutes', amount: 1.5 }, 'sla.invalid_budget@budget.amount'],
    [{ unit: 'fortnights', amount: 1 } as unknown as SlaBudget, 'sla.invalid_budget@budget.unit'],
  ])('rejects budget %j', (budget, code) => {
    expect(codeOf(() => budgetMinutes(budget))).toBe(code);
  });
});
