import { describe, expect, it } from 'vitest';
import { loadTierOf } from '@patron/domain';
import { countByTier, limitExceeded, loadExcesses } from './assignment.policy';

describe('loadTierOf', () => {
  it.each([
    ['diamond', 'vip'],
    ['gold', 'vip'],
    ['silver', 'vip'],
    ['guest', 'guest'],
    ['none', null],
  ] as const)('%s → %s', (grade, tier) => {
    expect(loadTierOf(grade)).toBe(tier);
  });
});

describe('loadExcesses', () => {
  const limits = { vip: 50, guest: 300 };
  it.each([
    ['under both limits', { vip: 10, guest: 10 }, { vip: 1, guest: 1 }, []],
    ['exactly at the limit', { vip: 49, guest: 299 }, { vip: 1, guest: 1 }, []],
    ['one past the VIP limit', { vip: 50, guest: 0 }, { vip: 3, guest: 0 }, ['am03 vip load 50 + 3 > limit 50']],
    ['past both', { vip: 50, guest: 300 }, { vip: 1, guest: 2 }, ['am03 vip load 50 + 1 > limit 50', 'am03 guest load 300 + 2 > limit 300']],
    // Already over (the limit was lowered): adding the other tier is still fine, adding none says nothing.
    ['over VIP, adding guests', { vip: 60, guest: 0 }, { vip: 0, guest: 5 }, []],
    ['over VIP, adding nothing', { vip: 60, guest: 0 }, { vip: 0, guest: 0 }, []],
  ] as const)('%s', (_case, current, adding, messages) => {
    expect(loadExcesses('am03', current, adding, limits).map((excess) => excess.message)).toEqual(messages);
  });

  it('carries the numbers for clients in each detail', () => {
    expect(loadExcesses('am03', { vip: 50, guest: 0 }, { vip: 3, guest: 0 }, limits)).toEqual([
      { path: 'accountManager', message: 'am03 vip load 50 + 3 > limit 50', manager: 'am03', tier: 'vip', currentLoad: 50, adding: 3, limit: 50 },
    ]);
  });
});

describe('countByTier and limitExceeded', () => {
  it('counts VIPs and guests, ignoring ungraded customers', () => {
    expect(countByTier(['gold', 'guest', 'none', 'diamond', 'guest'])).toEqual({ vip: 2, guest: 2 });
  });

  it('makes a 409 with code assignment.limit_exceeded', () => {
    const error = limitExceeded(loadExcesses('am03', { vip: 50, guest: 0 }, { vip: 1, guest: 0 }, { vip: 50, guest: 300 }));
    expect(error.status).toBe(409);
    expect(error.code).toBe('assignment.limit_exceeded');
    expect(error.message).toBe('Load limit exceeded: am03 vip load 50 + 1 > limit 50');
  });
});
