import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  DEFAULT_CALENDAR_CODE,
  appendAudit,
  commitIcsImport,
  findCalendar,
  listCalendars,
  loadBusinessCalendar,
  planIcsImport,
  sql,
  type Executor,
} from '@patron/db';
import {
  type BusinessCalendar,
  type DayInfo,
  ISO_WEEKDAYS,
  MAX_CALENDAR_YEAR,
  MAX_WORKDAYS,
  MIN_CALENDAR_YEAR,
  addWorkdays,
  assertNever,
  chinaMainlandCalendar,
  countWorkdays,
  dayInfo,
  daysInMonth,
  isBusinessDate,
  isDomainError,
  isoWeekday,
  parseBusinessDate,
} from '@patron/domain';
import { CliError, type CliIo } from '../cli-io';

const USAGE = 2;
const WEEKDAY_HEADERS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const CELL = 6;

function businessDateArg(name: string, value: string): string {
  if (!isBusinessDate(value)) throw new CliError(`${name}: ${JSON.stringify(value)} is not a real date as YYYY-MM-DD`, USAGE);
  const year = Number(value.slice(0, 4));
  if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new CliError(`${name}: ${value} is outside the years ${MIN_CALENDAR_YEAR}-${MAX_CALENDAR_YEAR}`, USAGE);
  }
  return value;
}

function workdaysArg(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > MAX_WORKDAYS) {
    throw new CliError(`N: ${JSON.stringify(value)} is not a whole number of working days from 0 to ${MAX_WORKDAYS}`, USAGE);
  }
  return Number(value);
}

function monthArg(value: string): { year: number; month: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  const year = Number(match?.[1]);
  if (!match || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new CliError(`MONTH: ${JSON.stringify(value)} is not a month as YYYY-MM (${MIN_CALENDAR_YEAR}-${MAX_CALENDAR_YEAR})`, USAGE);
  }
  return { year, month: Number(match[2]) };
}

/** Domain errors (unknown calendar, running past 2199) become plain messages. */
async function domainToCli<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isDomainError(error)) throw new CliError(error.message, error.code === 'calendar.unknown_calendar' ? 1 : USAGE);
    throw error;
  }
}

/**
 * The calendar from the database. On a database not migrated yet (a fresh data folder, or one from
 * before the calendars migration) the read-only commands still answer for CN from the built-in data,
 * and say so on stderr.
 */
async function loadCalendar(io: CliIo, db: Executor, code: string): Promise<{ calendar: BusinessCalendar; name: string }> {
  const schema = await db.first<{ found: boolean }>(sql`SELECT to_regclass('calendars') IS NOT NULL AS found`);
  if (!schema?.found) {
    if (code !== DEFAULT_CALENDAR_CODE) throw new CliError(`No calendar ${code}: the database is not migrated (run npx patron migrate)`);
    io.err('warning: the database is not migrated (run npx patron migrate); using the built-in mainland China calendar without admin changes\n');
    return { calendar: chinaMainlandCalendar({ id: DEFAULT_CALENDAR_CODE }), name: '中国大陆法定节假日' };
  }
  const calendar = await domainToCli(() => loadBusinessCalendar(db, code));
  return { calendar, name: (await findCalendar(db, code))?.name ?? '' };
}

function warnIncomplete(io: CliIo, calendar: BusinessCalendar, complete: boolean): void {
  if (!complete) {
    io.err(`warning: calendar ${calendar.id} has no published holiday schedule for part of this range; only weekends were counted there\n`);
  }
}

function cell(info: DayInfo): string {
  const day = String(Number(info.date.slice(8, 10)));
  switch (info.kind) {
    case 'holiday':
      return `${day}H`;
    case 'makeup_workday':
      return `${day}W`;
    case 'weekend':
      return `[${day}]`;
    case 'workday':
      return `${day} `;
    default:
      return assertNever(info.kind, 'day kind');
  }
}

