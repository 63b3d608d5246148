import { describe, expect, it } from 'vitest';
import { defineJob } from './job-definition';
import { JobError } from './job-error';
import { assertCron, latestCronSlot, retryDelaySeconds } from './job-schedule';

describe('latestCronSlot (Asia/Shanghai unless told)', () => {
  it.each([
    { cron: '0 9 * * *', now: '2026-03-02T01:00:00.000Z', slot: '2026-03-02T01:00:00.000Z', why: 'a slot equal to now counts' },
    { cron: '0 9 * * *', now: '2026-03-02T00:59:59.999Z', slot: '2026-03-01T01:00:00.000Z', why: 'just before 09:00 is yesterday' },
    { cron: '0 9 * * *', now: '2026-03-02T05:00:00.000Z', slot: '2026-03-02T01:00:00.000Z', why: 'read in Shanghai, not UTC' },
    { cron: '*/15 * * * *', now: '2026-03-02T01:14:59.000Z', slot: '2026-03-02T01:00:00.000Z', why: 'every quarter hour' },
    { cron: '0 0 * * 1', now: '2026-03-01T16:00:00.000Z', slot: '2026-03-01T16:00:00.000Z', why: 'Monday midnight Shanghai is Sunday 16:00 UTC' },
    { cron: '30 2 1 * *', now: '2026-03-15T00:00:00.000Z', slot: '2026-02-28T18:30:00.000Z', why: 'monthly on the 1st' },
  ])('$cron at $now → $slot ($why)', ({ cron, now, slot }) => {
    expect(latestCronSlot(cron, new Date(now)).toISOString()).toBe(slot);
  });

  it('honours another zone', () => {
    expect(latestCronSlot('0 9 * * *', new Date('2026-03-02T10:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-03-02T09:00:00.000Z',
    );
  });
});

describe('retryDelaySeconds', () => {
  it.each([
    { backoff: 10, attempts: 1, delay: 10 },
    { backoff: 10, attempts: 2, delay: 20 },
    { backoff: 10, attempts: 3, delay: 40 },
    { backoff: 0, attempts: 5, delay: 0 },
  ])('backoff $backoff after $attempts failed attempts → $delay s', ({ backoff, attempts, delay }) => {
    expect(retryDelaySeconds(backoff, attempts)).toBe(delay);
  });
});

describe('definitions are checked up front', () => {
  const base = { name: 'nightly-report', retries: 3, backoffSeconds: 30, parse: () => ({}), handler: async () => {} };

  it.each([
    { why: 'six fields (seconds)', change: { cron: '0 0 9 * * *' } },
    { why: 'out of range minute', change: { cron: '61 * * * *' } },
    { why: 'garbage cron', change: { cron: 'every day' } },
    { why: 'name not kebab-case', change: { name: 'NightlyReport' } },
    { why: 'zero attempts', change: { retries: 0 } },
    { why: 'fractional attempts', change: { retries: 1.5 } },
    { why: 'negative backoff', change: { backoffSeconds: -1 } },
    {
      why: 'cron payload {} rejected by parse',
      change: {
        cron: '0 9 * * *',
        parse: () => {
          throw new Error('needs an id');
        },
      },
    },
  ])('rejects $why', ({ change }) => {
    expect(() => defineJob({ ...base, ...change })).toThrow(JobError);
  });

  it('accepts a valid cron definition', () => {
    expect(() => defineJob({ ...base, cron: '*/5 8-18 * * 1-5' })).not.toThrow();
    expect(() => assertCron('0 9 * * *')).not.toThrow();
  });
});
