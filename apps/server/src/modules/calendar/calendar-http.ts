import { loadBusinessCalendar, type Executor } from '@patron/db';
import {
  type BusinessCalendar,
  type BusinessDate,
  DEFAULT_CALENDAR_ZONE,
  DomainError,
  ZONE_OFFSET_MINUTES,
  formatDayNumber,
  isDomainError,
} from '@patron/domain';

/**
 * Domain functions name their inputs ('from', 'n', 'acceptedOn'); clients see request paths
 * ('query.from', 'query.days', 'body.acceptedOn'). `paths` maps one to the other; a domain error
 * whose path is not listed gets `fallback`, where a trailing '.*' keeps the domain path under that
 * prefix ('body.*': 'weeklyHours.mon[0]' → 'body.weeklyHours.mon.0', the way schema errors read).
 * The code (calendar.*, sla.*, money.*) is kept.
 */
export function atRequestPaths<T>(fn: () => T, paths: Readonly<Record<string, string>>, fallback?: string): T {
  try {
    return fn();
  } catch (error) {
    throw repath(error, paths, fallback);
  }
}

export async function atRequestPathsAsync<T>(fn: () => Promise<T>, paths: Readonly<Record<string, string>>, fallback?: string): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw repath(error, paths, fallback);
  }
}

/** 'VEVENT[2].DTSTART' → 'VEVENT.2.DTSTART': request paths use dots throughout. */
export function dottedPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

function repath(error: unknown, paths: Readonly<Record<string, string>>, fallback: string | undefined): unknown {
  if (!isDomainError(error)) return error;
  const mapped = error.path !== undefined ? paths[error.path] : undefined;
  let path = mapped ?? fallback ?? error.path;
  if (mapped === undefined && fallback?.endsWith('.*')) {
    const prefix = fallback.slice(0, -2);
    path = error.path === undefined ? prefix : `${prefix}.${dottedPath(error.path)}`;
  }
  return new DomainError(error.code, error.message, { ...(path === undefined ? {} : { path }), cause: error });
}

/** The compiled calendar `code` (default CN); an unknown code is a 400 `calendar.unknown_calendar` at `path`. */
export function calendarAt(db: Executor, code: string | undefined, path: string): Promise<BusinessCalendar> {
  return atRequestPathsAsync(() => loadBusinessCalendar(db, code), { calendar: path });
}

/** Today's business date in the default zone (Asia/Shanghai): what "not in the past" is measured against. */
export function businessToday(now: Date): BusinessDate {
  const offsetMs = ZONE_OFFSET_MINUTES[DEFAULT_CALENDAR_ZONE] * 60_000;
  return formatDayNumber(Math.floor((now.getTime() + offsetMs) / 86_400_000));
}
