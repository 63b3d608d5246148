import {
  CalendarCodeParam,
  CalendarCreate,
  CalendarDayBody,
  CalendarDayParams,
  CalendarDateParam,
  CalendarList,
  CalendarMonthParam,
  CalendarMonthReply,
  CalendarOverrideSchema,
  CalendarQuery,
  CalendarSchema,
  CalendarYearParams,
  DayInfoReply,
  IcsBody,
  IcsImportQuery,
  IcsImportReply,
  PublishedYearBody,
  PublishedYearReply,
  WorkdaysAddQuery,
  WorkdaysAddReply,
  WorkdaysCountQuery,
  WorkdaysCountReply,
} from '@patron/contracts';
import {
  addPublishedYear,
  DEFAULT_CALENDAR_CODE,
  commitIcsImport,
  deleteCalendarOverride,
  findCalendar,
  findCalendarOverride,
  insertCalendar,
  listCalendars,
  loadBusinessCalendar,
  planIcsImport,
  removePublishedYear,
  upsertCalendarOverride,
  type CalendarSummary,
  type Executor,
} from '@patron/db';
import {
  DEFAULT_CALENDAR_ZONE,
  DEFAULT_WEEKLY_HOURS,
  type WeeklyHours,
  addWorkdays,
  calendarSpec,
  compileCalendar,
  countWorkdays,
  dayInfo,
} from '@patron/domain';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { authorize, authorizeAny } from '../../plugins/authenticate';
import { atRequestPaths, calendarAt, dottedPath } from './calendar-http';
import { calendarMonth } from './calendar-month';

/** Years computations treat as complete on a calendar: built-in, inherited and declared. */
async function withCompleteYears(db: Executor, calendar: CalendarSummary) {
  const compiled = await loadBusinessCalendar(db, calendar.code);
  return { ...calendar, completeYears: [...compiled.spec.publishedYears] };
}

async function existingCalendar(db: Executor, code: string): Promise<CalendarSummary> {
  const calendar = await findCalendar(db, code);
  if (!calendar) throw notFound(`Calendar ${code}`);
  return calendar;
}

