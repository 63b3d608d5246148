import { describe, expect, it } from 'vitest';
import { diffAuditValues, formatAuditValue } from './audit-diff';

describe('diffAuditValues', () => {
  it('marks changed and unchanged fields of an update', () => {
    expect(diffAuditValues({ name: '城东班组', active: true }, { name: '城东一组', active: true })).toEqual([
      { field: 'name', before: '城东班组', after: '城东一组', changed: true },
      { field: 'active', before: true, after: true, changed: false },
    ]);
  });

  it('lists every field of a creation as changed', () => {
    expect(diffAuditValues(null, { code: 'T1', roles: ['account_manager'] })).toEqual([
      { field: 'code', before: undefined, after: 'T1', changed: true },
      { field: 'roles', before: undefined, after: ['account_manager'], changed: true },
    ]);
  });

  it('does not flag a null field of a creation as a change', () => {
    expect(diffAuditValues(null, { revokedAt: null })[0]?.changed).toBe(false);
  });

  it('compares arrays by value', () => {
    expect(diffAuditValues({ roles: ['a', 'b'] }, { roles: ['a', 'b'] })[0]?.changed).toBe(false);
  });

  it('shows scalar snapshots as one row', () => {
    expect(diffAuditValues('old', 'new')).toEqual([{ field: '', before: 'old', after: 'new', changed: true }]);
  });

  it('is empty when nothing was recorded', () => {
    expect(diffAuditValues(null, undefined)).toEqual([]);
  });
});

describe('formatAuditValue', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    ['文本', '文本'],
    [true, 'true'],
    [['a'], '["a"]'],
  ])('%j → %s', (value, text) => expect(formatAuditValue(value)).toBe(text));
});
