import { isWorkday as oracleIsWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  type CalendarSpec,
  DEFAULT_WEEKLY_HOURS,
  addWorkdays,
  calendarSpec,
  calendarYearOverview,
  compileCalendar,
  countWorkdays,
  dayInfo,
  isWorkday,
  withOverrides,
} from './business-calendar';
import { formatDayNumber, parseBusinessDate } from './business-date';
import { builtInPublishedYears, chinaMainlandCalendar, chinaMainlandCalendarSpec } from './china-mainland.calendar';

const cal = chinaMainlandCalendar();

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
}

describe('addWorkdays over the mainland China calendar', () => {
  it.each<[string, number, string, string]>([
    // from, n, expected, why
    ['2026-01-01', 3, '2026-01-06', 'New Year 2026: Jan 1–3 off, Sun Jan 4 is a make-up day'],
    ['2026-01-01', 1, '2026-01-04', 'the make-up Sunday is the first working day'],
    ['2025-12-31', 1, '2026-01-04', 'across the year boundary into a holiday run'],
    ['2026-02-13', 1, '2026-02-14', 'Spring Festival 2026: Sat Feb 14 is worked'],
    ['2026-02-13', 2, '2026-02-24', 'Feb 15–23 off'],
    ['2026-02-27', 1, '2026-02-28', 'Sat Feb 28 is worked'],
    ['2026-02-28', 1, '2026-03-02', 'then back to Mon'],
    ['2026-09-30', 1, '2026-10-08', 'National Day 2026: Oct 1–7 off'],
    ['2026-10-09', 1, '2026-10-10', 'Sat Oct 10 is worked'],
    ['2025-01-27', 1, '2025-02-05', 'Spring Festival 2025: Jan 28–Feb 4 off'],
    ['2025-01-24', 1, '2025-01-26', 'Sun Jan 26 2025 is worked'],
    ['2025-09-26', 1, '2025-09-28', 'Sun Sep 28 2025 is worked'],
    ['2025-09-30', 1, '2025-10-09', 'National Day + Mid-Autumn 2025: Oct 1–8 off'],
    ['2024-02-08', 1, '2024-02-09', 'Fri Feb 9 2024 (New Year’s Eve) was a working day'],
    ['2024-02-08', 2, '2024-02-18', 'Feb 10–17 off, Sun Feb 18 worked'],
    ['2024-02-08', 3, '2024-02-19', ''],
    ['2024-09-27', 1, '2024-09-29', 'Sun Sep 29 2024 worked'],
    ['2024-09-30', 1, '2024-10-08', 'Oct 1–7 2024 off'],
    ['2024-10-11', 1, '2024-10-12', 'Sat Oct 12 2024 worked'],
    ['2020-01-23', 1, '2020-02-03', 'the extended Spring Festival of 2020 (to Feb 2)'],
    ['2026-02-16', 0, '2026-02-16', 'n = 0 returns from itself, even on a holiday'],
    ['2026-03-06', 5, '2026-03-13', 'an ordinary week'],
  ])('%s + %i working days = %s (%s)', (from, n, expected) => {
    expect(addWorkdays(cal, from, n)).toEqual({ date: expected, calendarComplete: true });
  });

  it.each([
    ['2026-12-30', 1, '2026-12-31', true],
    ['2026-12-30', 3, '2027-01-04', false],
    ['2027-03-01', 5, '2027-03-08', false],
    ['2030-10-01', 0, '2030-10-01', false],
    ['2003-12-31', 1, '2004-01-02', false],
  ] as const)('%s + %i reaching a year without data → %s, calendarComplete %s', (from, n, expected, complete) => {
    expect(addWorkdays(cal, from, n)).toEqual({ date: expected, calendarComplete: complete });
  });

  it('works for the full 3,650-day horizon', () => {
    const result = addWorkdays(cal, '2016-01-01', 3650);
    expect(countWorkdays(cal, '2016-01-01', result.date).count).toBe(3650);
    expect(result.calendarComplete).toBe(false);
  });
});

describe('countWorkdays counts the half-open range (from, to]', () => {
  it.each([
    ['2026-01-01', '2026-01-06', 3, true],
    ['2026-02-13', '2026-02-24', 2, true],
    ['2026-02-13', '2026-02-23', 1, true],
    ['2026-01-06', '2026-01-06', 0, true],
    ['2026-01-06', '2026-01-01', 0, true],
    ['2023-12-31', '2024-12-31', 251, true],
    ['2024-12-31', '2025-12-31', 248, true],
    ['2025-12-31', '2026-12-31', 248, true],
    ['2026-12-31', '2027-01-04', 2, false],
  ] as const)('(%s, %s] has %i working days, complete %s', (from, to, count, complete) => {
    expect(countWorkdays(cal, from, to)).toEqual({ count, calendarComplete: complete });
  });

  it('inverts addWorkdays', () => {
    for (const [from, n] of [['2024-02-08', 17], ['2025-09-01', 60], ['2019-12-20', 300]] as const) {
      expect(countWorkdays(cal, from, addWorkdays(cal, from, n).date).count).toBe(n);
    }
  });
});