/** The month grid of `patron calendar show`: Mon–Sun columns, then a legend of the special days. */
export function renderMonth(calendar: BusinessCalendar, calendarName: string, year: number, month: number): { text: string; complete: boolean } {
  const monthText = `${year}-${String(month).padStart(2, '0')}`;
  const days: DayInfo[] = [];
  for (let day = 1; day <= daysInMonth(year, month); day += 1) days.push(dayInfo(calendar, `${monthText}-${String(day).padStart(2, '0')}`));
  const lines = [`${monthText}  ${calendar.id} ${calendarName}`, WEEKDAY_HEADERS.map((d) => d.padStart(CELL - 1)).join(' ')];
  let row: string[] = Array.from({ length: isoWeekday(parseBusinessDate(`${monthText}-01`)) - 1 }, () => ''.padStart(CELL - 1));
  for (const info of days) {
    row.push(cell(info).padStart(CELL - 1));
    if (row.length === ISO_WEEKDAYS.length) {
      lines.push(row.join(' ').trimEnd());
      row = [];
    }
  }
  if (row.length > 0) lines.push(row.join(' ').trimEnd());
  lines.push('');
  lines.push('H 法定节假日 holiday   W 调休上班 make-up workday   [ ] 周末 weekend');
  const special = days.filter((d) => d.kind === 'holiday' || d.kind === 'makeup_workday');
  for (const info of special) {
    const weekday = WEEKDAY_HEADERS[isoWeekday(parseBusinessDate(info.date)) - 1];
    const mark = info.kind === 'holiday' ? 'H' : 'W';
    const name = info.kind === 'holiday' ? (info.name ?? '') : `${info.name ?? ''} 调休上班`;
    lines.push(`${info.date} ${weekday}  ${mark}  ${name}`);
  }
  if (special.length === 0) lines.push('(no holidays or make-up workdays this month)');
  const complete = days.every((d) => d.calendarComplete);
  lines.push(`${days.filter((d) => d.workday).length} working days${complete ? '' : ' (no published holiday schedule for this year: weekends only)'}`);
  return { text: `${lines.join('\n')}\n`, complete };
}

