import { assertNever } from '../errors';
import {
  type BusinessCalendar,
  type CompletenessTracker,
  MAX_WORKDAYS,
  type MinuteIntervals,
  type YearIndex,
  isWorkingKindCode,
  nthWorkdayAfter,
  workdaysBetween,
} from './business-calendar';
import { type BusinessDate, type DayNumber, formatDayNumber, parseBusinessDate, partsFromDayNumber } from './business-date';
import { calendarError } from './calendar-error';

/**
 * How time is counted against a budget:
 * - `clock`: every minute (the "≤ 4 h" limits of the star table, read as clock hours);
 * - `business_hours`: minutes inside the calendar's working intervals;
 * - `working_days`: every minute of a working date (1,440 per working day), so a budget of N
 *   working days ends at midnight closing the N-th working day, matching `addWorkdays`.
 */
export const TIME_MEASURES = ['clock', 'business_hours', 'working_days'] as const;
export type TimeMeasure = (typeof TIME_MEASURES)[number];

export const MINUTE_MS = 60_000;
export const DAY_MINUTES = 1440;
export const DAY_MS = DAY_MINUTES * MINUTE_MS;
/** Ten years of minutes: the same horizon as MAX_WORKDAYS. */
export const MAX_MINUTES = MAX_WORKDAYS * DAY_MINUTES;

const FULL_DAY: MinuteIntervals = Int32Array.of(0, DAY_MINUTES);
const NO_TIME: MinuteIntervals = new Int32Array(0);

export interface InstantResult {
  readonly instant: Date;
  readonly calendarComplete: boolean;
}

export interface MinutesResult {
  readonly minutes: number;
  readonly calendarComplete: boolean;
}

export function checkInstant(value: Date, path: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) throw calendarError('calendar.invalid_instant', 'Expected a valid Date', path);
  return ms;
}

function checkMinutes(minutes: number, path: string): void {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MINUTES) {
    throw calendarError('calendar.minutes_out_of_range', `Minutes must be an integer from 0 to ${MAX_MINUTES}, got ${minutes}`, path);
  }
}

/** Local business date of an instant in the calendar's zone. */
export function businessDateOf(cal: BusinessCalendar, instant: Date): BusinessDate {
  const ms = checkInstant(instant, 'instant');
  return formatDayNumber(Math.floor((ms + cal.offsetMinutes * MINUTE_MS) / DAY_MS));
}

/** The instant a business date begins (local 00:00) in the calendar's zone. */
export function startOfBusinessDate(cal: BusinessCalendar, date: BusinessDate): Date {
  return new Date(parseBusinessDate(date) * DAY_MS - cal.offsetMinutes * MINUTE_MS);
}

/** Walks local days in order, rolling the year index and noting unpublished years. */
class DayCursor {
  private yi: YearIndex;

  constructor(
    private readonly cal: BusinessCalendar,
    day: DayNumber,
    private readonly track: CompletenessTracker,
  ) {
    this.yi = cal.index.year(partsFromDayNumber(day).year);
    if (!this.yi.published) track.complete = false;
  }

  windows(measure: TimeMeasure, day: DayNumber): MinuteIntervals {
    while (day >= this.yi.firstDay + this.yi.kinds.length) {
      this.yi = this.cal.index.year(this.yi.year + 1);
      if (!this.yi.published) this.track.complete = false;
    }
    switch (measure) {
      case 'clock':
        return FULL_DAY;
      case 'working_days':
        return isWorkingKindCode(this.yi.kinds[day - this.yi.firstDay] ?? 1) ? FULL_DAY : NO_TIME;
      case 'business_hours':
        return this.cal.index.hoursOn(day);
      default:
        return assertNever(measure, 'time measure');
    }
  }
}

function sumWindows(w: MinuteIntervals, base: number, from: number, to: number): number {
  let total = 0;
  for (let i = 0; i < w.length; i += 2) {
    const a = Math.max(base + (w[i] ?? 0) * MINUTE_MS, from);
    const b = Math.min(base + (w[i + 1] ?? 0) * MINUTE_MS, to);
    if (b > a) total += b - a;
  }
  return total;
}

/**
 * Measured milliseconds in [fromMs, toMs). Internal building block of the SLA clock; works in
 * milliseconds so that summing many pause segments does not accumulate minute rounding.
 */
