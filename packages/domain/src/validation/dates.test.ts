import { describe, expect, it } from 'vitest';
import {
  compareDates,
  daysInMonth,
  formatIsoDate,
  formatYearMonth,
  isLeapYear,
  parseCompactDate,
  parseIsoDate,
  parseYearMonth,
  validateIsoDate,
  validateYearMonth,
} from './dates';
import type { ValidationCode } from './validation-issue';

describe('parseIsoDate', () => {
  it.each([
    ['2026-02-17', { year: 2026, month: 2, day: 17 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['1999-12-31', { year: 1999, month: 12, day: 31 }],
    ['0001-01-01', { year: 1, month: 1, day: 1 }],
    ['2023-02-29', null],
    ['1900-02-29', null],
    ['1990-02-30', null],
    ['2026-04-31', null],
    ['2026-13-01', null],
    ['2026-00-10', null],
    ['2026-01-00', null],
    ['0000-01-01', null],
    ['2026-1-05', null],
    ['2026/01/05', null],
    ['20260105', null],
    ['2026-01-05T00:00:00Z', null],
    [' 2026-01-05', null],
    ['', null],
  ])('%s', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
  });
});

describe('parseYearMonth', () => {
  it.each([
    ['2026-02', { year: 2026, month: 2 }],
    ['2007-07', { year: 2007, month: 7 }],
    ['2026-13', null],
    ['2026-00', null],
    ['2026-2', null],
    ['2026-02-01', null],
    ['0000-05', null],
    ['', null],
  ])('%s', (text, expected) => {
    expect(parseYearMonth(text)).toEqual(expected);
  });
});

describe('calendar helpers', () => {
  it.each([
    [2024, true],
    [2023, false],
    [1900, false],
    [2000, true],
  ])('leap year %i is %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it('parses the compact form used in ID numbers', () => {
    expect(parseCompactDate('19491231')).toEqual({ year: 1949, month: 12, day: 31 });
    expect(parseCompactDate('19900230')).toBeNull();
    expect(parseCompactDate('1949123')).toBeNull();
  });

  it('formats and compares', () => {
    expect(formatIsoDate({ year: 7, month: 3, day: 9 })).toBe('0007-03-09');
    expect(formatYearMonth({ year: 2026, month: 2 })).toBe('2026-02');
    expect(compareDates({ year: 2026, month: 1, day: 31 }, { year: 2026, month: 2, day: 1 })).toBeLessThan(0);
    expect(compareDates({ year: 2026, month: 2, day: 1 }, { year: 2026, month: 2, day: 1 })).toBe(0);
  });
});

describe('validators', () => {
  it.each([
    ['2026-02-17', []],
    ['2026-02-30', ['date']],
    ['17/02/2026', ['format']],
    ['', ['required']],
    [null, ['required']],
  ] as [string | null, ValidationCode[]][])('date %s', (value, codes) => {
    expect(validateIsoDate(value, 'activatedOn').map((i) => i.code)).toEqual(codes);
  });

  it.each([
    ['2026-02', []],
    ['2026-13', ['date']],
    ['2026-2', ['format']],
    [undefined, ['required']],
  ] as [string | undefined, ValidationCode[]][])('month %s', (value, codes) => {
    expect(validateYearMonth(value).map((i) => i.code)).toEqual(codes);
  });

  it('reports the path', () => {
    expect(validateIsoDate('x', 'rows.3.activatedOn')[0]?.path).toBe('rows.3.activatedOn');
  });
});
