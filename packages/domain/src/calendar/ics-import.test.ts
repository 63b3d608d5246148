import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addWorkdays, compileCalendar, withOverrides } from './business-calendar';
import { CHINA_MAINLAND_HOLIDAY_DATA } from './china-mainland.data';
import { chinaMainlandCalendarSpec } from './china-mainland.calendar';
import { datasetOverrides } from './holiday-dataset';
import { parseIcsOverrides } from './ics-import';

const require = createRequire(import.meta.url);
const yearsDir = join(dirname(require.resolve('chinese-days/package.json')), 'dist/years');

const ics = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e.split('\n'), 'END:VEVENT']), 'END:VCALENDAR'].join('\r\n');

const strip = <T extends { source?: string }>(items: readonly T[]) => items.map(({ source: _source, ...rest }) => rest);

describe('parseIcsOverrides on the published feeds', () => {
  it.each([2024, 2025, 2026])('chinese-days %i.ics (Chinese) gives exactly the built-in overrides', (year) => {
    const result = parseIcsOverrides(readFileSync(join(yearsDir, `${year}.ics`), 'utf8'));
    const dataset = CHINA_MAINLAND_HOLIDAY_DATA.find((d) => d.year === year);
    expect(result.issues).toEqual([]);
    const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
    // The feed is keyed by event, the dataset by the year a date falls in: compare that year's days.
    const fromFeed = strip(result.overrides).filter((o) => o.date.startsWith(String(year))).sort(byDate);
    expect(fromFeed).toEqual(strip(dataset ? datasetOverrides(dataset) : []).sort(byDate));
  });

  it('the English feed marks the same days as make-up workdays', () => {
    const zh = parseIcsOverrides(readFileSync(join(yearsDir, '2026.ics'), 'utf8'));
    const en = parseIcsOverrides(readFileSync(join(yearsDir, '2026.en.ics'), 'utf8'));
    expect(en.overrides.map((o) => [o.date, o.kind])).toEqual(zh.overrides.map((o) => [o.date, o.kind]));
    expect(en.overrides.find((o) => o.date === '2026-02-14')).toMatchObject({ kind: 'makeup_workday', name: 'Spring Festival' });
  });
});

describe('parseIcsOverrides on hand-written feeds', () => {
  it.each([
    ['holiday, DTEND exclusive', 'DTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270102\nSUMMARY:元旦(休)', [['2027-01-01', 'holiday', '元旦']]],
    ['no DTEND = one day', 'DTSTART;VALUE=DATE:20270101\nSUMMARY:元旦', [['2027-01-01', 'holiday', '元旦']]],
    [
      'multi-day expands',
      'DTSTART;VALUE=DATE:20270205\nDTEND;VALUE=DATE:20270208\nSUMMARY:春节',
      [['2027-02-05', 'holiday', '春节'], ['2027-02-06', 'holiday', '春节'], ['2027-02-07', 'holiday', '春节']],
    ],
    ['补班 is a make-up workday', 'DTSTART;VALUE=DATE:20270130\nSUMMARY:春节补班', [['2027-01-30', 'makeup_workday', '春节补班']]],
    ['(班) suffix is stripped from the name', 'DTSTART;VALUE=DATE:20270130\nSUMMARY:春节（班）', [['2027-01-30', 'makeup_workday', '春节']]],
    ['English "Workday"', 'DTSTART;VALUE=DATE:20270130\nSUMMARY:Spring Festival (Workday)', [['2027-01-30', 'makeup_workday', 'Spring Festival']]],
    ['folded summary line', 'DTSTART;VALUE=DATE:20270101\nSUMMARY:New Year\n  Holiday', [['2027-01-01', 'holiday', 'New Year Holiday']]],
    ['escaped text', 'DTSTART;VALUE=DATE:20270101\nSUMMARY:元旦\\, 新年', [['2027-01-01', 'holiday', '元旦, 新年']]],
    ['UTC date-time shifts into Shanghai', 'DTSTART:20261231T160000Z\nDTEND:20270101T160000Z\nSUMMARY:元旦', [['2027-01-01', 'holiday', '元旦']]],
    ['floating date-time ending at noon covers that day', 'DTSTART:20270101T000000\nDTEND:20270102T120000\nSUMMARY:元旦', [['2027-01-01', 'holiday', '元旦'], ['2027-01-02', 'holiday', '元旦']]],
  ] as const)('%s', (_, body, expected) => {
    const result = parseIcsOverrides(ics(body));
    expect(result.issues).toEqual([]);
    expect(result.overrides.map((o) => [o.date, o.kind, o.name])).toEqual(expected);
    expect(result.years).toEqual([...new Set(expected.map(([d]) => Number(d.slice(0, 4))))]);
  });

  it.each([
    ['missing DTSTART', 'SUMMARY:x', 'ics.missing_dtstart'],
    ['impossible date', 'DTSTART;VALUE=DATE:20270230\nSUMMARY:x', 'ics.invalid_date'],
    ['end before start', 'DTSTART;VALUE=DATE:20270105\nDTEND;VALUE=DATE:20270105\nSUMMARY:x', 'ics.end_before_start'],
    ['two months long', 'DTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270305\nSUMMARY:x', 'ics.event_too_long'],
    ['no summary', 'DTSTART;VALUE=DATE:20270101', 'ics.missing_summary'],
  ] as const)('%s → issue %s, other events still imported', (_, body, code) => {
    const result = parseIcsOverrides(ics(body, 'DTSTART;VALUE=DATE:20270101\nSUMMARY:元旦'));
    expect(result.issues.map((i) => i.code)).toEqual([code]);
    expect(result.issues[0]?.path).toMatch(/^VEVENT\[0\]/);
    expect(result.overrides).toHaveLength(1);
  });

  it('reports line numbers and empty or unterminated feeds', () => {
    expect(parseIcsOverrides('BEGIN:VCALENDAR\nEND:VCALENDAR').issues.map((i) => i.code)).toEqual(['ics.no_events']);
    const cut = parseIcsOverrides('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:x\nBEGIN:VEVENT\nDTSTART:bad\nSUMMARY:y\nEND:VEVENT');
    expect(cut.issues).toContainEqual(expect.objectContaining({ code: 'ics.invalid_date', row: 6 }));
  });

  it('records the source on every override', () => {
    const result = parseIcsOverrides(ics('DTSTART;VALUE=DATE:20270101\nSUMMARY:元旦'), { source: 'upload:2027.ics' });
    expect(result.overrides[0]?.source).toBe('upload:2027.ics');
  });

  it('an imported and published year completes computations', () => {
    const imported = parseIcsOverrides(
      ics('DTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270104\nSUMMARY:元旦(休)', 'DTSTART;VALUE=DATE:20270109\nSUMMARY:元旦(班)'),
    );
    const spec = withOverrides(chinaMainlandCalendarSpec(), imported.overrides, { publishYears: imported.years });
    const cal = compileCalendar(spec);
    expect(addWorkdays(cal, '2026-12-31', 1)).toEqual({ date: '2027-01-04', calendarComplete: true });
    expect(addWorkdays(cal, '2027-01-08', 1)).toEqual({ date: '2027-01-09', calendarComplete: true });
  });
});
