import { describe, expect, it } from 'vitest';
import { copyField, copyLine, copyLineNumbered } from './copy-text';

describe('COPY text', () => {
  it.each([
    [null, '\\N'],
    ['plain 中文', 'plain 中文'],
    ['tab\there', 'tab\\there'],
    ['two\nlines\r', 'two\\nlines\\r'],
    ['back\\slash', 'back\\\\slash'],
    ['\\N', '\\\\N'],
    [12, '12'],
    [false, 'false'],
  ])('%j → %s', (value, text) => {
    expect(copyField(value)).toBe(text);
  });

  it('joins fields with tabs and ends the row', () => {
    expect(copyLine(['a', null, 3])).toBe('a\t\\N\t3\n');
    expect(copyLineNumbered(7, ['a', null])).toBe('7\ta\t\\N\n');
  });
});
