import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkdays, dayInfo, DEFAULT_WEEKLY_HOURS } from '@patron/domain';
import { sql } from 'drizzle-orm';
import type { Database } from '../database';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import {
  addPublishedYear,
  clearCalendarCache,
  deleteCalendarOverride,
  insertCalendar,
  listCalendars,
  loadBusinessCalendar,
  upsertCalendarOverride,
} from './calendar.repository';

describe.each(testDatabaseKinds())('calendar repository on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    clearCalendarCache();
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it('loads CN from the built-in dataset with no rows of holiday data in the database', async () => {
    const count = await db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM calendar_overrides`);
    expect(count?.n).toBe(0);
    const cn = await loadBusinessCalendar(db);
    expect(cn.id).toBe('CN');
    expect(cn.version).toMatch(/^CN@1\+cn-mainland\+chinese-days@/);
    // 2026-01-01..03 元旦, Sunday 01-04 a make-up day, then Monday and Tuesday.
    expect(addWorkdays(cn, '2026-01-01', 3)).toEqual({ date: '2026-01-06', calendarComplete: true });
    expect(addWorkdays(cn, '2027-03-01', 1).calendarComplete).toBe(false);
  });

  it('compiles once per version and recompiles when the overrides change', async () => {
    const first = await loadBusinessCalendar(db, 'CN');
    expect(await loadBusinessCalendar(db, 'CN')).toBe(first);
    await db.transaction((tx) => upsertCalendarOverride(tx, 'CN', { date: '2026-01-05', kind: 'holiday', name: '测试假日', source: 'admin' }, null));
    const second = await loadBusinessCalendar(db, 'CN');
    expect(second).not.toBe(first);
    expect(second.version).toMatch(/^CN@2\+/);
    expect(addWorkdays(second, '2026-01-01', 3).date).toBe('2026-01-07');
    await db.transaction((tx) => deleteCalendarOverride(tx, 'CN', '2026-01-05'));
    expect(addWorkdays(await loadBusinessCalendar(db, 'CN'), '2026-01-01', 3).date).toBe('2026-01-06');
  });

  it('notices a change another node made (only the version row tells it)', async () => {
    const before = await loadBusinessCalendar(db, 'CN');
    await db.run(sql`INSERT INTO calendar_overrides (calendar_code, date, kind, name, source) VALUES ('CN', '2027-02-08', 'holiday', '春节', 'admin')`);
    expect(await loadBusinessCalendar(db, 'CN')).toBe(before);
    await db.run(sql`UPDATE calendars SET version = version + 1, revision = gen_random_uuid()::text WHERE code = 'CN'`);
    const after = await loadBusinessCalendar(db, 'CN');
    expect(after).not.toBe(before);
    expect(dayInfo(after, '2027-02-08')).toMatchObject({ kind: 'holiday', name: '春节', calendarComplete: false });
    await db.transaction((tx) => addPublishedYear(tx, 'CN', 2027, null));
    expect(dayInfo(await loadBusinessCalendar(db, 'CN'), '2027-02-08').calendarComplete).toBe(true);
  });

  it('layers a province calendar on CN, and follows changes to its base', async () => {
    await db.transaction((tx) =>
      insertCalendar(tx, { code: 'CN-XZ', name: '西藏自治区', zone: 'Asia/Shanghai', weeklyHours: DEFAULT_WEEKLY_HOURS, basedOn: 'CN', createdBy: null }),
    );
    await db.transaction((tx) => upsertCalendarOverride(tx, 'CN-XZ', { date: '2026-02-18', kind: 'holiday', name: '藏历新年', source: 'admin' }, null));
    const xz = await loadBusinessCalendar(db, 'CN-XZ');
    expect(dayInfo(xz, '2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    // 2026-02-18 is already inside the Spring Festival run; the local name wins on the local calendar.
    expect(dayInfo(xz, '2026-02-18')).toMatchObject({ kind: 'holiday', name: '藏历新年' });
    await db.transaction((tx) => upsertCalendarOverride(tx, 'CN', { date: '2026-03-02', kind: 'holiday', name: '全国测试', source: 'admin' }, null));
    expect(dayInfo(await loadBusinessCalendar(db, 'CN-XZ'), '2026-03-02')).toMatchObject({ kind: 'holiday', name: '全国测试' });
    const listed = await listCalendars(db);
    expect(listed.map((c) => c.code)).toEqual(['CN', 'CN-XZ']);
    expect(listed[0]).toMatchObject({ publishedYears: [2027], builtinDataset: 'cn-mainland', basedOn: null });
  });

  it('refuses an unknown calendar with a domain error', async () => {
    await expect(loadBusinessCalendar(db, 'NOPE')).rejects.toMatchObject({ code: 'calendar.unknown_calendar', path: 'calendar' });
  });
});
