import type { BusinessDate } from '../calendar/business-date';

/**
 * How long a grade set by a re-grade holds (DOMAIN §3.2). The grade year runs 1 February – 31 January
 * (全球通 "valid 1 Feb – 31 Jan"). The yearly re-grade, run in January on December's bills, sets the
 * whole next grade year from 1 February (January still belongs to the grade year ending). A monthly run
 * for newly eligible customers, and an off-cycle full run on another month, grant the grade from the
 * month after the graded one until the grade year ends, when the yearly re-grade takes over.
 */
export const GRADE_VALIDITY_KINDS = ['yearly', 'monthly'] as const;
export type GradeValidityKind = (typeof GRADE_VALIDITY_KINDS)[number];

export interface GradeValidity {
  readonly validFrom: BusinessDate;
  readonly validTo: BusinessDate;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The 31 January that closes the grade year `date` falls in. */
function gradeYearEnd(date: BusinessDate): BusinessDate {
  const year = Number(date.slice(0, 4));
  return date <= `${pad(year, 4)}-01-31` ? `${pad(year, 4)}-01-31` : `${pad(year + 1, 4)}-01-31`;
}

/** Validity of the grades set by a re-grade of `month` (YYYY-MM). */
export function gradeValidity(kind: GradeValidityKind, month: string): GradeValidity {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const validFrom = m !== 12 ? `${pad(year, 4)}-${pad(m + 1)}-01` : kind === 'yearly' ? `${pad(year + 1, 4)}-02-01` : `${pad(year + 1, 4)}-01-01`;
  return { validFrom, validTo: gradeYearEnd(validFrom) };
}
