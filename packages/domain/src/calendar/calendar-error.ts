import { DomainError } from '../errors';

export const CALENDAR_ERROR_CODES = [
  'calendar.invalid_date',
  'calendar.date_out_of_range',
  'calendar.days_out_of_range',
  'calendar.minutes_out_of_range',
  'calendar.invalid_instant',
  'calendar.unknown_zone',
  'calendar.invalid_hours',
  'calendar.invalid_override',
] as const;
export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

export function calendarError(code: CalendarErrorCode, message: string, path?: string): DomainError<CalendarErrorCode> {
  return new DomainError<CalendarErrorCode>(code, message, path === undefined ? {} : { path });
}
