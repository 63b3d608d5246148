import { type BusinessDate, formatDayNumber, parseBusinessDate } from './business-date';
import type { CalendarOverride } from './business-calendar';

/** Consecutive days off under one name, inclusive at both ends (weekend days inside the run included). */
export interface HolidayRun {
  readonly name: string;
  readonly nameEn: string;
  readonly from: BusinessDate;
  readonly to: BusinessDate;
}

/** A 调休 day: normally a weekend day, worked to make up for a bridged holiday. */
export interface MakeupWorkday {
  readonly name: string;
  readonly nameEn: string;
  readonly date: BusinessDate;
}

/**
 * One calendar year of a published State Council schedule, keyed by the year the dates fall in
 * (so 2007-12-29, a make-up day for New Year 2008, belongs to 2007).
 */
export interface HolidayYearDataset {
  readonly year: number;
  /** The full schedule for this year is known. Datasets for years not yet announced say false. */
  readonly published: boolean;
  readonly source: string;
  readonly holidays: readonly HolidayRun[];
  readonly makeupWorkdays: readonly MakeupWorkday[];
}

export function datasetOverrides(dataset: HolidayYearDataset): CalendarOverride[] {
  const overrides: CalendarOverride[] = [];
  for (const run of dataset.holidays) {
    const last = parseBusinessDate(run.to, 'holidays.to');
    for (let day = parseBusinessDate(run.from, 'holidays.from'); day <= last; day += 1) {
      overrides.push({ date: formatDayNumber(day), kind: 'holiday', name: run.name, source: dataset.source });
    }
  }
  for (const makeup of dataset.makeupWorkdays) {
    overrides.push({ date: makeup.date, kind: 'makeup_workday', name: makeup.name, source: dataset.source });
  }
  return overrides;
}
