import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { DEFAULT_WEEKLY_HOURS, addWorkdays, calendarSpec, compileCalendar } from './business-calendar';
import {
  type TimeMeasure,
  addMeasuredMinutes,
  addWorkingMinutes,
  businessDateOf,
  measuredMinutesBetween,
  startOfBusinessDate,
  workingMinutesBetween,
} from './business-hours';
import { chinaMainlandCalendar } from './china-mainland.calendar';

const cal = chinaMainlandCalendar();
const at = (local: string) => new Date(`${local}+08:00`);
const local = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
  return undefined;
}

describe('addWorkingMinutes (Mon–Fri 08:30–17:30, Asia/Shanghai)', () => {
  it.each<[string, number, string, string]>([
    ['2026-03-09T10:00', 60, '2026-03-09T11:00', 'inside one day'],
    ['2026-03-09T08:30', 540, '2026-03-09T17:30', 'landing on closing time stays on that day'],
    ['2026-03-09T08:30', 541, '2026-03-10T08:31', 'one more minute rolls to the next opening'],
    ['2026-03-06T16:30', 120, '2026-03-09T09:30', 'Friday afternoon over the weekend'],
    ['2026-03-09T07:00', 30, '2026-03-09T09:00', 'before opening starts at opening'],
    ['2026-03-09T20:00', 30, '2026-03-10T09:00', 'after closing starts next morning'],
    ['2026-03-09T20:00', 0, '2026-03-09T20:00', 'zero minutes does not move'],
    ['2026-02-13T17:00', 60, '2026-02-14T09:00', 'into the make-up Saturday (standard hours)'],
    ['2026-02-14T17:00', 60, '2026-02-24T09:00', 'over the whole Spring Festival'],
    ['2026-10-01T10:00', 30, '2026-10-08T09:00', 'starting inside National Day'],
    ['2025-09-30T17:00', 540, '2025-10-09T17:00', 'National Day + Mid-Autumn 2025'],
    ['2026-03-09T10:00', 5 * 540, '2026-03-16T10:00', 'a business week'],
  ])('%s + %i min = %s (%s)', (from, minutes, expected) => {
    const result = addWorkingMinutes(cal, at(from), minutes);
    expect(local(result.instant)).toBe(expected);
    expect(result.calendarComplete).toBe(true);
  });

  it('keeps seconds of the start instant', () => {
    expect(addWorkingMinutes(cal, at('2026-03-09T10:00:30'), 1).instant.toISOString()).toBe('2026-03-09T02:01:30.000Z');
  });

  it('reports an unpublished year it walked into', () => {
    const result = addWorkingMinutes(cal, at('2026-12-31T17:00'), 60);
    expect(local(result.instant)).toBe('2027-01-01T09:00');
    expect(result.calendarComplete).toBe(false);
  });

  it('honours a lunch break', () => {
    const lunch = compileCalendar(
      calendarSpec({
        weeklyHours: { ...DEFAULT_WEEKLY_HOURS, mon: [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }] },
        publishedYears: [2026],
      }),
    );
    expect(local(addWorkingMinutes(lunch, at('2026-03-09T11:30'), 60).instant)).toBe('2026-03-09T14:00');
    expect(workingMinutesBetween(lunch, at('2026-03-09T11:30'), at('2026-03-09T14:00')).minutes).toBe(60);
  });

  it('a make-up day with its own hours uses them', () => {
    const special = compileCalendar(
      calendarSpec({
        overrides: [{ date: '2026-03-07', kind: 'makeup_workday', name: 'x', hours: [{ start: '13:00', end: '15:00' }] }],
        publishedYears: [2026],
      }),
    );
    expect(local(addWorkingMinutes(special, at('2026-03-06T17:00'), 60).instant)).toBe('2026-03-07T13:30');
  });

  it('a UTC calendar works in UTC', () => {
    const utc = compileCalendar(calendarSpec({ zone: 'UTC', publishedYears: [2026] }));
    expect(addWorkingMinutes(utc, new Date('2026-03-06T17:00:00Z'), 60).instant.toISOString()).toBe('2026-03-09T09:00:00.000Z');
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['2026-03-06T16:30', '2026-03-09T09:30', 120],
    ['2026-03-09T08:30', '2026-03-09T17:30', 540],
    ['2026-03-09T00:00', '2026-03-14T00:00', 2700],
    ['2026-02-13T00:00', '2026-02-25T00:00', 540 * 3], // Fri 13, make-up Sat 14, Tue 24
    ['2026-03-09T12:00', '2026-03-09T11:00', 0],
    ['2026-03-09T12:00', '2026-03-09T12:00', 0],
  ] as const)('[%s, %s) = %i min', (from, to, minutes) => {
    expect(workingMinutesBetween(cal, at(from), at(to))).toEqual({ minutes, calendarComplete: true });
  });

  it('drops seconds', () => {
    expect(workingMinutesBetween(cal, at('2026-03-09T10:00:00'), at('2026-03-09T10:01:59')).minutes).toBe(1);
  });

  it('inverts addWorkingMinutes', () => {
    for (const minutes of [1, 59, 540, 541, 3000, 20000]) {
      const from = at('2026-01-29T13:17');
      expect(workingMinutesBetween(cal, from, addWorkingMinutes(cal, from, minutes).instant).minutes).toBe(minutes);
    }
  });
});

