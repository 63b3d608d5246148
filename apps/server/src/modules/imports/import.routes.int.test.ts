import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { XLSX_MIME } from './import-source';

describe.each(testDatabaseKinds())('imports API on %s', (kind) => {
  let t: TestApp;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    tokens = Object.fromEntries(await Promise.all(['am_a', 'am_b', 'dm_a', 'analyst'].map(async (user) => [user, await t.login(user)] as const)));
  });
  afterAll(() => t.close());

  const upload = (token: string, url: string, body: string | Buffer, contentType = 'text/csv; charset=utf-8', fileName = 'bills.csv') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName) },
      payload: body,
    });

  it('validates an upload, shows it, commits it, and serves the rejects', async () => {
    const csv = ['客户编号,账期,金额,已缴金额,缴费日期', 'C0000000001,2026-09,1000.00,1000,2026-10-09', 'C0000000002,2026-09,88.8,,', 'C0000000002,2026-09,99,,', 'C0000000001,2026-10,-1,,'].join('\n');
    const validated = await upload(tokens.am_a!, '/api/v1/imports/bills?mode=partial', csv, 'text/csv; charset=utf-8', '九月账单.csv');
    expect(validated.statusCode).toBe(200);
    const body = validated.json();
    expect(body).toMatchObject({
      kind: 'bills',
      fileName: '九月账单.csv',
      mode: 'partial',
      totalRows: 4,
      validRows: 2,
      rejected: 2,
      errors: [
        { line: 4, column: '账期', code: 'duplicate', message: 'the bill of C0000000002 for 2026-09 also appears on line 3' },
        { line: 5, column: '金额', code: 'negative', message: 'amounts cannot be negative, got -1' },
      ],
    });
    expect(body.preview[0]).toEqual({ line: 2, customer_no: 'C0000000001', month: '2026-09-01', amount: 100000, paid_amount: 100000, paid_on: '2026-10-09' });
    expect(await t.db.first(sql`SELECT count(*)::int AS n FROM bills`)).toEqual({ n: 0 });

    const run = await t.as(tokens.am_a!).get(`/api/v1/imports/${body.id}`);
    expect(run.json()).toMatchObject({ id: body.id, status: 'validated', createdBy: 'am_a', totalRows: 4, rejected: 2, progress: null });
    expect((await t.as(tokens.am_b!).get(`/api/v1/imports/${body.id}`)).statusCode).toBe(404);

    const committed = await t.as(tokens.am_a!).send('POST', `/api/v1/imports/${body.id}/commit`);
    expect(committed.statusCode).toBe(200);
    expect(committed.json()).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(await t.db.first(sql`SELECT count(*)::int AS n FROM bills`)).toEqual({ n: 2 });
    expect((await t.as(tokens.am_a!).get(`/api/v1/imports/${body.id}`)).json()).toMatchObject({ status: 'committed', inserted: 2 });
    expect((await t.as(tokens.am_a!).send('POST', `/api/v1/imports/${body.id}/commit`)).statusCode).toBe(409);

    const audit = await t.db.first<{ actor_name: string; entity_id: string; after: Record<string, unknown> }>(
      sql`SELECT actor_name, entity_id, after FROM audit_events WHERE action = 'import.run' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ actor_name: 'am_a', entity_id: String(body.id), after: { kind: 'bills', status: 'committed', inserted: 2, rejected: 2 } });

    const rejects = await t.as(tokens.am_a!).get(`/api/v1/imports/${body.id}/rejects`);
    expect(rejects.statusCode).toBe(200);
    expect(rejects.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(rejects.headers['content-disposition']).toContain(encodeURIComponent('九月账单.rejects.csv'));
    expect(rejects.body.split('\r\n')).toEqual([
      '\uFEFF客户编号,账期,金额,已缴金额,缴费日期,error',
      'C0000000002,2026-09,99,,,账期: the bill of C0000000002 for 2026-09 also appears on line 3',
      'C0000000001,2026-10,\'-1,,,"金额: amounts cannot be negative, got -1"',
      '',
    ]);
  });

  it('refuses to commit an all-or-nothing run that has invalid rows', async () => {
    const csv = ['customer_no,month,amount', 'C0000000001,2026-11,5', 'C0000000001,2026-12,5.555'].join('\n');
    const validated = (await upload(tokens.am_a!, '/api/v1/imports/bills', csv)).json();
    expect(validated).toMatchObject({ mode: 'all_or_nothing', rejected: 1, errors: [{ line: 3, column: 'amount', code: 'decimals' }] });
    const commit = await t.as(tokens.am_a!).send('POST', `/api/v1/imports/${validated.id}/commit`);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error).toMatchObject({ code: 'import.rejected', details: [{ path: 'line 3, column amount', message: 'at most 2 decimals, got 5.555' }] });
    expect((await t.as(tokens.am_a!).get(`/api/v1/imports/${validated.id}`)).json()).toMatchObject({ status: 'failed' });
    expect(await t.db.first(sql`SELECT count(*)::int AS n FROM bills b JOIN customers c ON c.id = b.customer_id WHERE b.month = '2026-11-01'`)).toEqual({ n: 0 });
  });

  it('applies the caller’s scope and permissions', async () => {
    const csv = ['customer_no,month,amount', 'C0000000004,2026-09,5'].join('\n');
    const mine = (await upload(tokens.am_b!, '/api/v1/imports/bills', csv)).json();
    expect(mine).toMatchObject({ validRows: 1, rejected: 0 });
    const theirs = (await upload(tokens.am_a!, '/api/v1/imports/bills', csv)).json();
    expect(theirs.errors).toEqual([{ line: 2, column: 'customer_no', code: 'out_of_scope', message: 'customer C0000000004 is outside your data scope' }]);
    expect((await upload(tokens.analyst!, '/api/v1/imports/bills', csv)).statusCode).toBe(403);
    expect((await upload(tokens.am_a!, '/api/v1/imports/invoices', csv)).statusCode).toBe(400);
  });

  it('takes XLSX bodies and says what is wrong with unusable files', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('lines');
    sheet.addRow(['号码', '客户编号', '类型', '状态']);
    sheet.addRow(['13700000001', 'C0000000001', '移动', '正常']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const validated = (await upload(tokens.dm_a!, '/api/v1/imports/lines', xlsx, XLSX_MIME, 'lines.xlsx')).json();
    expect(validated).toMatchObject({ kind: 'lines', totalRows: 1, validRows: 1, preview: [{ line: 2, line_no: '13700000001', type: 'mobile', status: 'normal' }] });
    expect((await t.as(tokens.dm_a!).send('POST', `/api/v1/imports/${validated.id}/commit`)).json()).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 0 });

    const header = await upload(tokens.dm_a!, '/api/v1/imports/lines', 'number,customer\n1,2\n');
    expect(header.statusCode).toBe(422);
    expect(header.json().error).toMatchObject({ code: 'import.invalid_file', details: expect.arrayContaining([{ path: 'line 1, column line_no', message: 'required column is missing' }]) });
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/lines',
      headers: { authorization: `Bearer ${tokens.dm_a}`, 'content-type': 'application/json' },
      payload: { rows: [] },
    });
    expect(other.statusCode).toBe(415);
  });

  it('lets a holder of customer.assign.override take customers over the load limits with a reason, audited', async () => {
    const load = await t.db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM customers c JOIN users u ON u.id = c.account_manager_id
      WHERE u.username = 'am_a' AND c.archive = 'in_network' AND c.grade IN ('diamond', 'gold', 'silver')`);
    await t.db.run(sql`UPDATE rule_sets SET body = jsonb_build_object('vip', ${load!.n}::int, 'guest', 300) WHERE kind = 'load_limits' AND status = 'active'`);
    try {
      const csv = ['customer_no,kind,name,grade,org_unit,account_manager', 'O9001,individual,超限客户,gold,DEMO-01-01,am_a'].join('\n');
      const refused = (await upload(tokens.dm_a!, '/api/v1/imports/customers', csv, 'text/csv', 'over.csv')).json();
      expect(refused).toMatchObject({ rejected: 1, overrideReason: null, errors: [{ line: 2, column: 'account_manager', message: `am_a vip load ${load!.n} + 1 > limit ${load!.n}` }] });

      const reason = encodeURIComponent('季度客户调整');
      expect((await upload(tokens.am_a!, `/api/v1/imports/customers?overrideReason=${reason}`, csv)).statusCode).toBe(403);
      const short = await upload(tokens.dm_a!, '/api/v1/imports/customers?overrideReason=ok', csv);
      expect(short.statusCode).toBe(400);
      expect(short.json().error.details).toEqual([expect.objectContaining({ path: 'query.overrideReason' })]);

      const validated = (await upload(tokens.dm_a!, `/api/v1/imports/customers?overrideReason=${reason}`, csv, 'text/csv', 'over.csv')).json();
      expect(validated).toMatchObject({ rejected: 0, validRows: 1, overrideReason: '季度客户调整' });
      expect((await t.as(tokens.dm_a!).get(`/api/v1/imports/${validated.id}`)).json()).toMatchObject({ overrideReason: '季度客户调整' });
      expect((await t.as(tokens.dm_a!).send('POST', `/api/v1/imports/${validated.id}/commit`)).json()).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 0 });
      const audit = await t.db.first<{ actor_name: string; after: Record<string, unknown> }>(
        sql`SELECT actor_name, after FROM audit_events WHERE action = 'import.run' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toMatchObject({ actor_name: 'dm_a', after: { status: 'committed', overrideReason: '季度客户调整', inserted: 1 } });
    } finally {
      await t.db.run(sql`UPDATE rule_sets SET body = '{"vip": 50, "guest": 300}' WHERE kind = 'load_limits' AND status = 'active'`);
    }
  });
});
