import {
  type BusinessCalendar,
  type CalendarOverride,
  type CalendarSpec,
  type CalendarSpecInput,
  calendarSpec,
  compileCalendar,
} from './business-calendar';
import { CHINA_MAINLAND_DATA_SOURCE, CHINA_MAINLAND_HOLIDAY_DATA } from './china-mainland.data';
import { type HolidayYearDataset, datasetOverrides } from './holiday-dataset';

export const CHINA_MAINLAND_CALENDAR_ID = 'cn-mainland';
export const CHINA_MAINLAND_CALENDAR_VERSION = `cn-mainland+${CHINA_MAINLAND_DATA_SOURCE}`;

export interface ChinaMainlandCalendarOptions extends Omit<CalendarSpecInput, 'overrides' | 'publishedYears'> {
  /** Admin corrections and imported years; appended after the built-in data so they win. */
  readonly extraOverrides?: readonly CalendarOverride[];
  readonly extraPublishedYears?: readonly number[];
  /** Defaults to the built-in chinese-days data; tests pass a subset. */
  readonly datasets?: readonly HolidayYearDataset[];
}

/** Mainland China statutory holidays and 调休 make-up days for every built-in year. */
export function chinaMainlandCalendarSpec(options: ChinaMainlandCalendarOptions = {}): CalendarSpec {
  const datasets = options.datasets ?? CHINA_MAINLAND_HOLIDAY_DATA;
  const publishedYears = new Set<number>(options.extraPublishedYears ?? []);
  for (const dataset of datasets) if (dataset.published) publishedYears.add(dataset.year);
  return calendarSpec({
    ...options,
    id: options.id ?? CHINA_MAINLAND_CALENDAR_ID,
    version: options.version ?? CHINA_MAINLAND_CALENDAR_VERSION,
    overrides: [...datasets.flatMap(datasetOverrides), ...(options.extraOverrides ?? [])],
    publishedYears: [...publishedYears].sort((a, b) => a - b),
  });
}

export function chinaMainlandCalendar(options: ChinaMainlandCalendarOptions = {}): BusinessCalendar {
  return compileCalendar(chinaMainlandCalendarSpec(options));
}

/** Years with a complete built-in schedule (2004–2026 with chinese-days 1.5.x). */
export function builtInPublishedYears(): number[] {
  return CHINA_MAINLAND_HOLIDAY_DATA.filter((dataset) => dataset.published).map((dataset) => dataset.year);
}
