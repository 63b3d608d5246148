import { describe, expect, it } from 'vitest';
import {
  isValidResidentId,
  normalizeResidentId,
  parseResidentId,
  residentIdCheckChar,
  validateResidentId,
  type ResidentIdValidationOptions,
} from './resident-id';
import type { ValidationCode } from './validation-issue';

describe('residentIdCheckChar', () => {
  it.each([
    ['11010519491231002', 'X'], // GB 11643-1999 appendix example
    ['44052418800101001', '4'], // GB 11643-1999 appendix example
    ['44030819990110151', '2'],
    ['11010119900307803', 'X'],
  ])('%s → %s', (first17, expected) => {
    expect(residentIdCheckChar(first17)).toBe(expected);
  });

  it.each(['1101051949123100', '110105194912310021', '1101051949123100X'])('rejects %s', (bad) => {
    expect(() => residentIdCheckChar(bad)).toThrow(RangeError);
  });

  it('produces every check character over a range of inputs', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq += 1) seen.add(residentIdCheckChar(`44010619850615${String(seq).padStart(3, '0')}`));
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });
});

describe('validateResidentId', () => {
  const withWrongCheck = (first17: string) => first17 + (residentIdCheckChar(first17) === '0' ? '1' : '0');

  const cases: [string, string | null | undefined, ResidentIdValidationOptions, ValidationCode[]][] = [
    ['valid with X', '11010519491231002X', {}, []],
    ['valid with a lower-case x', '11010519491231002x', {}, []],
    ['valid with spaces', ' 440308 19990110 1512 ', {}, []],
    ['valid digit check', '440308199901101512', {}, []],
    ['leap day 2000', `44030820000229101${residentIdCheckChar('44030820000229101')}`, {}, []],
    ['missing', undefined, {}, ['required']],
    ['null', null, {}, ['required']],
    ['blank', '   ', {}, ['required']],
    ['15-digit legacy', '110105491231002', {}, ['length']],
    ['17 characters', '11010519491231002', {}, ['length']],
    ['letter inside', '1101051949A231002X', {}, ['charset']],
    ['X not last', 'X10105194912310021', {}, ['charset']],
    ['wrong check character', '110105194912310021', {}, ['check_char']],
    ['unknown province 99', `99010519491231002${residentIdCheckChar('99010519491231002')}`, {}, ['region']],
    ['30 February', `11010519900230002${residentIdCheckChar('11010519900230002')}`, {}, ['birth_date']],
    ['29 February in a common year', `11010519900229002${residentIdCheckChar('11010519900229002')}`, {}, ['birth_date']],
    ['month 13', `11010519901301002${residentIdCheckChar('11010519901301002')}`, {}, ['birth_date']],
    ['born before 1900', '440524188001010014', {}, ['birth_date']],
    ['born after today', `11010520300101002${residentIdCheckChar('11010520300101002')}`, { today: '2026-07-01' }, ['birth_date']],
    ['born today', `11010520260701002${residentIdCheckChar('11010520260701002')}`, { today: '2026-07-01' }, []],
    ['several problems at once', withWrongCheck('99010519900230002'), {}, ['region', 'birth_date', 'check_char']],
  ];

  it.each(cases)('%s', (_label, value, options, codes) => {
    const issues = validateResidentId(value, options);
    expect(issues.map((i) => i.code)).toEqual(codes);
    expect(isValidResidentId(value, options)).toBe(codes.length === 0);
  });

  it('reports the caller’s path', () => {
    expect(validateResidentId('x', { path: 'holder.idNumber' })[0]).toMatchObject({ path: 'holder.idNumber', code: 'length' });
  });
});

describe('parseResidentId', () => {
  it.each([
    ['11010519491231002X', { regionCode: '110105', birthDate: { year: 1949, month: 12, day: 31 }, gender: 'female' }],
    ['440308199901101512', { regionCode: '440308', birthDate: { year: 1999, month: 1, day: 10 }, gender: 'male' }],
  ])('%s', (id, facts) => {
    expect(parseResidentId(id)).toEqual(facts);
  });

  it('returns null for an invalid number', () => {
    expect(parseResidentId('110105194912310021')).toBeNull();
  });

  it('normalises', () => {
    expect(normalizeResidentId(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});
