import { sql } from 'drizzle-orm';
import {
  type BusinessCalendar,
  type BusinessDate,
  CHINA_MAINLAND_CALENDAR_VERSION,
  type CalendarOverride,
  type CalendarSpec,
  DEFAULT_WEEKLY_HOURS,
  type DayKind,
  DomainError,
  ISO_WEEKDAYS,
  type IsoWeekdayKey,
  type IcsIssue,
  type OverrideKind,
  type WeeklyHours,
  type WorkInterval,
  calendarSpec,
  chinaMainlandCalendarSpec,
  compileCalendar,
  dayInfo,
  parseIcsOverrides,
} from '@patron/domain';
import type { Executor } from '../database';

/** The mainland China calendar every installation has (migration 0004). */
export const DEFAULT_CALENDAR_CODE = 'CN';

export const CALENDAR_BUILTIN_DATASETS = ['cn-mainland'] as const;
export type CalendarBuiltinDataset = (typeof CALENDAR_BUILTIN_DATASETS)[number];

export const CALENDAR_OVERRIDE_SOURCES = ['builtin', 'admin', 'ics'] as const;
export type CalendarOverrideSource = (typeof CALENDAR_OVERRIDE_SOURCES)[number];

/** Thrown by `loadBusinessCalendar` for a code with no row; the server maps it to 400 (query) or 404 (path). */
export const UNKNOWN_CALENDAR = 'calendar.unknown_calendar';

/** Base calendars are followed at most this deep (they are chosen at creation, so cycles cannot occur). */
const MAX_CHAIN_DEPTH = 8;

/** Weekly hours as stored (jsonb): plain arrays, assignable to the domain's readonly `WeeklyHours`. */
export type StoredWeeklyHours = Record<IsoWeekdayKey, WorkInterval[]>;

