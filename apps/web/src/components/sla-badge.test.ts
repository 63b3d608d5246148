import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { allowedFromConflict } from '../pages/work-orders/work-order-detail-page';
import { slaTone } from './sla-badge';

describe('slaTone', () => {
  it('colours a running clock by its state', () => {
    expect(slaTone({ state: 'on_track', clockStatus: 'running' })).toBe('on_time');
    expect(slaTone({ state: 'warning_50', clockStatus: 'running' })).toBe('warning');
    expect(slaTone({ state: 'warning_80', clockStatus: 'running' })).toBe('warning');
    expect(slaTone({ state: 'breached', clockStatus: 'running' })).toBe('breached');
  });

  it('tells met from missed once the clock stops', () => {
    expect(slaTone({ state: 'on_track', clockStatus: 'stopped' })).toBe('met');
    expect(slaTone({ state: 'breached', clockStatus: 'stopped' })).toBe('missed');
  });

  it('shows paused, not started and no SLA', () => {
    expect(slaTone({ state: 'warning_50', clockStatus: 'paused' })).toBe('paused');
    expect(slaTone({ state: 'on_track', clockStatus: 'not_started' })).toBe('not_started');
    expect(slaTone(null)).toBe('none');
  });
});

describe('allowedFromConflict', () => {
  it('reads the allowed states of a 409', () => {
    const error = new ApiError(409, 'state.illegal_transition', 'Cannot go', [{ path: 'body.to', message: 'allowed from in_progress: completed, on_hold, cancelled' }]);
    expect(allowedFromConflict(error)).toEqual(['completed', 'on_hold', 'cancelled']);
  });

  it('is empty for a terminal state and undefined for other errors', () => {
    expect(allowedFromConflict(new ApiError(409, 'state.illegal_transition', 'x', [{ path: 'body.to', message: 'allowed from archived: none (terminal state)' }]))).toEqual([]);
    expect(allowedFromConflict(new ApiError(400, 'validation.failed', 'x'))).toBeUndefined();
  });
});
