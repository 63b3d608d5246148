import { describe, expect, it } from 'vitest';
import { type ClosingField, type ComplaintFacts, type ComplaintState, allowedComplaintTransitions, complaintTransition, missingForClose } from './complaint.machine';

const complete: ComplaintFacts = {
  level: 2,
  resolution: '退还多收费用并致歉',
  rootCause: 'system',
  rootCauseDetail: 'billing_rule',
  customerConfirmed: true,
};

describe('complaint transitions', () => {
  it.each<[ComplaintState, ComplaintState[]]>([
    ['received', ['assigned', 'escalated']],
    ['assigned', ['processing', 'escalated', 'resolved']],
    ['processing', ['escalated', 'resolved']],
    ['escalated', ['escalated', 'resolved']],
    ['resolved', ['closed', 'processing']],
    ['closed', []],
  ])('%s → %j', (state, expected) => {
    expect(allowedComplaintTransitions(state)).toEqual(expected);
  });

  it.each<[ComplaintState, ComplaintState, ComplaintFacts, number | string]>([
    ['processing', 'escalated', { level: 1 }, 2],
    ['escalated', 'escalated', { level: 2 }, 3],
    ['escalated', 'escalated', { level: 3 }, 'complaint.top_level_reached'],
    ['assigned', 'escalated', { level: 3 }, 'complaint.top_level_reached'],
    ['processing', 'resolved', { level: 1, resolution: '已修复' }, 1],
    ['processing', 'resolved', { level: 1, resolution: '  ' }, 'complaint.resolution_required'],
    ['received', 'processing', { level: 1 }, 'complaint.illegal_transition'],
    ['resolved', 'processing', { level: 2 }, 2],
    ['resolved', 'closed', complete, 2],
    ['closed', 'processing', complete, 'complaint.illegal_transition'],
  ])('%s → %s with %j gives %s', (from, to, facts, expected) => {
    const result = complaintTransition(from, to, facts);
    if (typeof expected === 'number') expect(result).toMatchObject({ ok: true, level: expected });
    else expect(result).toMatchObject({ ok: false, code: expected });
  });
});

describe('closing rules', () => {
  it.each<[string, ComplaintFacts, ClosingField[]]>([
    ['everything given', complete, []],
    ['nothing given', { level: 1 }, ['resolution', 'rootCause', 'rootCauseDetail', 'customerConfirmation']],
    ['no sub-reason', { ...complete, rootCauseDetail: '' }, ['rootCauseDetail']],
    ['customer declined to confirm, no reason', { ...complete, customerConfirmed: false }, ['customerConfirmation']],
    ['no confirmation but a recorded reason', { ...complete, customerConfirmed: null, noConfirmationReason: '客户三次未接通' }, []],
  ])('%s', (_name, facts, missing) => {
    expect(missingForClose(facts)).toEqual(missing);
  });

  it('closing too early names the missing fields before the state problem', () => {
    const result = complaintTransition('received', 'closed', { level: 1 });
    expect(result).toMatchObject({ ok: false, code: 'complaint.close_incomplete', missing: ['resolution', 'rootCause', 'rootCauseDetail', 'customerConfirmation'] });
  });

  it('a complete complaint still closes only from resolved', () => {
    expect(complaintTransition('processing', 'closed', complete)).toMatchObject({ ok: false, code: 'complaint.illegal_transition' });
  });
});