describe('measures: clock vs business hours vs working days', () => {
  const from = at('2026-02-13T16:00');
  it.each<[TimeMeasure, number, string]>([
    ['clock', 240, '2026-02-13T20:00'],
    ['business_hours', 240, '2026-02-14T11:00'],
    // Working days count whole working dates: the rest of Fri, then Sat 14 (make-up), then Feb 24.
    ['working_days', 480 + 1440 + 60, '2026-02-24T01:00'],
  ])('%s + %i min from Fri 16:00 before Spring Festival = %s', (measure, minutes, expected) => {
    expect(local(addMeasuredMinutes(cal, measure, from, minutes).instant)).toBe(expected);
  });

  it('N working days of time from midnight end at midnight closing addWorkdays(N)', () => {
    for (const [date, n] of [['2026-02-13', 2], ['2025-09-30', 1], ['2024-02-08', 3], ['2026-01-01', 3]] as const) {
      const end = addMeasuredMinutes(cal, 'working_days', startOfBusinessDate(cal, date), 0).instant;
      const deadline = addMeasuredMinutes(cal, 'working_days', new Date(end.getTime() + 86_400_000), n * 1440).instant;
      expect(businessDateOf(cal, new Date(deadline.getTime() - 1))).toBe(addWorkdays(cal, date, n).date);
    }
  });

  it('working-day measure over a long span uses the rank tables and matches the walk', () => {
    const a = at('2025-06-03T15:00');
    const b = at('2026-02-27T09:00');
    const minutes = measuredMinutesBetween(cal, 'working_days', a, b).minutes;
    expect(local(addMeasuredMinutes(cal, 'working_days', a, minutes).instant)).toBe('2026-02-27T09:00');
    expect(minutes).toBe(540 + 1440 * (addWorkdaysCount() - 1) + 540);
    function addWorkdaysCount() {
      let n = 0;
      while (addWorkdays(cal, '2025-06-03', n).date !== '2026-02-27') n += 1;
      return n;
    }
  });
});

describe('business dates and instants', () => {
  it.each([
    ['2026-03-08T23:59:59+08:00', '2026-03-08'],
    ['2026-03-08T16:00:00Z', '2026-03-09'],
    ['2026-03-08T15:59:59Z', '2026-03-08'],
  ])('%s is business date %s in Shanghai', (iso, date) => {
    expect(businessDateOf(cal, new Date(iso))).toBe(date);
  });

  it('startOfBusinessDate is local midnight', () => {
    expect(startOfBusinessDate(cal, '2026-03-09').toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });
});

describe('validation', () => {
  it.each([
    ['bad instant', () => addWorkingMinutes(cal, new Date('nope'), 1), 'calendar.invalid_instant'],
    ['negative minutes', () => addWorkingMinutes(cal, at('2026-03-09T10:00'), -1), 'calendar.minutes_out_of_range'],
    ['fractional minutes', () => addWorkingMinutes(cal, at('2026-03-09T10:00'), 0.5), 'calendar.minutes_out_of_range'],
    ['over ten years', () => addWorkingMinutes(cal, at('2026-03-09T10:00'), 3650 * 1440 + 1), 'calendar.minutes_out_of_range'],
    ['bad end', () => workingMinutesBetween(cal, at('2026-03-09T10:00'), new Date(Number.NaN)), 'calendar.invalid_instant'],
  ] as const)('%s → %s', (_, fn, code) => {
    expect(codeOf(fn)).toBe(code);
  });
});
