import { findCalendarChain, listCalendarOverrides, loadBusinessCalendar, type Executor, type StoredCalendarOverride } from '@patron/db';
import { type BusinessDate, type DayKind, daysInMonth, dayInfo, isoWeekday, parseBusinessDate } from '@patron/domain';
import { atRequestPathsAsync } from './calendar-http';

export interface CalendarMonthDay {
  date: BusinessDate;
  weekday: number;
  workday: boolean;
  kind: DayKind;
  name?: string;
  source: 'weekly' | 'builtin' | 'admin' | 'ics';
  overrideCalendar: string | null;
}

export interface CalendarMonth {
  calendar: string;
  month: string;
  version: number;
  calendarComplete: boolean;
  workdayCount: number;
  days: CalendarMonthDay[];
}

/**
 * One month as the admin page and `patron calendar show` draw it: each day's kind and name, and where
 * that comes from (weekly hours, the built-in dataset, or a stored override of this calendar or a base).
 */
export async function calendarMonth(db: Executor, code: string, month: string, calendarPath = 'calendar'): Promise<CalendarMonth> {
  const calendar = await atRequestPathsAsync(() => loadBusinessCalendar(db, code), { calendar: calendarPath });
  const chain = await findCalendarChain(db, code);
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  const last = daysInMonth(year, monthNumber);
  const from = `${month}-01`;
  const to = `${month}-${String(last).padStart(2, '0')}`;
  const stored = await listCalendarOverrides(
    db,
    chain.map((c) => c.code),
    { from, to },
  );
  // The nearest calendar's override wins, as in the compiled calendar.
  const depth = new Map(chain.map((c, i) => [c.code, i]));
  const effective = new Map<BusinessDate, StoredCalendarOverride>();
  for (const row of stored) {
    const current = effective.get(row.date);
    if (current === undefined || (depth.get(row.calendarCode) ?? 0) < (depth.get(current.calendarCode) ?? 0)) effective.set(row.date, row);
  }

  const days: CalendarMonthDay[] = [];
  let complete = true;
  for (let day = 1; day <= last; day += 1) {
    const date = `${month}-${String(day).padStart(2, '0')}`;
    const info = dayInfo(calendar, date);
    complete &&= info.calendarComplete;
    const override = effective.get(date);
    const special = info.kind === 'holiday' || info.kind === 'makeup_workday';
    days.push({
      date,
      weekday: isoWeekday(parseBusinessDate(date)),
      workday: info.workday,
      kind: info.kind,
      ...(info.name === undefined ? {} : { name: info.name }),
      source: override !== undefined ? override.source === 'builtin' ? 'builtin' : override.source : special ? 'builtin' : 'weekly',
      overrideCalendar: override?.calendarCode ?? null,
    });
  }
  return {
    calendar: code,
    month,
    version: chain[0]?.version ?? 0,
    calendarComplete: complete,
    workdayCount: days.filter((d) => d.workday).length,
    days,
  };
}
