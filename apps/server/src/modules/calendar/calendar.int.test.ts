import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkdays, chinaMainlandCalendar, countWorkdays } from '@patron/domain';
import { clearCalendarCache } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';

type Client = ReturnType<TestApp['as']>;

/** Built-in data only: the cross-check for answers the test also states by hand. */
const builtIn = chinaMainlandCalendar();

function errorOf(response: { statusCode: number; json(): unknown }) {
  return (response.json() as { error: { code: string; details: { path: string; message: string }[] } }).error;
}

const ICS_2027 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//holidays//ZH',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270102',
  'SUMMARY:元旦',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270206',
  'DTEND;VALUE=DATE:20270214',
  'SUMMARY:春节(休)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270220',
  'SUMMARY:春节(班)',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe.each(testDatabaseKinds())('business calendar over HTTP on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let am: Client;
  let cityManager: Client;
  const tokens: Record<string, string> = {};
  /** PUT (the shared helper sends POST, PATCH and DELETE) and ICS uploads, as `username`. */
  const put = (username: string, url: string, body: unknown) =>
    t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${tokens[username]}` }, payload: body as object });
  const upload = (username: string, url: string, payload: string, contentType = 'text/calendar; charset=utf-8') =>
    t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${tokens[username]}`, 'content-type': contentType }, payload });
  beforeAll(async () => {
    clearCalendarCache();
    t = await startTestApp(kind);
    for (const username of ['admin', 'am_a', 'cm_1']) tokens[username] = await t.login(username);
    admin = t.as(tokens.admin!);
    am = t.as(tokens.am_a!);
    cityManager = t.as(tokens.cm_1!);
  });
  afterAll(() => t.close());

  describe('working-day arithmetic', () => {
    it('adds working days over New Year 2026 (元旦 Jan 1–3, make-up Sunday Jan 4)', async () => {
      const response = await am.get('/api/v1/calendar/workdays/add?from=2026-01-01&days=3');
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe('{"date":"2026-01-06","calendarComplete":true}');
      expect(addWorkdays(builtIn, '2026-01-01', 3)).toEqual(response.json());
    });

    it.each([
      // National Day 2026: Oct 1–7 off, make-up Sunday Sep 20 and Saturday Oct 10.
      ['2026-09-19', 1, '2026-09-20'],
      ['2026-09-30', 1, '2026-10-08'],
      ['2026-09-30', 3, '2026-10-10'],
      ['2026-09-30', 4, '2026-10-12'],
      // Spring Festival 2026: Feb 15–23 off, make-up Saturdays Feb 14 and Feb 28.
      ['2026-02-13', 1, '2026-02-14'],
      ['2026-02-13', 2, '2026-02-24'],
      ['2026-02-13', 6, '2026-02-28'],
      ['2026-02-13', 7, '2026-03-02'],
      // Zero days never moves a date, even a holiday.
      ['2026-10-01', 0, '2026-10-01'],
    ])('from %s plus %i working days is %s', async (from, days, expected) => {
      const response = await am.get(`/api/v1/calendar/workdays/add?from=${from}&days=${days}`);
      expect(response.json()).toEqual({ date: expected, calendarComplete: true });
      expect(addWorkdays(builtIn, from, days).date).toBe(expected);
    });

    it('counts working days in (from, to]', async () => {
      const response = await am.get('/api/v1/calendar/workdays/count?from=2026-02-13&to=2026-02-28');
      expect(response.body).toBe('{"count":6,"calendarComplete":true}');
      expect(countWorkdays(builtIn, '2026-02-13', '2026-02-28').count).toBe(6);
      expect((await am.get('/api/v1/calendar/workdays/count?from=2026-09-30&to=2026-10-09')).json()).toEqual({ count: 2, calendarComplete: true });
      expect((await am.get('/api/v1/calendar/workdays/count?from=2026-10-09&to=2026-09-30')).json()).toEqual({ count: 0, calendarComplete: true });
    });

    it('says so when it reads a year without a published schedule', async () => {
      expect((await am.get('/api/v1/calendar/workdays/add?from=2027-03-01&days=1')).json()).toEqual({ date: '2027-03-02', calendarComplete: false });
      expect((await am.get('/api/v1/calendar/workdays/add?from=2026-12-30&days=5')).json()).toMatchObject({ calendarComplete: false });
      expect((await am.get('/api/v1/calendar/workdays/count?from=2026-12-01&to=2027-01-10')).json()).toMatchObject({ calendarComplete: false });
      expect((await am.get('/api/v1/calendar/days/2030-01-01')).json()).toMatchObject({ kind: 'workday', calendarComplete: false });
      expect((await am.get('/api/v1/calendar/workdays/add?from=2003-12-30&days=1')).json()).toMatchObject({ calendarComplete: false });
    });

    it('describes single days', async () => {
      expect((await am.get('/api/v1/calendar/days/2026-10-01')).json()).toEqual({
        date: '2026-10-01',
        workday: false,
        kind: 'holiday',
        name: '国庆节',
        calendarComplete: true,
      });
      expect((await am.get('/api/v1/calendar/days/2026-09-20')).json()).toEqual({
        date: '2026-09-20',
        workday: true,
        kind: 'makeup_workday',
        name: '国庆节',
        calendarComplete: true,
      });
      expect((await am.get('/api/v1/calendar/days/2026-02-17')).json()).toMatchObject({ kind: 'holiday', name: '春节' });
      expect((await am.get('/api/v1/calendar/days/2026-10-17')).json()).toEqual({ date: '2026-10-17', workday: false, kind: 'weekend', calendarComplete: true });
      expect((await am.get('/api/v1/calendar/days/2026-10-19')).json()).toEqual({ date: '2026-10-19', workday: true, kind: 'workday', calendarComplete: true });
    });

    it('lays out a month for the admin page', async () => {
      const response = await am.get('/api/v1/calendar/months/2026-10');
      expect(response.statusCode).toBe(200);
      const month = response.json();
      expect(month).toMatchObject({ calendar: 'CN', month: '2026-10', calendarComplete: true, workdayCount: 18 });
      expect(month.days).toHaveLength(31);
      expect(month.days[0]).toEqual({ date: '2026-10-01', weekday: 4, workday: false, kind: 'holiday', name: '国庆节', source: 'builtin', overrideCalendar: null });
      expect(month.days[9]).toMatchObject({ date: '2026-10-10', weekday: 6, workday: true, kind: 'makeup_workday', source: 'builtin' });
      expect(month.days[10]).toMatchObject({ date: '2026-10-11', weekday: 7, kind: 'weekend', source: 'weekly' });
      expect((await am.get('/api/v1/calendar/months/2027-02')).json()).toMatchObject({ calendarComplete: false, workdayCount: 20 });
    });
  });

  describe('bad input', () => {
    it.each([
      ['/api/v1/calendar/workdays/add?from=2026-02-30&days=3', 'query.from'],
      ['/api/v1/calendar/workdays/add?from=2026-1-5&days=3', 'query.from'],
      ['/api/v1/calendar/workdays/add?from=1899-12-31&days=3', 'query.from'],
      ['/api/v1/calendar/workdays/add?days=3', 'query.from'],
      ['/api/v1/calendar/workdays/add?from=2026-01-01&days=abc', 'query.days'],
      ['/api/v1/calendar/workdays/add?from=2026-01-01&days=-1', 'query.days'],
      ['/api/v1/calendar/workdays/add?from=2026-01-01&days=1.5', 'query.days'],
      ['/api/v1/calendar/workdays/add?from=2026-01-01&days=1e3', 'query.days'],
      ['/api/v1/calendar/workdays/add?from=2026-01-01&days=3651', 'query.days'],
      ['/api/v1/calendar/workdays/add?from=2026-01-01&days=', 'query.days'],
      ['/api/v1/calendar/workdays/add?from=2026-01-01', 'query.days'],
      ['/api/v1/calendar/workdays/add?from=2026-01-01&days=3&calendar=cn', 'query.calendar'],
      ['/api/v1/calendar/workdays/count?from=2026-01-01&to=2026-13-01', 'query.to'],
      ['/api/v1/calendar/workdays/count?from=2026-02-29&to=2026-03-01', 'query.from'],
      ['/api/v1/calendar/days/2026-02-30', 'params.date'],
      ['/api/v1/calendar/days/today', 'params.date'],
      ['/api/v1/calendar/months/2026-13', 'params.month'],
    ])('%s → 400 at %s', async (url, path) => {
      const response = await am.get(url);
      expect(response.statusCode).toBe(400);
      const error = errorOf(response);
      expect(error.code).toBe('validation.failed');
      expect(error.details.map((d) => d.path)).toEqual([path]);
      expect(error.details[0]?.message).not.toBe('');
    });

    it('names an unknown calendar with its own code', async () => {
      for (const url of [
        '/api/v1/calendar/workdays/add?from=2026-01-01&days=3&calendar=MARS',
        '/api/v1/calendar/workdays/count?from=2026-01-01&to=2026-02-01&calendar=MARS',
        '/api/v1/calendar/days/2026-01-01?calendar=MARS',
        '/api/v1/calendar/months/2026-01?calendar=MARS',
      ]) {
        const response = await am.get(url);
        expect(response.statusCode, url).toBe(400);
        expect(errorOf(response)).toMatchObject({ code: 'calendar.unknown_calendar', details: [{ path: 'query.calendar' }] });
      }
    });

    it('refuses to run past the last supported year, blaming the days', async () => {
      const response = await am.get('/api/v1/calendar/workdays/add?from=2199-12-01&days=3650');
      expect(response.statusCode).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 'calendar.date_out_of_range', details: [{ path: 'query.days' }] });
    });

    it('wants a signed-in caller', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/workdays/add?from=2026-01-01&days=3' });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('administration', () => {
    it('lists CN with its built-in complete years', async () => {
      const response = await am.get('/api/v1/calendars');
      expect(response.statusCode).toBe(200);
      const [cn] = response.json().items;
      expect(cn).toMatchObject({ code: 'CN', name: '中国大陆法定节假日', zone: 'Asia/Shanghai', basedOn: null, builtinDataset: 'cn-mainland', publishedYears: [] });
      expect(cn.completeYears).toContain(2004);
      expect(cn.completeYears).toContain(2026);
      expect(cn.completeYears).not.toContain(2027);
      expect(cn.weeklyHours.mon).toEqual([{ start: '08:30', end: '17:30' }]);
      expect(cn.weeklyHours.sat).toEqual([]);
    });

    it('lets only system.manage or rule.manage holders edit', async () => {
      const denied = await put('am_a', '/api/v1/calendars/CN/days/2026-01-05', { kind: 'holiday', name: '测试' });
      expect(denied.statusCode).toBe(403);
      expect(errorOf(denied).code).toBe('auth.forbidden');
      expect((await am.send('DELETE', '/api/v1/calendars/CN/days/2026-01-01')).statusCode).toBe(403);
      expect((await am.send('POST', '/api/v1/calendars/CN/published-years', { year: 2027 })).statusCode).toBe(403);
      expect((await am.send('POST', '/api/v1/calendars', { code: 'CN-GD', name: '广东' })).statusCode).toBe(403);
      expect((await upload('am_a', '/api/v1/calendars/CN/ics?dryRun=true', ICS_2027)).statusCode).toBe(403);
      expect((await am.get('/api/v1/calendars')).statusCode).toBe(200);
    });

    it('changes answers at once when an admin overrides a day, and again when the override goes', async () => {
      const set = await put('cm_1', '/api/v1/calendars/CN/days/2026-01-05', { kind: 'holiday', name: '临时停工' });
      expect(set.statusCode).toBe(200);
      expect(set.json()).toMatchObject({ calendarCode: 'CN', date: '2026-01-05', kind: 'holiday', name: '临时停工', source: 'admin', version: 2 });
      expect((await am.get('/api/v1/calendar/workdays/add?from=2026-01-01&days=3')).json()).toEqual({ date: '2026-01-07', calendarComplete: true });
      expect((await am.get('/api/v1/calendar/days/2026-01-05')).json()).toMatchObject({ kind: 'holiday', name: '临时停工' });
      const month = (await am.get('/api/v1/calendar/months/2026-01')).json();
      expect(month.days[4]).toMatchObject({ date: '2026-01-05', kind: 'holiday', source: 'admin', overrideCalendar: 'CN' });

      // Withdraw a built-in make-up day with 'regular'.
      const regular = await put('admin', '/api/v1/calendars/CN/days/2026-01-04', { kind: 'regular' });
      expect(regular.statusCode).toBe(200);
      expect((await am.get('/api/v1/calendar/workdays/add?from=2026-01-01&days=3')).json()).toEqual({ date: '2026-01-08', calendarComplete: true });

      expect((await admin.send('DELETE', '/api/v1/calendars/CN/days/2026-01-05')).statusCode).toBe(204);
      expect((await admin.send('DELETE', '/api/v1/calendars/CN/days/2026-01-04')).statusCode).toBe(204);
      expect((await am.get('/api/v1/calendar/workdays/add?from=2026-01-01&days=3')).json()).toEqual({ date: '2026-01-06', calendarComplete: true });
      expect((await admin.send('DELETE', '/api/v1/calendars/CN/days/2026-01-04')).statusCode).toBe(404);

      const audit = (await admin.get('/api/v1/audit-events?entityType=calendar&entityId=CN')).json();
      const actions = (audit.items as { action: string; actorName: string }[]).map((e) => `${e.action}:${e.actorName}`);
      expect(actions).toEqual(['calendar.day.delete:admin', 'calendar.day.delete:admin', 'calendar.day.set:admin', 'calendar.day.set:cm_1']);
      expect(audit.items[3]).toMatchObject({ before: null, after: { date: '2026-01-05', kind: 'holiday', name: '临时停工', source: 'admin' } });
    });

    it('validates edits', async () => {
      const noName = await put('admin', '/api/v1/calendars/CN/days/2026-01-05', { kind: 'holiday' });
      expect(noName.statusCode).toBe(400);
      expect(errorOf(noName).details.map((d) => d.path)).toEqual(['body.name']);
      const badKind = await put('admin', '/api/v1/calendars/CN/days/2026-02-30', { kind: 'vacation', name: 'x' });
      expect(badKind.statusCode).toBe(400);
      expect(errorOf(badKind).details.map((d) => d.path).sort()).toEqual(['params.date']);
      const badBody = await put('admin', '/api/v1/calendars/CN/days/2026-01-05', { kind: 'vacation', name: 'x' });
      expect(errorOf(badBody).details.map((d) => d.path)).toEqual(['body.kind']);
      expect((await put('admin', '/api/v1/calendars/MARS/days/2026-01-05', { kind: 'holiday', name: 'x' })).statusCode).toBe(404);
      const year = await admin.send('POST', '/api/v1/calendars/CN/published-years', { year: 1800 });
      expect(year.statusCode).toBe(400);
      expect(errorOf(year).details.map((d) => d.path)).toEqual(['body.year']);
    });

    it('marks a year complete when an admin publishes it', async () => {
      expect((await am.get('/api/v1/calendar/workdays/add?from=2028-03-01&days=1')).json()).toMatchObject({ calendarComplete: false });
      const published = await cityManager.send('POST', '/api/v1/calendars/CN/published-years', { year: 2028 });
      expect(published.statusCode).toBe(201);
      expect(published.json()).toMatchObject({ calendarCode: 'CN', year: 2028, changed: true });
      expect((await cityManager.send('POST', '/api/v1/calendars/CN/published-years', { year: 2028 })).json()).toMatchObject({ changed: false });
      expect((await am.get('/api/v1/calendar/workdays/add?from=2028-03-01&days=1')).json()).toEqual({ date: '2028-03-02', calendarComplete: true });
      expect((await cityManager.send('DELETE', '/api/v1/calendars/CN/published-years/2028')).statusCode).toBe(204);
      expect((await am.get('/api/v1/calendar/workdays/add?from=2028-03-01&days=1')).json()).toMatchObject({ calendarComplete: false });
      expect((await cityManager.send('DELETE', '/api/v1/calendars/CN/published-years/2028')).statusCode).toBe(404);
    });

    it('previews an ICS file, then imports it and publishes its year', async () => {
      const post = (query: string, payload: string) => upload('admin', `/api/v1/calendars/CN/ics${query}`, payload);

      const preview = await post('?dryRun=true&publish=true', ICS_2027);
      expect(preview.statusCode).toBe(200);
      const plan = preview.json();
      expect(plan).toMatchObject({ calendar: 'CN', dryRun: true, years: [2027], issues: [], published: [2027], counts: { add: 10, change: 0, same: 0, removed: 0 } });
      expect(plan.overrides).toHaveLength(10);
      expect(plan.overrides[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦', change: 'add', current: { kind: 'workday' } });
      expect(plan.overrides.at(-1)).toEqual({ date: '2027-02-20', kind: 'makeup_workday', name: '春节', change: 'add', current: { kind: 'weekend' } });
      // Nothing changed yet.
      expect((await am.get('/api/v1/calendar/days/2027-02-08')).json()).toMatchObject({ kind: 'workday', calendarComplete: false });

      const committed = await post('?publish=true', ICS_2027);
      expect(committed.statusCode).toBe(200);
      expect(committed.json()).toMatchObject({ dryRun: false, published: [2027] });
      expect((await am.get('/api/v1/calendar/days/2027-02-08')).json()).toEqual({ date: '2027-02-08', workday: false, kind: 'holiday', name: '春节', calendarComplete: true });
      expect((await am.get('/api/v1/calendar/workdays/add?from=2027-02-05&days=1')).json()).toEqual({ date: '2027-02-15', calendarComplete: true });
      expect((await am.get('/api/v1/calendar/days/2027-02-20')).json()).toMatchObject({ kind: 'makeup_workday', workday: true });

      // Re-importing a corrected file replaces the earlier import of that year.
      const corrected = ICS_2027.replace('DTEND;VALUE=DATE:20270214', 'DTEND;VALUE=DATE:20270213');
      const again = await post('', corrected);
      expect(again.json()).toMatchObject({ counts: { removed: 1, same: 9 } });
      expect((await am.get('/api/v1/calendar/days/2027-02-13')).json()).toMatchObject({ kind: 'weekend' });

      const audit = (await admin.get('/api/v1/audit-events?action=calendar.ics_import')).json();
      expect(audit.total).toBe(2);
    });

    it('refuses an ICS file with bad events unless told to skip them', async () => {
      const broken = ICS_2027.replace('DTSTART;VALUE=DATE:20270220', 'DTSTART;VALUE=DATE:20270230');
      const inject = (query: string, payload: string, contentType?: string) => upload('admin', `/api/v1/calendars/CN/ics${query}`, payload, contentType);
      const refused = await inject('', broken);
      expect(refused.statusCode).toBe(400);
      expect(errorOf(refused)).toMatchObject({ code: 'validation.failed', details: [{ path: 'body.VEVENT.2.DTSTART' }] });
      expect(errorOf(refused).details[0]?.message).toMatch(/^line 15: .*ics\.invalid_date/);
      const preview = await inject('?dryRun=true', broken);
      expect(preview.json().issues).toEqual([{ row: 15, path: 'VEVENT[2].DTSTART', code: 'ics.invalid_date', message: expect.any(String) }]);
      expect((await inject('?skipInvalid=true', broken)).statusCode).toBe(200);
      const empty = await inject('', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
      expect(errorOf(empty).details[0]?.path).toBe('body.VCALENDAR');
      expect((await inject('', ICS_2027, 'application/xml')).statusCode).toBe(415);
    });

    it('creates a province calendar on CN with local holidays', async () => {
      const created = await cityManager.send('POST', '/api/v1/calendars', { code: 'CN-XZ', name: '西藏自治区', basedOn: 'CN' });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ code: 'CN-XZ', basedOn: 'CN', zone: 'Asia/Shanghai', version: 1 });
      expect(created.json().completeYears).toContain(2026);
      expect((await cityManager.send('POST', '/api/v1/calendars', { code: 'CN-XZ', name: 'again' })).statusCode).toBe(409);

      await put('cm_1', '/api/v1/calendars/CN-XZ/days/2026-03-18', { kind: 'holiday', name: '藏历新年' });
      expect((await am.get('/api/v1/calendar/days/2026-03-18?calendar=CN-XZ')).json()).toMatchObject({ kind: 'holiday', name: '藏历新年' });
      expect((await am.get('/api/v1/calendar/days/2026-03-18')).json()).toMatchObject({ kind: 'workday' });
      expect((await am.get('/api/v1/calendar/days/2026-10-01?calendar=CN-XZ')).json()).toMatchObject({ kind: 'holiday', name: '国庆节' });
      expect((await am.get('/api/v1/calendar/workdays/add?from=2026-03-17&days=1&calendar=CN-XZ')).json()).toEqual({ date: '2026-03-19', calendarComplete: true });
      const month = (await am.get('/api/v1/calendar/months/2026-03?calendar=CN-XZ')).json();
      expect(month.days[17]).toMatchObject({ date: '2026-03-18', source: 'admin', overrideCalendar: 'CN-XZ' });

      const sixDays = { mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }], wed: [], thu: [], fri: [], sat: [{ start: '09:00', end: '12:00' }], sun: [] };
      const own = await admin.send('POST', '/api/v1/calendars', { code: 'SHOP', name: '营业厅', weeklyHours: sixDays, zone: 'UTC' });
      expect(own.statusCode).toBe(201);
      expect(own.json()).toMatchObject({ basedOn: null, builtinDataset: null, completeYears: [] });
      expect((await am.get('/api/v1/calendar/days/2026-10-03?calendar=SHOP')).json()).toEqual({ date: '2026-10-03', workday: true, kind: 'workday', calendarComplete: false });
    });

    it('validates new calendars', async () => {
      const cases: [unknown, string[]][] = [
        [{ code: 'cn-gd', name: 'x' }, ['body.code']],
        [{ code: 'CN-GD', name: '' }, ['body.name']],
        [{ code: 'CN-GD', name: 'x', basedOn: 'MARS' }, ['body.basedOn']],
        [{ code: 'CN-GD', name: 'x', zone: 'Europe/Paris' }, ['body.zone']],
        [{ code: 'CN-GD', name: 'x', weeklyHours: { mon: [{ start: '9:00', end: '18:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, ['body.weeklyHours.mon.0.start']],
        [{ code: 'CN-GD', name: 'x', weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, ['body.weeklyHours']],
        [{ code: 'CN-GD', name: 'x', weeklyHours: { mon: [{ start: '18:00', end: '09:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, ['body.weeklyHours.mon.0']],
      ];
      for (const [body, paths] of cases) {
        const response = await admin.send('POST', '/api/v1/calendars', body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(errorOf(response).details.map((d) => d.path), JSON.stringify(body)).toEqual(paths);
      }
    });
  });
});
