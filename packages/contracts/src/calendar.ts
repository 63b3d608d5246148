import { z } from 'zod';
import {
  DAY_KINDS,
  ICS_ISSUE_CODES,
  ISO_WEEKDAYS,
  MAX_CALENDAR_YEAR,
  MAX_WORKDAYS,
  MIN_CALENDAR_YEAR,
  OVERRIDE_KINDS,
  ZONE_OFFSET_MINUTES,
  isBusinessDate,
} from '@patron/domain';
import { Timestamp } from './common';

// ---------------------------------------------------------------------------------------------
// Field types
// ---------------------------------------------------------------------------------------------

/** 'CN', 'CN-GD', 'CN-XZ': upper-case letters, digits and dashes, starting with a letter. */
export const CalendarCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9-]{0,31}$/, 'a calendar code: upper-case letters, digits and dashes, starting with a letter (1-32)');

const inCalendarRange = (year: number) => year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR;

/** A real date as 'YYYY-MM-DD' (2026-02-30 is refused) within the calendar engine's years. */
export const BusinessDateSchema = z
  .string()
  .refine(isBusinessDate, { message: 'a real date as YYYY-MM-DD', abort: true })
  .refine((value) => inCalendarRange(Number(value.slice(0, 4))), `a date in the years ${MIN_CALENDAR_YEAR}-${MAX_CALENDAR_YEAR}`)
  .meta({ format: 'date', example: '2026-01-01' });

/** 'YYYY-MM'. */
export const YearMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'a month as YYYY-MM', abort: true })
  .refine((value) => inCalendarRange(Number(value.slice(0, 4))), `a month in the years ${MIN_CALENDAR_YEAR}-${MAX_CALENDAR_YEAR}`)
  .meta({ example: '2026-10' });

export const CalendarYear = z
  .number()
  .int('a whole year')
  .min(MIN_CALENDAR_YEAR, `a year from ${MIN_CALENDAR_YEAR}`)
  .max(MAX_CALENDAR_YEAR, `a year up to ${MAX_CALENDAR_YEAR}`);

/** Working days in a query string: digits only (no sign, no decimals, no exponent), 0 to 3,650. */
export const WorkdaysParam = z
  .string()
  .regex(/^\d+$/, { message: `a whole number of working days from 0 to ${MAX_WORKDAYS}`, abort: true })
  .refine((value) => Number(value) <= MAX_WORKDAYS, `at most ${MAX_WORKDAYS} working days`)
  .transform(Number);

export const CalendarZoneSchema = z.enum(Object.keys(ZONE_OFFSET_MINUTES) as [keyof typeof ZONE_OFFSET_MINUTES]);

const ClockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM from 00:00 to 24:00');
export const WorkIntervalSchema = z.strictObject({ start: ClockTime, end: ClockTime });
export const WeeklyHoursSchema = z.strictObject(
  Object.fromEntries(ISO_WEEKDAYS.map((day) => [day, z.array(WorkIntervalSchema).max(8)])) as Record<
    (typeof ISO_WEEKDAYS)[number],
    z.ZodArray<typeof WorkIntervalSchema>
  >,
);

export const DayKindSchema = z.enum(DAY_KINDS);
export const OverrideKindSchema = z.enum(OVERRIDE_KINDS);
export const OverrideSourceSchema = z.enum(['builtin', 'admin', 'ics']);

/** Query-string switches: 'true'/'1' and 'false'/'0'. */
export const QueryFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

// ---------------------------------------------------------------------------------------------
// Working-day arithmetic (any signed-in user)
// ---------------------------------------------------------------------------------------------

export const CalendarQuery = z.object({ calendar: CalendarCode.optional() });

export const WorkdaysAddQuery = z.object({ from: BusinessDateSchema, days: WorkdaysParam, calendar: CalendarCode.optional() });
export const WorkdaysAddReply = z.object({ date: z.string(), calendarComplete: z.boolean() });

export const WorkdaysCountQuery = z.object({ from: BusinessDateSchema, to: BusinessDateSchema, calendar: CalendarCode.optional() });
export const WorkdaysCountReply = z.object({ count: z.number().int(), calendarComplete: z.boolean() });

export const CalendarDateParam = z.object({ date: BusinessDateSchema });
export const DayInfoReply = z.object({
  date: z.string(),
  workday: z.boolean(),
  kind: DayKindSchema,
  name: z.string().optional(),
  calendarComplete: z.boolean(),
});

