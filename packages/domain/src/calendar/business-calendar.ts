import { assertNever } from '../errors';
import { daysInMonth, isLeapYear } from '../validation/dates';
import {
  type BusinessDate,
  type DayNumber,
  ISO_WEEKDAYS,
  type IsoWeekdayKey,
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  dayNumberFromParts,
  isoWeekday,
  parseBusinessDate,
} from './business-date';
import { calendarError } from './calendar-error';
import { type CalendarZone, DEFAULT_CALENDAR_ZONE, zoneOffsetMinutes } from './calendar-zone';

/** 'HH:MM' local wall-clock times; `end` may be '24:00'. Half-open: [start, end). */
export interface WorkInterval {
  readonly start: string;
  readonly end: string;
}

export type WeeklyHours = Readonly<Record<IsoWeekdayKey, readonly WorkInterval[]>>;

const OFFICE_DAY: readonly WorkInterval[] = [{ start: '08:30', end: '17:30' }];

export const DEFAULT_WEEKLY_HOURS: WeeklyHours = {
  mon: OFFICE_DAY,
  tue: OFFICE_DAY,
  wed: OFFICE_DAY,
  thu: OFFICE_DAY,
  fri: OFFICE_DAY,
  sat: [],
  sun: [],
};

export const OVERRIDE_KINDS = ['holiday', 'makeup_workday', 'regular'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/**
 * A dated exception to the weekly hours. Overrides are applied in list order and the last one for
 * a date wins, so an admin correction is just one more override appended after the built-in data.
 * `regular` exists so a correction can withdraw an earlier holiday or make-up day on that date.
 */
export type CalendarOverride =
  | { readonly date: BusinessDate; readonly kind: 'holiday'; readonly name: string; readonly source?: string }
  | {
      readonly date: BusinessDate;
      readonly kind: 'makeup_workday';
      readonly name: string;
      /** Hours of this make-up day; default: that weekday's hours, else the calendar's standard day. */
      readonly hours?: readonly WorkInterval[];
      readonly source?: string;
    }
  | { readonly date: BusinessDate; readonly kind: 'regular'; readonly name?: string; readonly source?: string };

/** The calendar as stored data (database row, JSON, admin edits). `compileCalendar` indexes it. */
export interface CalendarSpec {
  readonly id: string;
  readonly version: string;
  readonly zone: string;
  readonly weeklyHours: WeeklyHours;
  /** Hours of a make-up workday falling on a day without weekly hours (the usual 调休 Saturday). */
  readonly standardDayHours: readonly WorkInterval[];
  readonly overrides: readonly CalendarOverride[];
  /**
   * Years whose holiday schedule is known to be complete. Any computation that reads a day of
   * another year reports `calendarComplete: false` rather than trusting weekends alone.
   */
  readonly publishedYears: readonly number[];
}

export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'makeup_workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

const KIND_WORKDAY = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_MAKEUP = 3;

/** Whether a `YearIndex.kinds` code is a working day (regular or make-up). */
export function isWorkingKindCode(code: number): boolean {
  return code === KIND_WORKDAY || code === KIND_MAKEUP;
}

/** Minute-of-day pairs [start0, end0, start1, end1, ...], sorted and disjoint. */
export type MinuteIntervals = Int32Array;

const NO_HOURS: MinuteIntervals = new Int32Array(0);

interface ResolvedOverride {
  readonly kind: OverrideKind;
  readonly name: string | undefined;
  readonly hours: MinuteIntervals | null;
}

/** Per-year lookup tables; built once per year on first use. */
export interface YearIndex {
  readonly year: number;
  readonly firstDay: DayNumber;
  readonly published: boolean;
  /** DAY_KINDS index per day of the year. */
  readonly kinds: Uint8Array;
  /** Working days in [firstDay, firstDay + i]. */
  readonly rankThrough: Uint16Array;
  /** Day numbers of the working days, ascending: the k-th working day of the year is workdays[k-1]. */
  readonly workdays: Int32Array;
  /** Preformatted 'YYYY-MM-DD' per day, so results cost no string building. */
  readonly dates: readonly string[];
}

/**
 * Internal indexes shared by the calendar/ modules (business hours, SLA measures). Not part of
 * the package API: the shape may change with the indexing strategy.
 */
export interface CalendarIndex {
  year(year: number): YearIndex;
  hoursOn(day: DayNumber): MinuteIntervals;
  overrideOn(day: DayNumber): ResolvedOverride | undefined;
}

export interface BusinessCalendar {
  readonly id: string;
  readonly version: string;
  readonly zone: CalendarZone;
  readonly offsetMinutes: number;
  readonly spec: CalendarSpec;
  readonly index: CalendarIndex;
}

export interface WorkdayResult {
  readonly date: BusinessDate;
  readonly calendarComplete: boolean;
}

export interface WorkdayCount {
  readonly count: number;
  readonly calendarComplete: boolean;
}

export interface DayInfo {
  readonly date: BusinessDate;
  readonly workday: boolean;
  readonly kind: DayKind;
  readonly name?: string;
  readonly calendarComplete: boolean;
}

/** Longest working-day horizon we accept: ten years is beyond any contract or SLA. */
export const MAX_WORKDAYS = 3650;

const HH_MM = /^(\d{2}):(\d{2})$/;

function parseClockTime(text: string, path: string): number {
  const match = HH_MM.exec(text);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || !(minutes >= 0 && minutes <= 1440)) {
    throw calendarError('calendar.invalid_hours', `Expected a time as HH:MM between 00:00 and 24:00, got ${JSON.stringify(text)}`, path);
  }
  return minutes;
}

