// Public calendar API. Index internals (year tables, ms-level walkers) stay unexported on purpose.
export { CALENDAR_ERROR_CODES, type CalendarErrorCode } from './calendar-error';
export {
  type BusinessDate,
  type DayNumber,
  ISO_WEEKDAYS,
  type IsoWeekdayKey,
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  formatDayNumber,
  isBusinessDate,
  isoWeekday,
  parseBusinessDate,
} from './business-date';
export { type CalendarZone, DEFAULT_CALENDAR_ZONE, ZONE_OFFSET_MINUTES, isCalendarZone } from './calendar-zone';
export {
  type BusinessCalendar,
  type CalendarOverride,
  type CalendarSpec,
  type CalendarSpecInput,
  type CalendarYearOverview,
  DAY_KINDS,
  DEFAULT_WEEKLY_HOURS,
  type DayInfo,
  type DayKind,
  MAX_WORKDAYS,
  OVERRIDE_KINDS,
  type OverrideKind,
  type WeeklyHours,
  type WorkInterval,
  type WorkdayCount,
  type WorkdayResult,
  addWorkdays,
  calendarSpec,
  calendarYearOverview,
  compileCalendar,
  countWorkdays,
  dayInfo,
  isWorkday,
  withOverrides,
} from './business-calendar';
export {
  DAY_MS,
  type InstantResult,
  MAX_MINUTES,
  type MinutesResult,
  TIME_MEASURES,
  type TimeMeasure,
  addMeasuredMinutes,
  addWorkingMinutes,
  businessDateOf,
  measuredMinutesBetween,
  startOfBusinessDate,
  workingMinutesBetween,
} from './business-hours';
export { type HolidayRun, type HolidayYearDataset, type MakeupWorkday, datasetOverrides } from './holiday-dataset';
export { CHINA_MAINLAND_DATA_SOURCE, CHINA_MAINLAND_HOLIDAY_DATA } from './china-mainland.data';
export {
  CHINA_MAINLAND_CALENDAR_ID,
  CHINA_MAINLAND_CALENDAR_VERSION,
  type ChinaMainlandCalendarOptions,
  builtInPublishedYears,
  chinaMainlandCalendar,
  chinaMainlandCalendarSpec,
} from './china-mainland.calendar';
export { normalizeChineseDays, renderHolidayDataModule } from './chinese-days.import';
export {
  ICS_ISSUE_CODES,
  type IcsImportOptions,
  type IcsImportResult,
  type IcsIssue,
  type IcsIssueCode,
  parseIcsOverrides,
} from './ics-import';
export { APPOINTMENT_SLOT_MINUTES, type AppointmentSlot, type AppointmentSlotSearch, MAX_SLOT_SEARCH_DAYS, appointmentSlots } from './appointment-slots';