export function registerCalendar(program: Command, io: CliIo): void {
  const calendar = program.command('calendar').description('business calendar: working days, holidays, ICS import');

  calendar
    .command('add')
    .description('print the date N working days after FROM (YYYY-MM-DD)')
    .argument('<from>', 'start date, YYYY-MM-DD')
    .argument('<n>', `working days, 0-${MAX_WORKDAYS}`)
    .option('--calendar <code>', 'calendar code', DEFAULT_CALENDAR_CODE)
    .action(async (fromArg: string, nArg: string, options: { calendar: string }) => {
      const from = businessDateArg('FROM', fromArg);
      const n = workdaysArg(nArg);
      const { calendar: cal } = await loadCalendar(io, await io.database(), options.calendar);
      const result = await domainToCli(() => addWorkdays(cal, from, n));
      io.out(`${result.date}\n`);
      warnIncomplete(io, cal, result.calendarComplete);
    });

  calendar
    .command('count')
    .description('print the number of working days in (FROM, TO]')
    .argument('<from>', 'YYYY-MM-DD')
    .argument('<to>', 'YYYY-MM-DD')
    .option('--calendar <code>', 'calendar code', DEFAULT_CALENDAR_CODE)
    .action(async (fromArg: string, toArg: string, options: { calendar: string }) => {
      const from = businessDateArg('FROM', fromArg);
      const to = businessDateArg('TO', toArg);
      const { calendar: cal } = await loadCalendar(io, await io.database(), options.calendar);
      const result = countWorkdays(cal, from, to);
      io.out(`${result.count}\n`);
      warnIncomplete(io, cal, result.calendarComplete);
    });

  calendar
    .command('show')
    .description('print a month as a grid with its holidays (H) and make-up workdays (W)')
    .argument('<month>', 'YYYY-MM')
    .option('--calendar <code>', 'calendar code', DEFAULT_CALENDAR_CODE)
    .action(async (monthText: string, options: { calendar: string }) => {
      const { year, month } = monthArg(monthText);
      const { calendar: cal, name } = await loadCalendar(io, await io.database(), options.calendar);
      const { text, complete } = renderMonth(cal, name, year, month);
      io.out(text);
      warnIncomplete(io, cal, complete);
    });

  calendar
    .command('list')
    .description('list the calendars')
    .action(async () => {
      for (const c of await listCalendars(await io.database())) {
        const base = c.basedOn ? ` based on ${c.basedOn}` : c.builtinDataset ? ` built-in ${c.builtinDataset}` : '';
        io.out(`${c.code}\t${c.name}\t${c.zone}${base}\tversion ${c.version}\t${c.overrideCount} overrides\n`);
      }
    });

  calendar
    .command('import-ics')
    .description('import holidays and make-up workdays from an iCalendar file (re-importing a year replaces its earlier import)')
    .argument('<file>', '.ics file')
    .option('--calendar <code>', 'calendar code', DEFAULT_CALENDAR_CODE)
    .option('--dry-run', 'show what would change, change nothing')
    .option('--publish', "declare the file's years complete")
    .option('--skip-invalid', 'import the valid events of a file that has bad ones')
    .action(async (fileArg: string, options: { calendar: string; dryRun?: boolean; publish?: boolean; skipInvalid?: boolean }) => {
      const file = resolve(io.cwd, fileArg);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new CliError(`Cannot read ${file}`);
      }
      const db = await io.database();
      if (!(await findCalendar(db, options.calendar))) throw new CliError(`No calendar ${options.calendar}`);
      await db.transaction(async (tx) => {
        const plan = await planIcsImport(tx, options.calendar, text);
        const count = (change: string) => plan.overrides.filter((o) => o.change === change).length;
        io.out(
          `${options.calendar}: ${plan.overrides.length} dates in ${plan.years.join(', ') || 'no year'} ` +
            `(add ${count('add')}, change ${count('change')}, same ${count('same')}, remove ${plan.removed.length})\n`,
        );
        for (const o of plan.overrides.filter((x) => x.change !== 'same')) {
          const was = o.current.name ? `${o.current.kind} ${o.current.name}` : o.current.kind;
          io.out(`  ${o.date} ${o.kind === 'holiday' ? 'H' : 'W'} ${o.name}  (was ${was})\n`);
        }
        for (const date of plan.removed) io.out(`  ${date} -  (earlier import, no longer in the file)\n`);
        for (const issue of plan.issues) io.err(`line ${issue.row}: ${issue.path} ${issue.code}: ${issue.message}\n`);
        if (options.dryRun) {
          io.out(`Dry run: nothing changed${options.publish && plan.publishable.length > 0 ? `; would declare ${plan.publishable.join(', ')} complete` : ''}\n`);
          return;
        }
        if (plan.issues.length > 0 && (!options.skipInvalid || plan.overrides.length === 0)) {
          throw new CliError(`${plan.issues.length} event(s) cannot be imported; fix them or pass --skip-invalid. Nothing changed.`);
        }
        const result = await commitIcsImport(tx, plan, { publish: options.publish === true, createdBy: null });
        await appendAudit(tx, {
          actorName: 'cli',
          action: 'calendar.ics_import',
          entityType: 'calendar',
          entityId: options.calendar,
          after: { years: plan.years, written: result.written, removed: result.removed, published: result.published, issues: plan.issues.length, file },
        });
        io.out(
          `Imported: ${result.written} written, ${result.removed} removed` +
            `${result.published.length > 0 ? `, ${result.published.join(', ')} declared complete` : ''}; calendar ${options.calendar} at version ${result.version}\n`,
        );
      });
    });
}