function compileIntervals(intervals: readonly WorkInterval[], path: string): MinuteIntervals {
  if (!Array.isArray(intervals)) throw calendarError('calendar.invalid_hours', 'Expected a list of intervals', path);
  const out = new Int32Array(intervals.length * 2);
  let previousEnd = 0;
  intervals.forEach((interval, i) => {
    const start = parseClockTime(interval.start, `${path}[${i}].start`);
    const end = parseClockTime(interval.end, `${path}[${i}].end`);
    if (end <= start) throw calendarError('calendar.invalid_hours', `Interval ends before it starts`, `${path}[${i}]`);
    if (start < previousEnd) {
      throw calendarError('calendar.invalid_hours', 'Intervals must be sorted and must not overlap', `${path}[${i}]`);
    }
    out[i * 2] = start;
    out[i * 2 + 1] = end;
    previousEnd = end;
  });
  return out;
}

function checkYear(year: number, path: string): void {
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw calendarError(
      'calendar.date_out_of_range',
      `Year ${year} is outside the supported range ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`,
      path,
    );
  }
}

function resolveOverride(override: CalendarOverride, path: string): ResolvedOverride {
  const kind = override.kind;
  switch (kind) {
    case 'holiday':
      return { kind, name: override.name, hours: null };
    case 'makeup_workday':
      return {
        kind,
        name: override.name,
        hours: override.hours === undefined ? null : compileIntervals(override.hours, `${path}.hours`),
      };
    case 'regular':
      return { kind, name: override.name, hours: null };
    default:
      return assertNever(kind, 'override kind');
  }
}

