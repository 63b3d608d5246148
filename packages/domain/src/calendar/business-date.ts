import { daysInMonth } from '../validation/dates';
import { calendarError } from './calendar-error';

/** A date in the calendar's zone as 'YYYY-MM-DD'. No Date objects: those carry an instant and a zone. */
export type BusinessDate = string;

/** Days since 1970-01-01 (day 0). Integer arithmetic keeps working-day maths free of zone bugs. */
export type DayNumber = number;

/**
 * Bounds of the calendar engine. Wide enough for any contract and for the 3,650-day horizon from
 * any date in it; narrow enough that a per-year index can live in a flat array.
 */
export const MIN_CALENDAR_YEAR = 1900;
export const MAX_CALENDAR_YEAR = 2199;

export const ISO_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type IsoWeekdayKey = (typeof ISO_WEEKDAYS)[number];

const CHAR_0 = 48;
const CHAR_DASH = 45;

/** Days from civil (H. Hinnant), proleptic Gregorian. */
export function dayNumberFromParts(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function partsFromDayNumber(dayNumber: DayNumber): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function digit(text: string, index: number): number {
  const value = text.charCodeAt(index) - CHAR_0;
  return value >= 0 && value <= 9 ? value : -1;
}

/**
 * Strict 'YYYY-MM-DD' → day number, or -Infinity when the text is not a real date. Hand-rolled
 * because it sits in the addWorkdays hot path and a regex + Number() costs several times more.
 */
export function tryParseBusinessDate(text: string): DayNumber {
  if (typeof text !== 'string' || text.length !== 10) return -Infinity;
  if (text.charCodeAt(4) !== CHAR_DASH || text.charCodeAt(7) !== CHAR_DASH) return -Infinity;
  const y0 = digit(text, 0);
  const y1 = digit(text, 1);
  const y2 = digit(text, 2);
  const y3 = digit(text, 3);
  const m0 = digit(text, 5);
  const m1 = digit(text, 6);
  const d0 = digit(text, 8);
  const d1 = digit(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return -Infinity;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1) return -Infinity;
  return dayNumberFromParts(year, month, day);
}

/** Throws `calendar.invalid_date` for malformed or impossible dates (2026-02-30). */
export function parseBusinessDate(text: string, path = 'date'): DayNumber {
  const dayNumber = tryParseBusinessDate(text);
  if (dayNumber === -Infinity) {
    throw calendarError('calendar.invalid_date', `${JSON.stringify(text)} is not a date as YYYY-MM-DD`, path);
  }
  return dayNumber;
}

export function isBusinessDate(text: string): boolean {
  return tryParseBusinessDate(text) !== -Infinity;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function formatDayNumber(dayNumber: DayNumber): BusinessDate {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** 1 = Monday … 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function isoWeekday(dayNumber: DayNumber): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function yearOfDayNumber(dayNumber: DayNumber): number {
  return partsFromDayNumber(dayNumber).year;
}
