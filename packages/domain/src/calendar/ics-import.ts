import type { CalendarOverride } from './business-calendar';
import { type BusinessDate, MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR, formatDayNumber, tryParseBusinessDate } from './business-date';
import { ZONE_OFFSET_MINUTES, type CalendarZone } from './calendar-zone';

export const ICS_ISSUE_CODES = [
  'ics.no_events',
  'ics.missing_dtstart',
  'ics.invalid_date',
  'ics.end_before_start',
  'ics.event_too_long',
  'ics.missing_summary',
  'ics.unterminated_event',
] as const;
export type IcsIssueCode = (typeof ICS_ISSUE_CODES)[number];

/** Same shape as the package's validation issues; `row` is the 1-based line in the file. */
export interface IcsIssue {
  readonly row: number;
  readonly path: string;
  readonly code: IcsIssueCode;
  readonly message: string;
}

export interface IcsImportResult {
  readonly overrides: readonly CalendarOverride[];
  /** Years that received at least one override; the admin decides whether they are complete. */
  readonly years: readonly number[];
  readonly issues: readonly IcsIssue[];
}

/** A holiday "event" longer than this is a data error (a DTEND typo), not a festival. */
const MAX_EVENT_DAYS = 31;

// 班 covers 补班 and 上班; official feeds (and chinese-days' own) mark make-up days this way.
const MAKEUP_MARKERS = /班|workday|working day/i;
// Trailing status markers such as 元旦(休), 春节（班）, "Labour Day(Workday)" are not part of the name.
const STATUS_SUFFIX = /\s*[(（]\s*(?:休|班|补班|假|holiday|workday|day off|working day)\s*[)）]\s*$/i;

interface RawEvent {
  readonly row: number;
  readonly props: Map<string, { params: string; value: string; row: number }>;
}

export interface IcsImportOptions {
  /** Zone used to turn UTC DATE-TIME values (…Z) into business dates. */
  readonly zone?: CalendarZone;
  /** Recorded on every override so corrections can be traced to their file. */
  readonly source?: string;
}

/**
 * Reads VEVENTs from an iCalendar holiday feed into calendar overrides. All-day events
 * (DTSTART;VALUE=DATE, DTEND exclusive as RFC 5545 says) expand to one override per day. Bad events
 * become issues and are skipped; the caller decides whether to import the rest.
 */
export function parseIcsOverrides(text: string, options: IcsImportOptions = {}): IcsImportResult {
  const offset = ZONE_OFFSET_MINUTES[options.zone ?? 'Asia/Shanghai'];
  const issues: IcsIssue[] = [];
  const overrides: CalendarOverride[] = [];
  const events = readEvents(text, issues);
  if (events.length === 0) issues.push({ row: 1, path: 'VCALENDAR', code: 'ics.no_events', message: 'No VEVENT found' });

  events.forEach((event, eventIndex) => {
    const path = `VEVENT[${eventIndex}]`;
    const dtstart = event.props.get('DTSTART');
    if (dtstart === undefined) {
      issues.push({ row: event.row, path: `${path}.DTSTART`, code: 'ics.missing_dtstart', message: 'Event has no DTSTART' });
      return;
    }
    const start = icsDate(dtstart.params, dtstart.value, offset);
    if (start === null) {
      issues.push({ row: dtstart.row, path: `${path}.DTSTART`, code: 'ics.invalid_date', message: `Bad date ${dtstart.value}` });
      return;
    }
    const dtend = event.props.get('DTEND');
    let endExclusive = start.day + 1;
    if (dtend !== undefined) {
      const end = icsDate(dtend.params, dtend.value, offset);
      if (end === null) {
        issues.push({ row: dtend.row, path: `${path}.DTEND`, code: 'ics.invalid_date', message: `Bad date ${dtend.value}` });
        return;
      }
      // All-day DTEND is exclusive; a DATE-TIME end inside a day still covers that day.
      endExclusive = end.dateOnly || end.midnight ? end.day : end.day + 1;
      if (endExclusive <= start.day) {
        issues.push({ row: dtend.row, path: `${path}.DTEND`, code: 'ics.end_before_start', message: 'DTEND is not after DTSTART' });
        return;
      }
    }
    if (endExclusive - start.day > MAX_EVENT_DAYS) {
      issues.push({
        row: event.row,
        path,
        code: 'ics.event_too_long',
        message: `Event spans ${endExclusive - start.day} days; more than ${MAX_EVENT_DAYS} is taken for a mistake`,
      });
      return;
    }
    const summary = event.props.get('SUMMARY')?.value.trim() ?? '';
    if (summary === '') {
      issues.push({ row: event.row, path: `${path}.SUMMARY`, code: 'ics.missing_summary', message: 'Event has no SUMMARY' });
      return;
    }
    const name = summary.replace(STATUS_SUFFIX, '').trim() || summary;
    const makeup = MAKEUP_MARKERS.test(summary);
    for (let day = start.day; day < endExclusive; day += 1) {
      const date: BusinessDate = formatDayNumber(day);
      const base = { date, name, ...(options.source === undefined ? {} : { source: options.source }) };
      overrides.push(makeup ? { ...base, kind: 'makeup_workday' } : { ...base, kind: 'holiday' });
    }
  });

  const years = [...new Set(overrides.map((o) => Number(o.date.slice(0, 4))))].sort((a, b) => a - b);
  return { overrides, years, issues };
}

