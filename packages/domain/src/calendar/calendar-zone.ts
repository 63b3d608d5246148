import { calendarError } from './calendar-error';

/**
 * Fixed UTC offsets in minutes. Only zones without daylight saving today are listed, so a fixed
 * offset is exact for current instants and no tz library is needed in pure code. Asia/Shanghai
 * did observe DST in 1986–1991; instants from those summers are an hour off, which no live SLA
 * clock can reach. A zone with DST must not be added here: it needs a real rules table.
 */
export const ZONE_OFFSET_MINUTES = {
  'Asia/Shanghai': 480,
  UTC: 0,
} as const;
export type CalendarZone = keyof typeof ZONE_OFFSET_MINUTES;

export const DEFAULT_CALENDAR_ZONE: CalendarZone = 'Asia/Shanghai';

export function isCalendarZone(zone: string): zone is CalendarZone {
  return Object.prototype.hasOwnProperty.call(ZONE_OFFSET_MINUTES, zone);
}

export function zoneOffsetMinutes(zone: string, path = 'zone'): number {
  if (!isCalendarZone(zone)) {
    throw calendarError(
      'calendar.unknown_zone',
      `Unknown or unsupported time zone ${JSON.stringify(zone)}; supported: ${Object.keys(ZONE_OFFSET_MINUTES).join(', ')}`,
      path,
    );
  }
  return ZONE_OFFSET_MINUTES[zone];
}
