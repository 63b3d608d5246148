import { describe, expect, it } from 'vitest';
import { perTenThousand, shareOf } from './measure-rates';
import { trailingMonths } from './measure-range';

describe('measure rates', () => {
  it.each([
    [0, 0, null],
    [0, 5, 0],
    [5, 5, 1],
    [959, 1000, 0.959],
    [1, 3, 0.3333],
    [2, 3, 0.6667],
  ])('shareOf(%i, %i) = %s', (part, whole, expected) => {
    expect(shareOf(part, whole)).toBe(expected);
  });

  it.each([
    [3, 0, null],
    [0, 10, 0],
    [3, 20_000, 1.5],
    [7, 12_345, 5.7],
    [1, 3, 3333.3],
  ])('perTenThousand(%i complaints, %i lines) = %s', (count, lines, expected) => {
    expect(perTenThousand(count, lines)).toBe(expected);
  });
});

describe('trailingMonths', () => {
  it.each([
    ['2026-12-05T04:00:00Z', 12, '2026-01', '2026-12'],
    // 31 Dec 16:30 UTC is already 1 January in Shanghai.
    ['2026-12-31T16:30:00Z', 12, '2026-02', '2027-01'],
    ['2026-03-01T00:00:00Z', 6, '2025-10', '2026-03'],
    ['2026-03-01T00:00:00Z', 1, '2026-03', '2026-03'],
  ])('%s, %i months: %s to %s', (now, count, from, to) => {
    expect(trailingMonths(new Date(now), count)).toEqual({ from, to });
  });
});