export interface CalendarRecord {
  code: string;
  name: string;
  zone: string;
  weeklyHours: StoredWeeklyHours;
  basedOn: string | null;
  builtinDataset: CalendarBuiltinDataset | null;
  version: number;
  revision: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredCalendarOverride {
  calendarCode: string;
  date: BusinessDate;
  kind: OverrideKind;
  name: string | null;
  source: CalendarOverrideSource;
  createdBy: number | null;
  createdAt: Date;
}

export interface PublishedYear {
  calendarCode: string;
  year: number;
}

const calendarColumns = sql`code, name, zone, weekly_hours AS "weeklyHours", based_on AS "basedOn",
  builtin_dataset AS "builtinDataset", version, revision, created_at AS "createdAt", updated_at AS "updatedAt"`;

const overrideColumns = sql`calendar_code AS "calendarCode", date, kind, name, source, created_by AS "createdBy",
  created_at AS "createdAt"`;

export function unknownCalendarError(code: string, path = 'calendar'): DomainError {
  return new DomainError(UNKNOWN_CALENDAR, `No calendar ${JSON.stringify(code)}`, { path });
}

// ---------------------------------------------------------------------------------------------
// Loading and caching the compiled calendar
// ---------------------------------------------------------------------------------------------

interface CacheEntry {
  readonly key: string;
  readonly calendar: Promise<BusinessCalendar>;
}

/**
 * Compiled calendars by code, one entry each: the latest (version, revision) of the calendar and of
 * every base it inherits from. A change anywhere in the chain changes the key, so a node that did
 * not make the change still recompiles on its next load; the old entry is simply replaced.
 */
const compiled = new Map<string, CacheEntry>();

/** For tests and after a restore: forget every compiled calendar. */
export function clearCalendarCache(): void {
  compiled.clear();
}

/** The calendar and its bases, the requested one first. Empty when the code does not exist. */
export function findCalendarChain(db: Executor, code: string): Promise<CalendarRecord[]> {
  return db.rows<CalendarRecord>(sql`
    WITH RECURSIVE chain AS (
      SELECT c.*, 0 AS depth FROM calendars c WHERE c.code = ${code}
      UNION ALL
      SELECT c.*, chain.depth + 1 FROM calendars c JOIN chain ON c.code = chain.based_on WHERE chain.depth < ${MAX_CHAIN_DEPTH}
    )
    SELECT ${calendarColumns} FROM chain ORDER BY depth`);
}

function chainKey(chain: readonly CalendarRecord[]): string {
  return chain.map((c) => `${c.code}@${c.version}:${c.revision}`).join('>');
}

/** Human-readable version recorded with computations: 'GD@2>CN@5+cn-mainland+chinese-days@1.5.7'. */
function chainVersion(chain: readonly CalendarRecord[]): string {
  const root = chain[chain.length - 1];
  const own = chain.map((c) => `${c.code}@${c.version}`).join('>');
  return root?.builtinDataset === 'cn-mainland' ? `${own}+${CHINA_MAINLAND_CALENDAR_VERSION}` : own;
}

/** Hours of a make-up workday that falls on a day off: the first weekday that has hours. */
function standardDayHours(weekly: WeeklyHours): readonly WorkInterval[] {
  for (const key of ISO_WEEKDAYS) {
    const hours = weekly[key];
    if (hours !== undefined && hours.length > 0) return hours;
  }
  return DEFAULT_WEEKLY_HOURS.mon;
}

function toOverride(row: Pick<StoredCalendarOverride, 'date' | 'kind' | 'name' | 'source'>): CalendarOverride {
  switch (row.kind) {
    case 'holiday':
      return { date: row.date, kind: 'holiday', name: row.name ?? '', source: row.source };
    case 'makeup_workday':
      return { date: row.date, kind: 'makeup_workday', name: row.name ?? '', source: row.source };
    default:
      return row.name === null ? { date: row.date, kind: 'regular', source: row.source } : { date: row.date, kind: 'regular', name: row.name, source: row.source };
  }
}

/**
 * The spec of a calendar chain: built-in data of the root (if any), then the stored overrides of
 * each calendar from the root down to the requested one, so the nearest calendar's override wins.
 * Zone and weekly hours are the requested calendar's own.
 */
export function buildCalendarSpec(
  chain: readonly CalendarRecord[],
  overrides: readonly Pick<StoredCalendarOverride, 'calendarCode' | 'date' | 'kind' | 'name' | 'source'>[],
  publishedYears: readonly PublishedYear[],
): CalendarSpec {
  const leaf = chain[0];
  const root = chain[chain.length - 1];
  if (leaf === undefined || root === undefined) throw new Error('empty calendar chain');
  const depthOf = new Map(chain.map((c, depth) => [c.code, depth]));
  const layered = [...overrides]
    .sort((a, b) => (depthOf.get(b.calendarCode) ?? 0) - (depthOf.get(a.calendarCode) ?? 0) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map(toOverride);
  const years = [...new Set(publishedYears.map((p) => p.year))].sort((a, b) => a - b);
  const common = {
    id: leaf.code,
    version: chainVersion(chain),
    zone: leaf.zone,
    weeklyHours: leaf.weeklyHours,
    standardDayHours: standardDayHours(leaf.weeklyHours),
  };
  if (root.builtinDataset === 'cn-mainland') {
    return chinaMainlandCalendarSpec({ ...common, extraOverrides: layered, extraPublishedYears: years });
  }
  return calendarSpec({ ...common, overrides: layered, publishedYears: years });
}

async function compileChain(db: Executor, chain: readonly CalendarRecord[]): Promise<BusinessCalendar> {
  const codes = chain.map((c) => c.code);
  const codeList = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  const [overrides, years] = await Promise.all([
    db.rows<StoredCalendarOverride>(sql`SELECT ${overrideColumns} FROM calendar_overrides WHERE calendar_code IN (${codeList}) ORDER BY date`),
    db.rows<PublishedYear>(sql`SELECT calendar_code AS "calendarCode", year FROM calendar_published_years WHERE calendar_code IN (${codeList})`),
  ]);
  return compileCalendar(buildCalendarSpec(chain, overrides, years));
}

/**
 * The compiled business calendar `code` (default 'CN': mainland China built-in data plus stored admin
 * overrides). One indexed read per call checks the versions of the calendar and its bases; the
 * overrides are read and compiled only when those changed, on this node or any other.
 * Throws DomainError `calendar.unknown_calendar` (path 'calendar') for an unknown code.
 */
export async function loadBusinessCalendar(db: Executor, code: string = DEFAULT_CALENDAR_CODE): Promise<BusinessCalendar> {
  const chain = await findCalendarChain(db, code);
  if (chain.length === 0) throw unknownCalendarError(code);
  const key = chainKey(chain);
  const cached = compiled.get(code);
  if (cached !== undefined && cached.key === key) return cached.calendar;
  const calendar = compileChain(db, chain);
  compiled.set(code, { key, calendar });
  // A failed compile must not stick: the next call tries again.
  calendar.catch(() => {
    if (compiled.get(code)?.calendar === calendar) compiled.delete(code);
  });
  return calendar;
}

// ---------------------------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------------------------

export interface CalendarSummary extends Omit<CalendarRecord, 'revision'> {
  /** Years an admin declared complete on this calendar itself. */
  publishedYears: number[];
  overrideCount: number;
}

const summaryColumns = sql`${calendarColumns},
  COALESCE((SELECT array_agg(p.year ORDER BY p.year) FROM calendar_published_years p WHERE p.calendar_code = c.code), '{}') AS "publishedYears",
  (SELECT count(*)::int FROM calendar_overrides o WHERE o.calendar_code = c.code) AS "overrideCount"`;

function summary(row: CalendarSummary & { revision?: string }): CalendarSummary {
  const { revision: _revision, ...rest } = row;
  return rest;
}

export async function listCalendars(db: Executor): Promise<CalendarSummary[]> {
  const rows = await db.rows<CalendarSummary>(sql`SELECT ${summaryColumns} FROM calendars c ORDER BY c.code = 'CN' DESC, c.code`);
  return rows.map(summary);
}

export async function findCalendar(db: Executor, code: string): Promise<CalendarSummary | undefined> {
  const row = await db.first<CalendarSummary>(sql`SELECT ${summaryColumns} FROM calendars c WHERE c.code = ${code}`);
  return row === undefined ? undefined : summary(row);
}

export interface NewCalendar {
  code: string;
  name: string;
  zone: string;
  weeklyHours: WeeklyHours;
  basedOn: string | null;
  createdBy: number | null;
}

export async function insertCalendar(tx: Executor, calendar: NewCalendar): Promise<CalendarSummary> {
  await tx.run(sql`
    INSERT INTO calendars (code, name, zone, weekly_hours, based_on, created_by)
    VALUES (${calendar.code}, ${calendar.name}, ${calendar.zone}, ${JSON.stringify(calendar.weeklyHours)}::jsonb,
      ${calendar.basedOn}, ${calendar.createdBy})`);
  return (await findCalendar(tx, calendar.code)) as CalendarSummary;
}

/** Marks a change so every node recompiles: call in the transaction that changed the calendar. */
export async function bumpCalendarVersion(tx: Executor, code: string): Promise<number> {
  const row = await tx.first<{ version: number }>(sql`
    UPDATE calendars SET version = version + 1, revision = gen_random_uuid()::text, updated_at = now()
    WHERE code = ${code} RETURNING version`);
  if (row === undefined) throw unknownCalendarError(code);
  return row.version;
}

// ---------------------------------------------------------------------------------------------
// Overrides and published years
// ---------------------------------------------------------------------------------------------

export function findCalendarOverride(db: Executor, code: string, date: BusinessDate): Promise<StoredCalendarOverride | undefined> {
  return db.first<StoredCalendarOverride>(sql`SELECT ${overrideColumns} FROM calendar_overrides WHERE calendar_code = ${code} AND date = ${date}`);
}

/** Stored overrides of the given calendars in [from, to], by date. */
export function listCalendarOverrides(
  db: Executor,
  codes: readonly string[],
  range: { from?: BusinessDate; to?: BusinessDate } = {},
): Promise<StoredCalendarOverride[]> {
  if (codes.length === 0) return Promise.resolve([]);
  const codeList = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  return db.rows<StoredCalendarOverride>(sql`
    SELECT ${overrideColumns} FROM calendar_overrides
    WHERE calendar_code IN (${codeList})
      AND (${range.from ?? null}::date IS NULL OR date >= ${range.from ?? null}::date)
      AND (${range.to ?? null}::date IS NULL OR date <= ${range.to ?? null}::date)
    ORDER BY date, calendar_code`);
}

export interface OverrideInput {
  date: BusinessDate;
  kind: OverrideKind;
  name: string | null;
  source: CalendarOverrideSource;
}

/** Inserts or replaces the override of one date and bumps the calendar version. */
export async function upsertCalendarOverride(
  tx: Executor,
  code: string,
  override: OverrideInput,
  createdBy: number | null,
): Promise<StoredCalendarOverride> {
  await tx.run(sql`
    INSERT INTO calendar_overrides (calendar_code, date, kind, name, source, created_by)
    VALUES (${code}, ${override.date}, ${override.kind}, ${override.name}, ${override.source}, ${createdBy})
    ON CONFLICT (calendar_code, date) DO UPDATE SET
      kind = EXCLUDED.kind, name = EXCLUDED.name, source = EXCLUDED.source,
      created_by = EXCLUDED.created_by, created_at = now()`);
  await bumpCalendarVersion(tx, code);
  return (await findCalendarOverride(tx, code, override.date)) as StoredCalendarOverride;
}

/** Removes the stored override of one date (the inherited or built-in day shows again). */
export async function deleteCalendarOverride(tx: Executor, code: string, date: BusinessDate): Promise<StoredCalendarOverride | undefined> {
  const removed = await tx.first<StoredCalendarOverride>(sql`
    DELETE FROM calendar_overrides WHERE calendar_code = ${code} AND date = ${date} RETURNING ${overrideColumns}`);
  if (removed !== undefined) await bumpCalendarVersion(tx, code);
  return removed;
}

export interface PlannedIcsOverride {
  date: BusinessDate;
  kind: 'holiday' | 'makeup_workday';
  name: string;
  /** 'same': the calendar already says this, nothing is stored; 'add': a normal day now; 'change': differs. */
  change: 'add' | 'change' | 'same';
  current: { kind: DayKind; name?: string };
}

/** What an ICS file would do to a calendar; `commitIcsImport` applies it. */
export interface IcsImportPlan {
  calendarCode: string;
  /** The calendar's version the plan was made against. */
  version: number;
  years: number[];
  /** One per date (the file's last event for a date wins), by date. */
  overrides: PlannedIcsOverride[];
  issues: IcsIssue[];
  /** Dates of earlier ICS imports in the file's years that the file no longer lists: they are removed. */
  removed: BusinessDate[];
  /** Years of the file not yet complete on this calendar: what `publish` would declare complete. */
  publishable: number[];
}

/**
 * Reads an iCalendar holiday feed against a calendar. A re-imported (corrected) feed replaces the
 * earlier ICS overrides of its years; admin-entered dates the file does not mention stay.
 */
export async function planIcsImport(db: Executor, code: string, text: string): Promise<IcsImportPlan> {
  const chain = await findCalendarChain(db, code);
  const own = chain[0];
  if (own === undefined) throw unknownCalendarError(code);
  const calendar = await loadBusinessCalendar(db, code);
  const parsed = parseIcsOverrides(text, { zone: calendar.zone, source: 'ics' });
  const byDate = new Map<BusinessDate, CalendarOverride>();
  for (const override of parsed.overrides) byDate.set(override.date, override);
  const overrides = [...byDate.values()]
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((override): PlannedIcsOverride => {
      const info = dayInfo(calendar, override.date);
      const current = info.name === undefined ? { kind: info.kind } : { kind: info.kind, name: info.name };
      const kind = override.kind === 'makeup_workday' ? 'makeup_workday' : 'holiday';
      const name = override.name ?? '';
      const change = info.kind === kind && info.name === name ? 'same' : info.kind === 'workday' || info.kind === 'weekend' ? 'add' : 'change';
      return { date: override.date, kind, name, change, current };
    });
  const years = [...parsed.years];
  let removed: BusinessDate[] = [];
  if (years.length > 0) {
    const stored = await db.rows<{ date: BusinessDate }>(sql`
      SELECT date FROM calendar_overrides
      WHERE calendar_code = ${code} AND source = 'ics'
        AND extract(year FROM date)::int IN (${sql.join(years.map((y) => sql`${y}`), sql`, `)})
      ORDER BY date`);
    removed = stored.map((row) => row.date).filter((date) => !byDate.has(date));
  }
  const complete = new Set(calendar.spec.publishedYears);
  return {
    calendarCode: code,
    version: own.version,
    years,
    overrides,
    issues: [...parsed.issues],
    removed,
    publishable: years.filter((year) => !complete.has(year)),
  };
}

export interface IcsImportResultCounts {
  written: number;
  removed: number;
  /** Years newly declared complete. */
  published: number[];
  version: number;
}

/** Applies a plan (made in the same transaction): one version bump for the lot. */
export async function commitIcsImport(
  tx: Executor,
  plan: IcsImportPlan,
  options: { publish: boolean; createdBy: number | null },
): Promise<IcsImportResultCounts> {
  const code = plan.calendarCode;
  let removed = 0;
  if (plan.removed.length > 0) {
    removed = await tx.run(sql`
      DELETE FROM calendar_overrides WHERE calendar_code = ${code} AND source = 'ics'
        AND date IN (${sql.join(plan.removed.map((d) => sql`${d}::date`), sql`, `)})`);
  }
  const write = plan.overrides.filter((o) => o.change !== 'same');
  for (const override of write) {
    await tx.run(sql`
      INSERT INTO calendar_overrides (calendar_code, date, kind, name, source, created_by)
      VALUES (${code}, ${override.date}, ${override.kind}, ${override.name}, 'ics', ${options.createdBy})
      ON CONFLICT (calendar_code, date) DO UPDATE SET
        kind = EXCLUDED.kind, name = EXCLUDED.name, source = EXCLUDED.source,
        created_by = EXCLUDED.created_by, created_at = now()`);
  }
  const published: number[] = [];
  if (options.publish) {
    for (const year of plan.publishable) {
      const inserted = await tx.run(sql`
        INSERT INTO calendar_published_years (calendar_code, year, created_by) VALUES (${code}, ${year}, ${options.createdBy})
        ON CONFLICT DO NOTHING`);
      if (inserted > 0) published.push(year);
    }
  }
  const changed = removed > 0 || write.length > 0 || published.length > 0;
  const version = changed ? await bumpCalendarVersion(tx, code) : plan.version;
  return { written: write.length, removed, published, version };
}

export function listPublishedYears(db: Executor, code: string): Promise<number[]> {
  return db
    .rows<{ year: number }>(sql`SELECT year FROM calendar_published_years WHERE calendar_code = ${code} ORDER BY year`)
    .then((rows) => rows.map((row) => row.year));
}

/** Declares a year complete on a calendar; false when it already was. Bumps the version on change. */
export async function addPublishedYear(tx: Executor, code: string, year: number, createdBy: number | null): Promise<boolean> {
  const inserted = await tx.run(sql`
    INSERT INTO calendar_published_years (calendar_code, year, created_by) VALUES (${code}, ${year}, ${createdBy})
    ON CONFLICT DO NOTHING`);
  if (inserted > 0) await bumpCalendarVersion(tx, code);
  return inserted > 0;
}

/** Withdraws an admin's "complete" mark; false when there was none. Built-in years are not affected. */
export async function removePublishedYear(tx: Executor, code: string, year: number): Promise<boolean> {
  const deleted = await tx.run(sql`DELETE FROM calendar_published_years WHERE calendar_code = ${code} AND year = ${year}`);
  if (deleted > 0) await bumpCalendarVersion(tx, code);
  return deleted > 0;
}
