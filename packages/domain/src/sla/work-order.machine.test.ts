import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  type ClockEffect,
  TERMINAL_WORK_ORDER_STATES,
  type TransitionContext,
  WORK_ORDER_STATES,
  WORK_ORDER_TRANSITIONS,
  type WorkOrderState,
  allowedTransitions,
  assertTransition,
  transition,
} from './work-order.machine';

describe('allowed transitions per state', () => {
  it.each<[WorkOrderState, TransitionContext, WorkOrderState[]]>([
    ['received', {}, ['appointed', 'on_hold', 'cancelled']],
    ['appointed', {}, ['dispatched', 'on_hold', 'cancelled']],
    ['dispatched', {}, ['in_progress', 'on_hold', 'cancelled']],
    ['in_progress', {}, ['completed', 'on_hold', 'cancelled']],
    ['completed', {}, ['delivered', 'revisit_pending', 'reopened']],
    ['completed', { deliveryRequired: true }, ['delivered', 'reopened']],
    ['delivered', {}, ['revisit_pending', 'reopened']],
    ['revisit_pending', {}, ['archived', 'reopened']],
    ['reopened', {}, ['dispatched']],
    ['on_hold', {}, ['received', 'appointed', 'dispatched', 'in_progress', 'cancelled']],
    ['on_hold', { heldFrom: 'dispatched' }, ['dispatched', 'cancelled']],
    ['archived', {}, []],
    ['cancelled', {}, []],
  ])('%s %j → %j', (state, context, expected) => {
    expect(allowedTransitions(state, context)).toEqual(expected);
  });

  it('every state is reachable from received and only terminal states are dead ends', () => {
    const seen = new Set<WorkOrderState>(['received']);
    const queue: WorkOrderState[] = ['received'];
    while (queue.length > 0) {
      for (const next of allowedTransitions(queue.shift() ?? 'received')) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual([...WORK_ORDER_STATES].sort());
    const deadEnds = WORK_ORDER_STATES.filter((s) => allowedTransitions(s).length === 0);
    expect(deadEnds.sort()).toEqual([...TERMINAL_WORK_ORDER_STATES].sort());
  });

  it('no duplicate (from, to) pairs', () => {
    const pairs = WORK_ORDER_TRANSITIONS.map((t) => `${t.from}->${t.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});

describe('the happy path and its clock effects', () => {
  it.each<[WorkOrderState, WorkOrderState, TransitionContext, ClockEffect]>([
    ['received', 'appointed', {}, 'none'],
    ['appointed', 'dispatched', {}, 'none'],
    ['dispatched', 'in_progress', {}, 'none'],
    ['in_progress', 'completed', {}, 'stop'],
    ['completed', 'delivered', { deliveryRequired: true }, 'none'],
    ['delivered', 'revisit_pending', {}, 'none'],
    ['completed', 'revisit_pending', { deliveryRequired: false }, 'none'],
    ['revisit_pending', 'archived', {}, 'none'],
    ['revisit_pending', 'reopened', {}, 'none'],
    ['reopened', 'dispatched', {}, 'none'],
    ['in_progress', 'on_hold', {}, 'pause'],
    ['on_hold', 'in_progress', { heldFrom: 'in_progress' }, 'resume'],
    ['on_hold', 'cancelled', {}, 'stop'],
    ['received', 'cancelled', {}, 'stop'],
  ])('%s → %s', (from, to, context, clock) => {
    const result = transition(from, to, context);
    expect(result).toMatchObject({ ok: true, transition: { from, to, clock } });
  });
});

describe('illegal transitions name the allowed ones', () => {
  it.each<[WorkOrderState, WorkOrderState, TransitionContext, string, WorkOrderState[]]>([
    ['received', 'completed', {}, 'work_order.illegal_transition', ['appointed', 'on_hold', 'cancelled']],
    ['received', 'dispatched', {}, 'work_order.illegal_transition', ['appointed', 'on_hold', 'cancelled']],
    ['completed', 'revisit_pending', { deliveryRequired: true }, 'work_order.illegal_transition', ['delivered', 'reopened']],
    ['completed', 'cancelled', {}, 'work_order.illegal_transition', ['delivered', 'revisit_pending', 'reopened']],
    ['on_hold', 'appointed', { heldFrom: 'dispatched' }, 'work_order.illegal_transition', ['dispatched', 'cancelled']],
    ['on_hold', 'completed', {}, 'work_order.illegal_transition', ['received', 'appointed', 'dispatched', 'in_progress', 'cancelled']],
    ['on_hold', 'in_progress', {}, 'work_order.hold_origin_required', ['received', 'appointed', 'dispatched', 'in_progress', 'cancelled']],
    ['on_hold', 'on_hold', {}, 'work_order.illegal_transition', ['received', 'appointed', 'dispatched', 'in_progress', 'cancelled']],
    ['reopened', 'in_progress', {}, 'work_order.illegal_transition', ['dispatched']],
    ['archived', 'reopened', {}, 'work_order.illegal_transition', []],
    ['cancelled', 'received', {}, 'work_order.illegal_transition', []],
  ])('%s → %s %j: %s', (from, to, context, code, allowed) => {
    const result = transition(from, to, context);
    expect(result).toMatchObject({ ok: false, error: { code, from, to, allowed } });
  });

  it('messages list the way forward', () => {
    const result = transition('received', 'completed');
    expect(!result.ok && result.error.message).toBe('Cannot go from received to completed; allowed: appointed, on_hold, cancelled');
    const terminal = transition('archived', 'received');
    expect(!terminal.ok && terminal.error.message).toContain('none (terminal state)');
  });

  it('assertTransition throws a DomainError with the code', () => {
    expect(() => assertTransition('archived', 'received')).toThrow(DomainError);
    expect(() => assertTransition('archived', 'received')).toThrow(expect.objectContaining({ code: 'work_order.illegal_transition' }));
    expect(assertTransition('received', 'appointed').event).toBe('validate');
  });
});