/** Validates a spec and builds its lookup structure. Pure: the same spec always gives the same answers. */
export function compileCalendar(spec: CalendarSpec): BusinessCalendar {
  const offsetMinutes = zoneOffsetMinutes(spec.zone);
  const zone = spec.zone as CalendarZone;

  const weekly: MinuteIntervals[] = [NO_HOURS];
  let anyWorkingWeekday = false;
  for (const key of ISO_WEEKDAYS) {
    const intervals = compileIntervals(spec.weeklyHours[key] ?? [], `weeklyHours.${key}`);
    if (intervals.length > 0) anyWorkingWeekday = true;
    weekly.push(intervals);
  }
  // Without one working weekday "the next working day" may not exist and searches never end.
  if (!anyWorkingWeekday) throw calendarError('calendar.invalid_hours', 'At least one weekday needs working hours', 'weeklyHours');
  const standardDay = compileIntervals(spec.standardDayHours, 'standardDayHours');
  if (standardDay.length === 0) {
    throw calendarError('calendar.invalid_hours', 'Make-up workdays need standard hours', 'standardDayHours');
  }

  const overrides = new Map<DayNumber, ResolvedOverride>();
  spec.overrides.forEach((override, i) => {
    const path = `overrides[${i}]`;
    const day = parseBusinessDate(override.date, `${path}.date`);
    checkYear(Number(override.date.slice(0, 4)), `${path}.date`);
    if (!(OVERRIDE_KINDS as readonly string[]).includes(override.kind)) {
      throw calendarError('calendar.invalid_override', `Unknown override kind ${JSON.stringify(override.kind)}`, `${path}.kind`);
    }
    if (override.kind !== 'regular' && (typeof override.name !== 'string' || override.name.trim() === '')) {
      throw calendarError('calendar.invalid_override', 'Holidays and make-up workdays need a name', `${path}.name`);
    }
    overrides.set(day, resolveOverride(override, path));
  });

  const published = new Set<number>();
  spec.publishedYears.forEach((year, i) => {
    checkYear(year, `publishedYears[${i}]`);
    published.add(year);
  });

  // Pre-sized so the engine keeps a packed array rather than a sparse one starting at slot 126.
  const years: (YearIndex | undefined)[] = Array.from({ length: MAX_CALENDAR_YEAR - MIN_CALENDAR_YEAR + 1 }, () => undefined);

  const kindOf = (day: DayNumber): number => {
    const override = overrides.get(day);
    const weekdayHours = weekly[isoWeekday(day)] ?? NO_HOURS;
    if (override !== undefined) {
      if (override.kind === 'holiday') return KIND_HOLIDAY;
      if (override.kind === 'makeup_workday') return KIND_MAKEUP;
    }
    return weekdayHours.length > 0 ? KIND_WORKDAY : KIND_WEEKEND;
  };

  const buildYear = (year: number): YearIndex => {
    const firstDay = dayNumberFromParts(year, 1, 1);
    const length = isLeapYear(year) ? 366 : 365;
    const kinds = new Uint8Array(length);
    const rankThrough = new Uint16Array(length);
    const workdayList: number[] = [];
    const dates: string[] = [];
    const yearText = String(year).padStart(4, '0');
    let i = 0;
    for (let month = 1; month <= 12; month += 1) {
      const monthText = month < 10 ? `0${month}` : String(month);
      const monthDays = daysInMonth(year, month);
      for (let day = 1; day <= monthDays; day += 1) {
        const dayNumber = firstDay + i;
        const kind = kindOf(dayNumber);
        kinds[i] = kind;
        if (kind === KIND_WORKDAY || kind === KIND_MAKEUP) workdayList.push(dayNumber);
        rankThrough[i] = workdayList.length;
        dates.push(`${yearText}-${monthText}-${day < 10 ? `0${day}` : String(day)}`);
        i += 1;
      }
    }
    return {
      year,
      firstDay,
      published: published.has(year),
      kinds,
      rankThrough,
      workdays: Int32Array.from(workdayList),
      dates,
    };
  };

  const index: CalendarIndex = {
    year(year: number): YearIndex {
      // Memoised per year: the calendar stays a pure function of its spec, the cache only saves work.
      const slot = year - MIN_CALENDAR_YEAR;
      const cached = years[slot];
      if (cached !== undefined) return cached;
      checkYear(year, 'date');
      const built = buildYear(year);
      years[slot] = built;
      return built;
    },
    hoursOn(day: DayNumber): MinuteIntervals {
      const override = overrides.get(day);
      const weekdayHours = weekly[isoWeekday(day)] ?? NO_HOURS;
      if (override === undefined || override.kind === 'regular') return weekdayHours;
      if (override.kind === 'holiday') return NO_HOURS;
      if (override.hours !== null) return override.hours;
      return weekdayHours.length > 0 ? weekdayHours : standardDay;
    },
    overrideOn(day: DayNumber): ResolvedOverride | undefined {
      return overrides.get(day);
    },
  };

  return Object.freeze({ id: spec.id, version: spec.version, zone, offsetMinutes, spec, index });
}

/** Year of a date string already validated by `tryParseBusinessDate`. */
function yearOfText(text: string): number {
  return (
    (text.charCodeAt(0) - 48) * 1000 + (text.charCodeAt(1) - 48) * 100 + (text.charCodeAt(2) - 48) * 10 + (text.charCodeAt(3) - 48)
  );
}

const parseDateArg = parseBusinessDate;

function checkWorkdays(n: number, path: string): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) {
    throw calendarError('calendar.days_out_of_range', `Working days must be an integer from 0 to ${MAX_WORKDAYS}, got ${n}`, path);
  }
}

/** Mutable flag threaded through internal walks so they allocate nothing per step. */
export interface CompletenessTracker {
  complete: boolean;
  /** Year index of the last day an internal walk landed on (saves a second lookup). */
  last?: YearIndex;
}

/** Day number of the n-th working day strictly after `day` (n ≥ 1). Internal, no validation. */
export function nthWorkdayAfter(cal: BusinessCalendar, day: DayNumber, year: number, n: number, track: CompletenessTracker): DayNumber {
  let yi = cal.index.year(year);
  if (!yi.published) track.complete = false;
  let target = (yi.rankThrough[day - yi.firstDay] ?? 0) + n;
  while (target > yi.workdays.length) {
    target -= yi.workdays.length;
    yi = cal.index.year(yi.year + 1);
    if (!yi.published) track.complete = false;
  }
  track.last = yi;
  return yi.workdays[target - 1] ?? 0;
}

/** Working days in (from, to] by day number; 0 when to ≤ from. Internal, no validation. */
export function workdaysBetween(
  cal: BusinessCalendar,
  from: DayNumber,
  fromYear: number,
  to: DayNumber,
  toYear: number,
  track: CompletenessTracker,
): number {
  if (to <= from) return 0;
  const first = cal.index.year(fromYear);
  if (!first.published) track.complete = false;
  const fromRank = first.rankThrough[from - first.firstDay] ?? 0;
  if (fromYear === toYear) return (first.rankThrough[to - first.firstDay] ?? 0) - fromRank;
  let count = first.workdays.length - fromRank;
  for (let year = fromYear + 1; year < toYear; year += 1) {
    const yi = cal.index.year(year);
    if (!yi.published) track.complete = false;
    count += yi.workdays.length;
  }
  const last = cal.index.year(toYear);
  if (!last.published) track.complete = false;
  return count + (last.rankThrough[to - last.firstDay] ?? 0);
}

