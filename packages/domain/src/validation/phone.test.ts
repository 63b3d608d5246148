import { describe, expect, it } from 'vitest';
import { isMainlandMobile, normalizeMobilePhone, validateMobilePhone } from './phone';
import type { ValidationCode } from './validation-issue';

describe('validateMobilePhone', () => {
  const cases: [string | null | undefined, ValidationCode[]][] = [
    ['13812341234', []],
    ['19912341234', []],
    ['14712341234', []],
    [undefined, ['required']],
    [null, ['required']],
    ['', ['required']],
    ['138-1234-1234', ['charset']],
    ['+8613812341234', ['charset']],
    ['1381234123', ['length']],
    ['138123412345', ['length']],
    ['12812341234', ['format']],
    ['10086000000', ['format']],
    ['23812341234', ['format']],
  ];

  it.each(cases)('%s', (value, codes) => {
    expect(validateMobilePhone(value).map((i) => i.code)).toEqual(codes);
    if (typeof value === 'string') expect(isMainlandMobile(value)).toBe(codes.length === 0);
  });

  it('reports the caller’s path', () => {
    expect(validateMobilePhone('1', { path: 'contacts.0.phone' })[0]?.path).toBe('contacts.0.phone');
  });
});

describe('normalizeMobilePhone', () => {
  it.each([
    ['138 1234 1234', '13812341234'],
    ['138-1234-1234', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['008613812341234', '13812341234'],
    ['8613812341234', '13812341234'],
    ['020-87654321', '02087654321'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeMobilePhone(input)).toBe(expected);
  });
});
