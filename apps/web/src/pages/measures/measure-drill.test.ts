import { describe, expect, it } from 'vitest';
import { groupFilters, percent } from './measure-drill';

const range = { from: '2025-11', to: '2026-10' };

describe('groupFilters: the list behind a roll-up row', () => {
  it.each([
    ['month', { key: '2026-03', label: '2026-03' }, { from: '2026-03', to: '2026-03' }],
    ['manager', { key: 'am01', label: '王丽华' }, { ...range, manager: 'am01' }],
    ['manager', { key: null, label: null }, { ...range, manager: 'none' }],
    ['team', { key: 'DEMO-01-01-T01', label: '一组' }, { ...range, team: 'DEMO-01-01-T01' }],
    ['team', { key: null, label: null }, null],
    ['district', { key: 'DEMO-01-02', label: '城西区' }, { ...range, orgUnit: 'DEMO-01-02' }],
    ['city', { key: 'DEMO-01', label: '江州' }, { ...range, orgUnit: 'DEMO-01' }],
  ] as const)('by %s, row %o', (by, row, expected) => {
    expect(groupFilters({ by, ...range }, row)).toEqual(expected);
  });
});

describe('percent', () => {
  it.each([
    [null, '—'],
    [0, '0.0%'],
    [0.9589, '95.9%'],
    [1, '100.0%'],
  ])('%s → %s', (rate, text) => {
    expect(percent(rate)).toBe(text);
  });
});