export async function calendarRoutes(app: App) {
  const { db } = app.deps;
  const signedIn = authorize();
  const edit = authorizeAny('system.manage', 'rule.manage');

  // iCalendar uploads arrive as text/calendar; this parser only applies inside this module.
  app.addContentTypeParser('text/calendar', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  // -------------------------------------------------------------------------------------------
  // Working-day arithmetic: any signed-in user
  // -------------------------------------------------------------------------------------------

  app.get(
    '/calendar/workdays/add',
    { preHandler: signedIn, schema: { tags: ['calendar'], querystring: WorkdaysAddQuery, response: { 200: WorkdaysAddReply } } },
    async (request) => {
      const { from, days, calendar } = request.query;
      const cal = await calendarAt(db, calendar, 'query.calendar');
      // The only failure left is running past the calendar's last year: blame the number of days.
      return atRequestPaths(() => addWorkdays(cal, from, days), { from: 'query.from' }, 'query.days');
    },
  );

  app.get(
    '/calendar/workdays/count',
    { preHandler: signedIn, schema: { tags: ['calendar'], querystring: WorkdaysCountQuery, response: { 200: WorkdaysCountReply } } },
    async (request) => {
      const { from, to, calendar } = request.query;
      const cal = await calendarAt(db, calendar, 'query.calendar');
      return atRequestPaths(() => countWorkdays(cal, from, to), { from: 'query.from', to: 'query.to' }, 'query.to');
    },
  );

  app.get(
    '/calendar/days/:date',
    {
      preHandler: signedIn,
      schema: { tags: ['calendar'], params: CalendarDateParam, querystring: CalendarQuery, response: { 200: DayInfoReply } },
    },
    async (request) => {
      const cal = await calendarAt(db, request.query.calendar, 'query.calendar');
      return atRequestPaths(() => dayInfo(cal, request.params.date), {}, 'params.date');
    },
  );

  app.get(
    '/calendar/months/:month',
    {
      preHandler: signedIn,
      schema: { tags: ['calendar'], params: CalendarMonthParam, querystring: CalendarQuery, response: { 200: CalendarMonthReply } },
    },
    async (request) => calendarMonth(db, request.query.calendar ?? DEFAULT_CALENDAR_CODE, request.params.month, 'query.calendar'),
  );

  // -------------------------------------------------------------------------------------------
  // Calendars: read by anyone signed in, edited by system.manage or rule.manage (audited)
  // -------------------------------------------------------------------------------------------

  app.get(
    '/calendars',
    { preHandler: signedIn, schema: { tags: ['calendar'], response: { 200: CalendarList } } },
    async () => ({ items: await Promise.all((await listCalendars(db)).map((c) => withCompleteYears(db, c))) }),
  );

  app.get(
    '/calendars/:code',
    { preHandler: signedIn, schema: { tags: ['calendar'], params: CalendarCodeParam, response: { 200: CalendarSchema } } },
    async (request) => withCompleteYears(db, await existingCalendar(db, request.params.code)),
  );

  app.post(
    '/calendars',
    { preHandler: edit, schema: { tags: ['calendar'], body: CalendarCreate, response: { 201: CalendarSchema } } },
    async (request, reply) => {
      const body = request.body;
      const created = await db.transaction(async (tx) => {
        if (await findCalendar(tx, body.code)) throw conflict(`Calendar ${body.code} exists`, [{ path: 'body.code', message: 'taken' }]);
        const base = body.basedOn === undefined ? undefined : await findCalendar(tx, body.basedOn);
        if (body.basedOn !== undefined && !base) throw invalid('body.basedOn', `No calendar ${body.basedOn}`);
        const weeklyHours: WeeklyHours = body.weeklyHours ?? base?.weeklyHours ?? DEFAULT_WEEKLY_HOURS;
        const zone = body.zone ?? base?.zone ?? DEFAULT_CALENDAR_ZONE;
        // Hours that do not compile (overlaps, no working weekday) are refused here, not at first use.
        atRequestPaths(() => compileCalendar(calendarSpec({ zone, weeklyHours })), {}, 'body.*');
        const calendar = await insertCalendar(tx, {
          code: body.code,
          name: body.name,
          zone,
          weeklyHours,
          basedOn: body.basedOn ?? null,
          createdBy: request.access?.userId ?? null,
        });
        await audit(tx, request, { action: 'calendar.create', entityType: 'calendar', entityId: calendar.code, after: calendar });
        return calendar;
      });
      return reply.code(201).send(await withCompleteYears(db, created));
    },
  );

  app.put(
    '/calendars/:code/days/:date',
    { preHandler: edit, schema: { tags: ['calendar'], params: CalendarDayParams, body: CalendarDayBody, response: { 200: CalendarOverrideSchema } } },
    async (request) => {
      const { code, date } = request.params;
      const { kind, name } = request.body;
      return db.transaction(async (tx) => {
        await existingCalendar(tx, code);
        const before = (await findCalendarOverride(tx, code, date)) ?? null;
        const after = await upsertCalendarOverride(tx, code, { date, kind, name: name === undefined || name === '' ? null : name, source: 'admin' }, request.access?.userId ?? null);
        await audit(tx, request, {
          action: 'calendar.day.set',
          entityType: 'calendar',
          entityId: code,
          before: before && { date, kind: before.kind, name: before.name, source: before.source },
          after: { date, kind: after.kind, name: after.name, source: after.source },
        });
        const { version } = await existingCalendar(tx, code);
        return { ...after, version };
      });
    },
  );

  app.delete(
    '/calendars/:code/days/:date',
    { preHandler: edit, schema: { tags: ['calendar'], params: CalendarDayParams } },
    async (request, reply) => {
      const { code, date } = request.params;
      await db.transaction(async (tx) => {
        await existingCalendar(tx, code);
        const removed = await deleteCalendarOverride(tx, code, date);
        if (!removed) throw notFound(`Override of ${date} on calendar ${code}`);
        await audit(tx, request, {
          action: 'calendar.day.delete',
          entityType: 'calendar',
          entityId: code,
          before: { date, kind: removed.kind, name: removed.name, source: removed.source },
        });
      });
      return reply.code(204).send();
    },
  );

  app.post(
    '/calendars/:code/published-years',
    {
      preHandler: edit,
      schema: { tags: ['calendar'], params: CalendarCodeParam, body: PublishedYearBody, response: { 200: PublishedYearReply, 201: PublishedYearReply } },
    },
    async (request, reply) => {
      const { code } = request.params;
      const { year } = request.body;
      const result = await db.transaction(async (tx) => {
        await existingCalendar(tx, code);
        const changed = await addPublishedYear(tx, code, year, request.access?.userId ?? null);
        if (changed) await audit(tx, request, { action: 'calendar.year.publish', entityType: 'calendar', entityId: code, after: { year } });
        const { version } = await existingCalendar(tx, code);
        return { calendarCode: code, year, changed, version };
      });
      return reply.code(result.changed ? 201 : 200).send(result);
    },
  );

  app.delete(
    '/calendars/:code/published-years/:year',
    { preHandler: edit, schema: { tags: ['calendar'], params: CalendarYearParams } },
    async (request, reply) => {
      const { code, year } = request.params;
      await db.transaction(async (tx) => {
        await existingCalendar(tx, code);
        if (!(await removePublishedYear(tx, code, year))) throw notFound(`Published year ${year} on calendar ${code}`);
        await audit(tx, request, { action: 'calendar.year.unpublish', entityType: 'calendar', entityId: code, before: { year } });
      });
      return reply.code(204).send();
    },
  );

  app.post(
    '/calendars/:code/ics',
    {
      preHandler: edit,
      schema: { tags: ['calendar'], params: CalendarCodeParam, querystring: IcsImportQuery, body: IcsBody, response: { 200: IcsImportReply } },
    },
    async (request) => {
      const { code } = request.params;
      const { dryRun, publish, skipInvalid } = request.query;
      return db.transaction(async (tx) => {
        await existingCalendar(tx, code);
        const plan = await planIcsImport(tx, code, request.body);
        const counts = {
          add: plan.overrides.filter((o) => o.change === 'add').length,
          change: plan.overrides.filter((o) => o.change === 'change').length,
          same: plan.overrides.filter((o) => o.change === 'same').length,
          removed: plan.removed.length,
        };
        const reply = { calendar: code, years: plan.years, overrides: plan.overrides, issues: plan.issues, counts };
        if (dryRun) return { ...reply, dryRun: true, published: publish ? plan.publishable : [], version: plan.version };
        if (plan.issues.length > 0 && (!skipInvalid || plan.overrides.length === 0)) {
          throw new AppError(
            'validation.failed',
            'The file has events that cannot be imported; fix them, or pass skipInvalid=true to import the rest',
            plan.issues.map((issue) => ({ path: `body.${dottedPath(issue.path)}`, message: `line ${issue.row}: ${issue.message} (${issue.code})` })),
          );
        }
        const result = await commitIcsImport(tx, plan, { publish, createdBy: request.access?.userId ?? null });
        await audit(tx, request, {
          action: 'calendar.ics_import',
          entityType: 'calendar',
          entityId: code,
          after: { years: plan.years, ...counts, written: result.written, removed: result.removed, published: result.published, issues: plan.issues.length },
        });
        return { ...reply, counts: { ...counts, removed: result.removed }, dryRun: false, published: result.published, version: result.version };
      });
    },
  );
}