/**
 * The n-th working day strictly after `from`; n = 0 returns `from` itself, even when `from` is
 * not a working day, because "0 working days later" must not move a date.
 */
export function addWorkdays(cal: BusinessCalendar, from: BusinessDate, n: number): WorkdayResult {
  const day = parseDateArg(from, 'from');
  checkWorkdays(n, 'n');
  const year = yearOfText(from);
  if (n === 0) return { date: from, calendarComplete: cal.index.year(year).published };
  const track: CompletenessTracker = { complete: true };
  const result = nthWorkdayAfter(cal, day, year, n, track);
  const yi = track.last ?? cal.index.year(year);
  return { date: yi.dates[result - yi.firstDay] ?? '', calendarComplete: track.complete };
}

/** Working days in the half-open range (from, to]; 0 when `to` is not after `from`. */
export function countWorkdays(cal: BusinessCalendar, from: BusinessDate, to: BusinessDate): WorkdayCount {
  const fromDay = parseDateArg(from, 'from');
  const toDay = parseDateArg(to, 'to');
  if (toDay <= fromDay) return { count: 0, calendarComplete: true };
  const track: CompletenessTracker = { complete: true };
  const count = workdaysBetween(cal, fromDay, yearOfText(from), toDay, yearOfText(to), track);
  return { count, calendarComplete: track.complete };
}

export function dayInfo(cal: BusinessCalendar, date: BusinessDate): DayInfo {
  const day = parseDateArg(date, 'date');
  const yi = cal.index.year(yearOfText(date));
  const kind = DAY_KINDS[yi.kinds[day - yi.firstDay] ?? KIND_WEEKEND] ?? 'weekend';
  const override = cal.index.overrideOn(day);
  const base = { date, workday: kind === 'workday' || kind === 'makeup_workday', kind, calendarComplete: yi.published };
  return (kind === 'holiday' || kind === 'makeup_workday') && override?.name !== undefined ? { ...base, name: override.name } : base;
}

export function isWorkday(cal: BusinessCalendar, date: BusinessDate): boolean {
  return dayInfo(cal, date).workday;
}

export interface CalendarYearOverview {
  readonly year: number;
  readonly published: boolean;
  readonly workdayCount: number;
  /** Holidays and make-up workdays in date order, as they apply after all overrides. */
  readonly specialDays: readonly DayInfo[];
}

/** What the admin screen and `patron calendar show` list for one year. */
export function calendarYearOverview(cal: BusinessCalendar, year: number): CalendarYearOverview {
  checkYear(year, 'year');
  const yi = cal.index.year(year);
  const specialDays: DayInfo[] = [];
  yi.kinds.forEach((kind, i) => {
    if (kind === KIND_HOLIDAY || kind === KIND_MAKEUP) specialDays.push(dayInfo(cal, yi.dates[i] ?? ''));
  });
  return { year, published: yi.published, workdayCount: yi.workdays.length, specialDays };
}

export interface CalendarSpecInput {
  readonly id?: string;
  readonly version?: string;
  readonly zone?: string;
  readonly weeklyHours?: WeeklyHours;
  readonly standardDayHours?: readonly WorkInterval[];
  readonly overrides?: readonly CalendarOverride[];
  readonly publishedYears?: readonly number[];
}

/** A spec with the defaults filled in: Asia/Shanghai, Mon–Fri 08:30–17:30, no overrides. */
export function calendarSpec(input: CalendarSpecInput = {}): CalendarSpec {
  return {
    id: input.id ?? 'custom',
    version: input.version ?? '1',
    zone: input.zone ?? DEFAULT_CALENDAR_ZONE,
    weeklyHours: input.weeklyHours ?? DEFAULT_WEEKLY_HOURS,
    standardDayHours: input.standardDayHours ?? OFFICE_DAY,
    overrides: input.overrides ?? [],
    publishedYears: input.publishedYears ?? [],
  };
}

/**
 * Appends admin corrections or an imported year. Overrides go last so they win over what the
 * spec already had; `publishYears` marks years whose schedule is now complete.
 */
export function withOverrides(
  spec: CalendarSpec,
  overrides: readonly CalendarOverride[],
  options: { readonly publishYears?: readonly number[]; readonly version?: string } = {},
): CalendarSpec {
  const years = new Set([...spec.publishedYears, ...(options.publishYears ?? [])]);
  return {
    ...spec,
    version: options.version ?? spec.version,
    overrides: [...spec.overrides, ...overrides],
    publishedYears: [...years].sort((a, b) => a - b),
  };
}