describe('dayInfo', () => {
  it.each([
    ['2026-02-14', { workday: true, kind: 'makeup_workday', name: '春节' }],
    ['2026-02-17', { workday: false, kind: 'holiday', name: '春节' }],
    ['2026-02-21', { workday: false, kind: 'holiday', name: '春节' }],
    ['2026-03-07', { workday: false, kind: 'weekend' }],
    ['2026-03-09', { workday: true, kind: 'workday' }],
    ['2025-10-06', { workday: false, kind: 'holiday', name: '中秋' }],
    ['2025-10-08', { workday: false, kind: 'holiday', name: '国庆节' }],
    ['2024-02-09', { workday: true, kind: 'workday' }],
  ] as const)('%s', (date, expected) => {
    expect(dayInfo(cal, date)).toEqual({ date, calendarComplete: true, ...expected });
  });

  it('says when it only knows weekends', () => {
    expect(dayInfo(cal, '2027-02-06')).toEqual({ date: '2027-02-06', workday: false, kind: 'weekend', calendarComplete: false });
    expect(dayInfo(cal, '2027-02-08')).toMatchObject({ workday: true, calendarComplete: false });
  });

  it('agrees with isWorkday', () => {
    expect(isWorkday(cal, '2026-02-28')).toBe(true);
    expect(isWorkday(cal, '2026-02-20')).toBe(false);
  });
});