export function measureMs(cal: BusinessCalendar, measure: TimeMeasure, fromMs: number, toMs: number, track: CompletenessTracker): number {
  if (toMs <= fromMs) return 0;
  if (measure === 'clock') return toMs - fromMs;
  const offset = cal.offsetMinutes * MINUTE_MS;
  const localFrom = fromMs + offset;
  const localTo = toMs + offset;
  const firstDay = Math.floor(localFrom / DAY_MS);
  const lastDay = Math.floor((localTo - 1) / DAY_MS);
  const cursor = new DayCursor(cal, firstDay, track);

  if (measure === 'working_days' && lastDay - firstDay > 2) {
    // Whole days in the middle come from the rank tables instead of a day-by-day walk.
    const head = sumWindows(cursor.windows(measure, firstDay), firstDay * DAY_MS, localFrom, localTo);
    const tail = sumWindows(cursor.windows(measure, lastDay), lastDay * DAY_MS, localFrom, localTo);
    const firstYear = partsFromDayNumber(firstDay).year;
    const middle = workdaysBetween(cal, firstDay, firstYear, lastDay - 1, partsFromDayNumber(lastDay - 1).year, track);
    return head + middle * DAY_MS + tail;
  }

  let total = 0;
  for (let day = firstDay; day <= lastDay; day += 1) {
    total += sumWindows(cursor.windows(measure, day), day * DAY_MS, localFrom, localTo);
  }
  return total;
}

/**
 * The earliest instant at which `amountMs` of measured time has passed since `fromMs`. Landing
 * exactly on the end of a working interval returns that end (17:30), not the next opening.
 */
export function advanceMs(cal: BusinessCalendar, measure: TimeMeasure, fromMs: number, amountMs: number, track: CompletenessTracker): number {
  if (amountMs <= 0) return fromMs;
  if (measure === 'clock') return fromMs + amountMs;
  const offset = cal.offsetMinutes * MINUTE_MS;
  const localFrom = fromMs + offset;
  const firstDay = Math.floor(localFrom / DAY_MS);
  const cursor = new DayCursor(cal, firstDay, track);
  let remaining = amountMs;

  for (let day = firstDay; ; day += 1) {
    if (measure === 'working_days' && day > firstDay) {
      // After the partial first day every working day is worth exactly DAY_MS: jump via the index.
      const whole = Math.floor(remaining / DAY_MS);
      const rest = remaining - whole * DAY_MS;
      const year = partsFromDayNumber(firstDay).year;
      if (rest === 0) return (nthWorkdayAfter(cal, firstDay, year, whole, track) + 1) * DAY_MS - offset;
      return nthWorkdayAfter(cal, firstDay, year, whole + 1, track) * DAY_MS + rest - offset;
    }
    const w = cursor.windows(measure, day);
    const base = day * DAY_MS;
    for (let i = 0; i < w.length; i += 2) {
      const start = Math.max(base + (w[i] ?? 0) * MINUTE_MS, localFrom);
      const end = base + (w[i + 1] ?? 0) * MINUTE_MS;
      if (end <= start) continue;
      if (end - start >= remaining) return start + remaining - offset;
      remaining -= end - start;
    }
  }
}

/** `from` plus N working minutes, counted only inside the calendar's working hours. */
export function addWorkingMinutes(cal: BusinessCalendar, from: Date, minutes: number): InstantResult {
  const fromMs = checkInstant(from, 'from');
  checkMinutes(minutes, 'minutes');
  const track: CompletenessTracker = { complete: true };
  const ms = advanceMs(cal, 'business_hours', fromMs, minutes * MINUTE_MS, track);
  return { instant: new Date(ms), calendarComplete: track.complete };
}

/** Whole working minutes in [from, to) (seconds are dropped); 0 when `to` is not after `from`. */
export function workingMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): MinutesResult {
  const fromMs = checkInstant(from, 'from');
  const toMs = checkInstant(to, 'to');
  const track: CompletenessTracker = { complete: true };
  const ms = measureMs(cal, 'business_hours', fromMs, toMs, track);
  return { minutes: Math.floor(ms / MINUTE_MS), calendarComplete: track.complete };
}

/** Generic form used by budgets: N minutes of the given measure after `from`. */
export function addMeasuredMinutes(cal: BusinessCalendar, measure: TimeMeasure, from: Date, minutes: number): InstantResult {
  const fromMs = checkInstant(from, 'from');
  checkMinutes(minutes, 'minutes');
  const track: CompletenessTracker = { complete: true };
  const ms = advanceMs(cal, measure, fromMs, minutes * MINUTE_MS, track);
  return { instant: new Date(ms), calendarComplete: track.complete };
}

export function measuredMinutesBetween(cal: BusinessCalendar, measure: TimeMeasure, from: Date, to: Date): MinutesResult {
  const fromMs = checkInstant(from, 'from');
  const toMs = checkInstant(to, 'to');
  const track: CompletenessTracker = { complete: true };
  const ms = measureMs(cal, measure, fromMs, toMs, track);
  return { minutes: Math.floor(ms / MINUTE_MS), calendarComplete: track.complete };
}
