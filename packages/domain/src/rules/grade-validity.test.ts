import { describe, expect, it } from 'vitest';
import { gradeValidity } from './grade-validity';

describe('grade validity', () => {
  it.each([
    // The yearly re-grade runs in January on December's bills and sets the next grade year.
    ['yearly', '2025-12', '2026-02-01', '2027-01-31'],
    ['yearly', '2027-12', '2028-02-01', '2029-01-31'],
    // An off-cycle full run on another month grants until the grade year ends, like a monthly one.
    ['yearly', '2026-01', '2026-02-01', '2027-01-31'],
    ['yearly', '2026-06', '2026-07-01', '2027-01-31'],
    // Monthly newly eligible: from the next month to the end of that grade year.
    ['monthly', '2026-03', '2026-04-01', '2027-01-31'],
    ['monthly', '2026-01', '2026-02-01', '2027-01-31'],
    ['monthly', '2025-12', '2026-01-01', '2026-01-31'],
    ['monthly', '2026-11', '2026-12-01', '2027-01-31'],
  ] as const)('%s re-grade of %s is valid %s – %s', (kind, month, validFrom, validTo) => {
    expect(gradeValidity(kind, month)).toEqual({ validFrom, validTo });
  });
});
