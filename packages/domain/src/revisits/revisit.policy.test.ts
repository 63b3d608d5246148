import { describe, expect, it } from 'vitest';
import { revisitDueAt, revisitStatusAfter, revisitTriggerForOrder } from './revisit.policy';

describe('revisit triggers and due dates', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['install', 'provisioning', '2026-11-30T02:00:00.000Z'],
    ['change', 'provisioning', '2026-11-30T02:00:00.000Z'],
    ['fault', 'fault', '2026-11-26T02:00:00.000Z'],
    ['query', undefined, undefined],
    ['sim_replacement', undefined, undefined],
  ])('%s', (type, trigger, due) => {
    const found = revisitTriggerForOrder(type);
    expect(found).toBe(trigger);
    if (found) expect(revisitDueAt(found, new Date('2026-11-23T02:00:00Z')).toISOString()).toBe(due);
  });

  it('a resolved complaint is called back within 3 days', () => {
    expect(revisitDueAt('complaint', new Date('2026-11-23T02:00:00Z'))).toEqual(new Date('2026-11-26T02:00:00Z'));
  });
});

describe('calls and retries', () => {
  it.each<[boolean, number, string, number]>([
    [true, 0, 'done', 1],
    [false, 0, 'pending', 1],
    [false, 1, 'pending', 2],
    [false, 2, 'unreachable', 3],
    [true, 2, 'done', 3],
  ])('reached=%s after %i calls → %s', (reached, before, status, attempts) => {
    const attempt = reached ? ({ reached: true, outcome: 'satisfied' } as const) : ({ reached: false } as const);
    expect(revisitStatusAfter(attempt, before)).toEqual({ status, attempts });
  });
});
