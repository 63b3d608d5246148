import { issue, type ValidationIssue } from './validation-issue';

/** A calendar date without a zone: business dates are already in the calendar's zone. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Year 1–9999 only: four-digit text cannot carry more, and year 0 does not exist in the calendar. */
export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * Strict 'YYYY-MM-DD'. `Date.parse` is not used because it rolls '2023-02-30' over to March and
 * accepts many other shapes; imports must reject those instead of silently shifting them.
 */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null;
}

/** Strict 'YYYY-MM' (billing months, report periods). */
export function parseYearMonth(text: string): YearMonth | null {
  const match = ISO_YEAR_MONTH.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 1 && month >= 1 && month <= 12 ? { year, month } : null;
}

/** 'YYYYMMDD' as embedded in resident ID numbers. */
export function parseCompactDate(text: string): CalendarDate | null {
  if (!/^\d{8}$/.test(text)) return null;
  return parseIsoDate(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function formatIsoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function formatYearMonth(value: YearMonth): string {
  return `${pad(value.year, 4)}-${pad(value.month, 2)}`;
}

/** Negative, zero or positive like a sort comparator. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function validateIsoDate(value: string | null | undefined, path = 'date'): ValidationIssue[] {
  if (value === null || value === undefined || value === '') return [issue(path, 'required', 'A date is required')];
  if (!ISO_DATE.test(value)) return [issue(path, 'format', 'Expected a date as YYYY-MM-DD')];
  return parseIsoDate(value) ? [] : [issue(path, 'date', `${value} is not a calendar date`)];
}

export function validateYearMonth(value: string | null | undefined, path = 'month'): ValidationIssue[] {
  if (value === null || value === undefined || value === '') return [issue(path, 'required', 'A month is required')];
  if (!ISO_YEAR_MONTH.test(value)) return [issue(path, 'format', 'Expected a month as YYYY-MM')];
  return parseYearMonth(value) ? [] : [issue(path, 'date', `${value} is not a calendar month`)];
}
