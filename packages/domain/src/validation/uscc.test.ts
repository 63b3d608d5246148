import { describe, expect, it } from 'vitest';
import { USCC_CHARSET, isValidUscc, normalizeUscc, usccCheckChar, validateUscc } from './uscc';
import type { ValidationCode } from './validation-issue';

// Codes published on the national enterprise credit information system.
const REAL_CODES = [
  '914403001922038216',
  '91440300708461136T',
  '91330100799655058B',
  '911100007109250324',
  '91110108551385082Q',
  '91310000132149237G',
];

describe('usccCheckChar', () => {
  it.each(REAL_CODES)('recomputes the check character of %s', (code) => {
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('maps a remainder of 0 to 0, not to the 32nd character', () => {
    // All zeros: sum 0, 31 - 0 = 31 → '0'.
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it.each(['9144030019220382', '91440300192203821I', '9144030019220382O'])('rejects %s', (bad) => {
    expect(() => usccCheckChar(bad)).toThrow(RangeError);
  });

  it('only ever returns alphabet characters', () => {
    for (let n = 0; n < 500; n += 1) {
      expect(USCC_CHARSET).toContain(usccCheckChar(`9144030019220${String(n).padStart(4, '0')}`));
    }
  });
});

describe('validateUscc', () => {
  const cases: [string, string | null | undefined, ValidationCode[]][] = [
    ['real code', REAL_CODES[1], []],
    ['lower case and spaces', ' 91440300708461136t ', []],
    ['missing', undefined, ['required']],
    ['empty', '', ['required']],
    ['short', '9144030070846113', ['length']],
    ['letter I', '91440300708461136I', ['charset']],
    ['letter O', 'O1440300708461136T', ['charset']],
    ['wrong check character', '91440300708461136A', ['check_char']],
    ['letters in the division code', `91A40300708461136${usccCheckChar('91A40300708461136')}`, ['region']],
  ];

  it.each(cases)('%s', (_label, value, codes) => {
    expect(validateUscc(value).map((i) => i.code)).toEqual(codes);
    expect(isValidUscc(value)).toBe(codes.length === 0);
  });

  it('reports the caller’s path', () => {
    expect(validateUscc('1', { path: 'group.uscc' })[0]?.path).toBe('group.uscc');
  });

  it('normalises', () => {
    expect(normalizeUscc('9144 0300 7084 6113 6t')).toBe('91440300708461136T');
  });
});
