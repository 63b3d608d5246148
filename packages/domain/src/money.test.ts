import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { applyBasisPoints, formatFen, mulDivRoundHalfUp, parseYuanToFen } from './money';

describe('parseYuanToFen', () => {
  it.each([
    ['12345.67', 1_234_567],
    ['0', 0],
    ['0.5', 50],
    ['0.05', 5],
    ['7', 700],
    ['007.10', 710],
    ['90071992547409.91', 9_007_199_254_740_991],
  ])('%s → %i fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it.each(['-1', '+1', '1.234', '.5', '5.', '1,000.00', '1e3', ' 1', '', '¥1', '90071992547409.92'])('rejects %j', (text) => {
    expect(() => parseYuanToFen(text, 'fee')).toThrow(expect.objectContaining({ code: 'money.invalid_amount', path: 'fee' }));
    expect(() => parseYuanToFen(text)).toThrow(DomainError);
  });
});

describe('formatFen', () => {
  it.each([
    [1_234_567, '12345.67'],
    [5, '0.05'],
    [0, '0.00'],
    [100, '1.00'],
    [-250, '-2.50'],
  ])('%i → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('round-trips', () => {
    for (const text of ['0.01', '99.99', '123456789.10']) expect(formatFen(parseYuanToFen(text))).toBe(text);
  });

  it('rejects non-integer fen', () => {
    expect(() => formatFen(1.5)).toThrow(expect.objectContaining({ code: 'money.invalid_amount' }));
  });
});

describe('rounding half up', () => {
  it.each([
    [33_333, 15_000, 50_000],
    [33_333, 13_000, 43_333],
    [25, 200, 1],
    [24, 200, 0],
    [1, 5_000, 1],
    [1, 4_999, 0],
  ])('%i fen × %i bp → %i', (fen, bp, expected) => {
    expect(applyBasisPoints(fen, bp)).toBe(expected);
  });

  it('rounds halves away from zero for negative amounts', () => {
    expect(mulDivRoundHalfUp(-25, 200, 10_000)).toBe(-1);
    expect(mulDivRoundHalfUp(-24, 200, 10_000)).toBe(0);
  });
});
