import { type DayNumber, formatDayNumber, parseBusinessDate } from './business-date';
import type { HolidayRun, HolidayYearDataset, MakeupWorkday } from './holiday-dataset';

/**
 * Turns the `chinese-days` package's JSON (`{holidays, workdays}` maps of 'YYYY-MM-DD' →
 * "English,中文,n") into our per-year datasets. Pure: the test feeds it the installed package's
 * file and compares the rendering with the checked-in `china-mainland.data.ts`, so the calendar
 * stays reviewable data and a package upgrade shows up as a diff.
 */
export function normalizeChineseDays(json: unknown, source: string): HolidayYearDataset[] {
  const root = asRecord(json, 'chinese-days JSON');
  const holidays = entries(asRecord(root['holidays'], 'holidays'));
  const workdays = entries(asRecord(root['workdays'], 'workdays'));

  const years = new Set<number>();
  for (const entry of [...holidays, ...workdays]) years.add(entry.year);

  return [...years]
    .sort((a, b) => a - b)
    .map((year) => ({
      year,
      published: true,
      source,
      holidays: toRuns(holidays.filter((entry) => entry.year === year)),
      makeupWorkdays: workdays
        .filter((entry) => entry.year === year)
        .map((entry): MakeupWorkday => ({ name: entry.name, nameEn: entry.nameEn, date: entry.date })),
    }));
}

interface Entry {
  readonly date: string;
  readonly day: DayNumber;
  readonly year: number;
  readonly name: string;
  readonly nameEn: string;
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${what}: expected an object`);
  return value as Record<string, unknown>;
}

function entries(map: Record<string, unknown>): Entry[] {
  return Object.entries(map)
    .map(([date, value]): Entry => {
      if (typeof value !== 'string') throw new TypeError(`${date}: expected "English,中文,n"`);
      const [nameEn = '', name = ''] = value.split(',');
      return { date, day: parseBusinessDate(date), year: Number(date.slice(0, 4)), name, nameEn };
    })
    .sort((a, b) => a.day - b.day);
}

function toRuns(sorted: readonly Entry[]): HolidayRun[] {
  const runs: HolidayRun[] = [];
  let open: { name: string; nameEn: string; from: DayNumber; to: DayNumber } | null = null;
  for (const entry of sorted) {
    if (open !== null && entry.day === open.to + 1 && entry.name === open.name) {
      open.to = entry.day;
      continue;
    }
    if (open !== null) runs.push(closeRun(open));
    open = { name: entry.name, nameEn: entry.nameEn, from: entry.day, to: entry.day };
  }
  if (open !== null) runs.push(closeRun(open));
  return runs;
}

function closeRun(run: { name: string; nameEn: string; from: DayNumber; to: DayNumber }): HolidayRun {
  return { name: run.name, nameEn: run.nameEn, from: formatDayNumber(run.from), to: formatDayNumber(run.to) };
}

/** Source text of `china-mainland.data.ts`. */
export function renderHolidayDataModule(datasets: readonly HolidayYearDataset[], source: string): string {
  const q = (text: string) => JSON.stringify(text);
  const lines = [
    `// Generated from ${source} by chinese-days.import.test.ts; regenerate with`,
    '// `npx vitest run packages/domain/src/calendar/chinese-days.import.test.ts --update` after upgrading the package.',
    '// Do not edit by hand: corrections and new years are calendar overrides (admin edits or ICS import).',
    "import type { HolidayYearDataset } from './holiday-dataset';",
    '',
    `export const CHINA_MAINLAND_DATA_SOURCE = ${q(source)};`,
    '',
    'export const CHINA_MAINLAND_HOLIDAY_DATA: readonly HolidayYearDataset[] = [',
  ];
  for (const dataset of datasets) {
    lines.push('  {');
    lines.push(`    year: ${dataset.year},`);
    lines.push(`    published: ${dataset.published},`);
    lines.push('    source: CHINA_MAINLAND_DATA_SOURCE,');
    lines.push('    holidays: [');
    for (const run of dataset.holidays) {
      lines.push(`      { name: ${q(run.name)}, nameEn: ${q(run.nameEn)}, from: ${q(run.from)}, to: ${q(run.to)} },`);
    }
    lines.push('    ],');
    lines.push('    makeupWorkdays: [');
    for (const day of dataset.makeupWorkdays) {
      lines.push(`      { name: ${q(day.name)}, nameEn: ${q(day.nameEn)}, date: ${q(day.date)} },`);
    }
    lines.push('    ],');
    lines.push('  },');
  }
  lines.push('];', '');
  return lines.join('\n');
}