describe('agreement with chinese-days’ own isWorkday, 2004–2026', () => {
  // Deterministic LCG: the same 2,000 cases every run.
  let seed = 20260101;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const first = parseBusinessDate('2004-01-01');
  const last = parseBusinessDate('2026-10-31');

  it('every day of every built-in year has the same working/non-working status', () => {
    const mismatches: string[] = [];
    for (let day = first; day <= parseBusinessDate('2026-12-31'); day += 1) {
      const date = formatDayNumber(day);
      if (dayInfo(cal, date).workday !== oracleIsWorkday(date)) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
  });

  it('addWorkdays matches a naive day-by-day walk', () => {
    for (let i = 0; i < 2000; i += 1) {
      const from = first + Math.floor(random() * (last - first));
      const n = Math.floor(random() * 40);
      let day = from;
      for (let k = 0; k < n; k += 1) {
        day += 1;
        while (!oracleIsWorkday(formatDayNumber(day))) day += 1;
      }
      expect(addWorkdays(cal, formatDayNumber(from), n).date).toBe(formatDayNumber(day));
    }
  });
});

describe('input validation', () => {
  it.each([
    ['2026-02-30', 1, 'calendar.invalid_date'],
    ['2025-02-29', 1, 'calendar.invalid_date'],
    ['2026-2-3', 1, 'calendar.invalid_date'],
    ['2026-13-01', 1, 'calendar.invalid_date'],
    ['20260101', 1, 'calendar.invalid_date'],
    ['', 1, 'calendar.invalid_date'],
    ['2026-01-01', 3651, 'calendar.days_out_of_range'],
    ['2026-01-01', -1, 'calendar.days_out_of_range'],
    ['2026-01-01', 1.5, 'calendar.days_out_of_range'],
    ['2026-01-01', Number.NaN, 'calendar.days_out_of_range'],
    ['1899-12-31', 1, 'calendar.date_out_of_range'],
    ['2199-12-30', 5, 'calendar.date_out_of_range'],
  ] as const)('addWorkdays(%j, %s) → %s', (from, n, code) => {
    expect(codeOf(() => addWorkdays(cal, from, n))).toBe(code);
  });

  it('leap day 2024-02-29 is a date', () => {
    expect(addWorkdays(cal, '2024-02-29', 1).date).toBe('2024-03-01');
  });

  it('countWorkdays and dayInfo validate too', () => {
    expect(codeOf(() => countWorkdays(cal, '2026-01-01', '2026-02-30'))).toBe('calendar.invalid_date');
    expect(codeOf(() => dayInfo(cal, '2026-04-31'))).toBe('calendar.invalid_date');
  });

  it.each<[string, Partial<CalendarSpec>, string]>([
    ['unknown zone', { zone: 'Europe/Berlin' }, 'calendar.unknown_zone'],
    ['no working weekday', { weeklyHours: { ...DEFAULT_WEEKLY_HOURS, mon: [], tue: [], wed: [], thu: [], fri: [] } }, 'calendar.invalid_hours'],
    ['end before start', { weeklyHours: { ...DEFAULT_WEEKLY_HOURS, mon: [{ start: '17:30', end: '08:30' }] } }, 'calendar.invalid_hours'],
    ['bad time', { weeklyHours: { ...DEFAULT_WEEKLY_HOURS, mon: [{ start: '8:30', end: '17:30' }] } }, 'calendar.invalid_hours'],
    [
      'overlap',
      { weeklyHours: { ...DEFAULT_WEEKLY_HOURS, mon: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } },
      'calendar.invalid_hours',
    ],
    ['override on an impossible date', { overrides: [{ date: '2026-02-30', kind: 'holiday', name: 'x' }] }, 'calendar.invalid_date'],
    ['holiday without a name', { overrides: [{ date: '2026-03-02', kind: 'holiday', name: ' ' }] }, 'calendar.invalid_override'],
    ['published year out of range', { publishedYears: [1066] }, 'calendar.date_out_of_range'],
  ])('compileCalendar rejects %s', (_, patch, code) => {
    expect(codeOf(() => compileCalendar({ ...calendarSpec(), ...patch }))).toBe(code);
  });

  it('names the offending path', () => {
    try {
      compileCalendar({ ...calendarSpec(), overrides: [{ date: '2026-01-01', kind: 'holiday', name: 'a' }, { date: 'x', kind: 'holiday', name: 'b' }] });
    } catch (error) {
      expect(error).toMatchObject({ code: 'calendar.invalid_date', path: 'overrides[1].date' });
    }
  });
});

describe('admin corrections are later overrides', () => {
  const base = chinaMainlandCalendarSpec();

  it.each([
    ['an extra day off (typhoon) moves deadlines', [{ date: '2026-03-02', kind: 'holiday', name: '台风停工' }], '2026-02-27', 2, '2026-03-03'],
    ['withdrawing a make-up Saturday with `regular`', [{ date: '2026-02-28', kind: 'regular' }], '2026-02-27', 1, '2026-03-02'],
    ['a later correction beats an earlier one', [{ date: '2026-03-02', kind: 'regular' }, { date: '2026-03-02', kind: 'holiday', name: 'x' }], '2026-02-27', 2, '2026-03-03'],
    ['an extra working Sunday', [{ date: '2026-03-08', kind: 'makeup_workday', name: '年报加班' }], '2026-03-06', 1, '2026-03-08'],
  ] as const)('%s', (_, overrides, from, n, expected) => {
    const corrected = compileCalendar(withOverrides(base, overrides));
    expect(addWorkdays(corrected, from, n).date).toBe(expected);
    expect(addWorkdays(cal, from, n).date).not.toBe(expected);
  });

  it('publishing a year makes its computations complete', () => {
    const spec = withOverrides(base, [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }], { publishYears: [2027] });
    expect(addWorkdays(compileCalendar(spec), '2026-12-31', 1)).toEqual({ date: '2027-01-04', calendarComplete: true });
  });

  it('the built-in spec is untouched', () => {
    expect(base.publishedYears).toEqual(builtInPublishedYears());
    expect(builtInPublishedYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });
});

describe('weekly hours', () => {
  it('a six-day week makes Saturdays working days', () => {
    const sixDays = compileCalendar(
      calendarSpec({ weeklyHours: { ...DEFAULT_WEEKLY_HOURS, sat: [{ start: '09:00', end: '12:00' }] }, publishedYears: [2026] }),
    );
    expect(addWorkdays(sixDays, '2026-03-06', 1).date).toBe('2026-03-07');
    expect(dayInfo(sixDays, '2026-03-08').kind).toBe('weekend');
  });

  it('a bare calendar has no holidays and knows no year', () => {
    const bare = compileCalendar(calendarSpec());
    expect(addWorkdays(bare, '2026-01-01', 1)).toEqual({ date: '2026-01-02', calendarComplete: false });
  });
});

describe('calendarYearOverview', () => {
  it('lists the special days of 2026', () => {
    const overview = calendarYearOverview(cal, 2026);
    expect(overview).toMatchObject({ year: 2026, published: true, workdayCount: 248 });
    expect(overview.specialDays.filter((d) => d.kind === 'makeup_workday').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(overview.specialDays.filter((d) => d.kind === 'holiday')).toHaveLength(33);
  });

  it('an unpublished year has no special days and says so', () => {
    expect(calendarYearOverview(cal, 2027)).toMatchObject({ published: false, specialDays: [], workdayCount: 261 });
  });
});