function readEvents(text: string, issues: IcsIssue[]): RawEvent[] {
  // Unfold continuation lines (RFC 5545 §3.1) but remember where each logical line began.
  const physical = text.split(/\r\n|\n|\r/);
  const lines: { row: number; text: string }[] = [];
  physical.forEach((line, i) => {
    const last = lines[lines.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) last.text += line.slice(1);
    else lines.push({ row: i + 1, text: line });
  });

  const events: RawEvent[] = [];
  let current: RawEvent | null = null;
  for (const line of lines) {
    const upper = line.text.trim().toUpperCase();
    if (upper === 'BEGIN:VEVENT') {
      current = { row: line.row, props: new Map() };
      continue;
    }
    if (upper === 'END:VEVENT') {
      if (current !== null) events.push(current);
      current = null;
      continue;
    }
    if (current === null) continue;
    const colon = line.text.indexOf(':');
    if (colon < 0) continue;
    const head = line.text.slice(0, colon);
    const semicolon = head.indexOf(';');
    const name = (semicolon < 0 ? head : head.slice(0, semicolon)).toUpperCase();
    const params = semicolon < 0 ? '' : head.slice(semicolon + 1);
    if (!current.props.has(name)) current.props.set(name, { params, value: unescapeText(line.text.slice(colon + 1)), row: line.row });
  }
  if (current !== null) {
    issues.push({ row: current.row, path: 'VEVENT', code: 'ics.unterminated_event', message: 'BEGIN:VEVENT without END:VEVENT' });
  }
  return events;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

interface IcsDate {
  readonly day: number;
  readonly dateOnly: boolean;
  readonly midnight: boolean;
}

/**
 * DATE (20260101) or DATE-TIME (20260101T000000, …Z). Floating and TZID times are read as wall
 * time in the calendar's zone; UTC times are shifted into it so a feed exported in UTC still lands
 * on the right business date.
 */
function icsDate(params: string, value: string, offsetMinutes: number): IcsDate | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!match) return null;
  const [, y = '', m = '', d = '', hh, mm, ss, utc] = match;
  let day = tryParseBusinessDate(`${y}-${m}-${d}`);
  if (day === -Infinity) return null;
  const year = Number(y);
  if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) return null;
  if (hh === undefined) return { day, dateOnly: true, midnight: true };
  if (/VALUE=DATE(?!-)/i.test(params)) return null;
  let minuteOfDay = Number(hh) * 60 + Number(mm) + (Number(ss) > 0 ? 1 : 0);
  if (utc !== undefined) {
    minuteOfDay += offsetMinutes;
    day += Math.floor(minuteOfDay / 1440);
    minuteOfDay = ((minuteOfDay % 1440) + 1440) % 1440;
  }
  return { day, dateOnly: false, midnight: minuteOfDay === 0 };
}