export const CalendarMonthParam = z.object({ month: YearMonthSchema });
export const CalendarMonthDay = z.object({
  date: z.string(),
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  workday: z.boolean(),
  kind: DayKindSchema,
  name: z.string().optional(),
  /** Where the day's status comes from: the weekly hours, the built-in dataset, or a stored override. */
  source: z.enum(['weekly', 'builtin', 'admin', 'ics']),
  /** The calendar holding the stored override (this one or a base); null without one. */
  overrideCalendar: z.string().nullable(),
});
export const CalendarMonthReply = z.object({
  calendar: z.string(),
  month: z.string(),
  version: z.number().int(),
  calendarComplete: z.boolean(),
  workdayCount: z.number().int(),
  days: z.array(CalendarMonthDay),
});

// ---------------------------------------------------------------------------------------------
// Calendar administration (system.manage or rule.manage)
// ---------------------------------------------------------------------------------------------

export const CalendarSchema = z.object({
  code: z.string(),
  name: z.string(),
  zone: z.string(),
  weeklyHours: WeeklyHoursSchema,
  basedOn: z.string().nullable(),
  builtinDataset: z.string().nullable(),
  version: z.number().int(),
  /** Years an admin declared complete on this calendar itself. */
  publishedYears: z.array(z.number().int()),
  /** Every year computations treat as complete: built-in, inherited and declared. */
  completeYears: z.array(z.number().int()),
  overrideCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const CalendarList = z.object({ items: z.array(CalendarSchema) });

export const CalendarCreate = z.strictObject({
  code: CalendarCode,
  name: z.string().trim().min(1).max(100),
  zone: CalendarZoneSchema.optional(),
  weeklyHours: WeeklyHoursSchema.optional(),
  basedOn: CalendarCode.optional(),
});

export const CalendarCodeParam = z.object({ code: CalendarCode });
export const CalendarDayParams = z.object({ code: CalendarCode, date: BusinessDateSchema });
export const CalendarYearParams = z.object({ code: CalendarCode, year: z.coerce.number().pipe(CalendarYear) });

export const CalendarDayBody = z
  .strictObject({ kind: OverrideKindSchema, name: z.string().trim().max(50).optional() })
  .superRefine((body, ctx) => {
    if (body.kind !== 'regular' && (body.name === undefined || body.name === '')) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'holidays and make-up workdays need a name' });
    }
  });

export const CalendarOverrideSchema = z.object({
  calendarCode: z.string(),
  date: z.string(),
  kind: OverrideKindSchema,
  name: z.string().nullable(),
  source: OverrideSourceSchema,
  createdAt: Timestamp,
  /** The calendar's version after the change. */
  version: z.number().int(),
});

export const PublishedYearBody = z.strictObject({ year: CalendarYear });
export const PublishedYearReply = z.object({
  calendarCode: z.string(),
  year: z.number().int(),
  /** False when the year was already marked. */
  changed: z.boolean(),
  version: z.number().int(),
});

export const IcsImportQuery = z.object({
  dryRun: QueryFlag,
  /** Also declare the years the file covers complete. */
  publish: QueryFlag,
  /** Import the valid events of a file that has bad ones (they are listed in `issues`). */
  skipInvalid: QueryFlag,
});
export const IcsBody = z.string().min(1, 'an iCalendar (text/calendar) file');

export const IcsIssueSchema = z.object({ row: z.number().int(), path: z.string(), code: z.enum(ICS_ISSUE_CODES), message: z.string() });
export const IcsPlannedOverride = z.object({
  date: z.string(),
  kind: OverrideKindSchema,
  name: z.string(),
  /** 'same': the calendar already says this (nothing is stored); 'add': a normal day today; 'change': differs. */
  change: z.enum(['add', 'change', 'same']),
  current: z.object({ kind: DayKindSchema, name: z.string().optional() }),
});
export const IcsImportReply = z.object({
  calendar: z.string(),
  dryRun: z.boolean(),
  years: z.array(z.number().int()),
  overrides: z.array(IcsPlannedOverride),
  issues: z.array(IcsIssueSchema),
  counts: z.object({ add: z.number().int(), change: z.number().int(), same: z.number().int(), removed: z.number().int() }),
  /** Years declared complete by this import (with publish=true). */
  published: z.array(z.number().int()),
  version: z.number().int(),
});
