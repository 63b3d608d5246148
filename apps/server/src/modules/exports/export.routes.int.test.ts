import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@patron/db';
import { testDatabaseKinds } from '@patron/db/testing';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { csvLine, escapeFormula } from './csv-text';

describe.each(testDatabaseKinds())('customer export on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // A name that a spreadsheet would run as a formula, and a second PII-bearing customer.
    await t.db.run(sql`UPDATE customers SET name = '=HYPERLINK("http://x","点我")', email = 'lina@example.com', birthday = '1990-03-04'
      WHERE customer_no = 'C0000000003'`);
  });
  afterAll(() => t.close());

  const exportAs = async (username: string, query: string) => {
    const token = await t.login(username);
    return t.as(token).get(`/api/v1/customers/export?${query}`);
  };

  const rowsOf = (csv: string) =>
    csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');

  it('streams the caller’s scoped list as CSV with a BOM, PII masked, formulas escaped, and audits it', async () => {
    const response = await exportAs('am_a', 'format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="customers-\d{8}\.csv"$/);
    expect(response.body.startsWith('\uFEFFcustomer_no,kind,name,grade,star,id_number,uscc,phone,birthday')).toBe(true);
    const rows = rowsOf(response.body);
    // am_a leads C0000000001 and C0000000002 only.
    expect(rows.map((row) => row.split(',')[0])).toEqual(['customer_no', 'C0000000001', 'C0000000002']);
    expect(rows[2]).toContain(',440106********1234,,138****1234,');
    expect(rows[2]).not.toContain('13812341234');

    const audit = await t.db.first<{ actor_name: string; after: unknown }>(
      sql`SELECT actor_name, after FROM audit_events WHERE action = 'customer.export' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor_name: 'am_a', after: { format: 'csv', filters: {}, rows: 2 } });
  });

  it('escapes formula prefixes in CSV and XLSX', async () => {
    const csv = await exportAs('am_a2', 'format=csv');
    const row = rowsOf(csv.body)[1]!;
    expect(row).toContain(`,"'=HYPERLINK(""http://x"",""点我"")",`);
    expect(row).toContain(',l***@example.com,');
    expect(row).toContain(',1990-**-**,');

    const xlsx = await exportAs('am_a2', 'format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('customer_no');
    expect(sheet.getRow(2).getCell(1).value).toBe('C0000000003');
    expect(sheet.getRow(2).getCell(3).value).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(sheet.getRow(2).getCell(8).value).toBe('138****1234');
  });

  it('masks by the role’s field policy, and never exports resident IDs in full', async () => {
    const masked = rowsOf((await exportAs('dm_a', 'format=csv&grade=gold')).body);
    expect(masked).toHaveLength(2);
    expect(masked[1]).toContain(',138****1234,');
    await t.db.run(sql`UPDATE roles SET unmasked_fields = '{phone,idNumber,address}' WHERE code = 'district_manager'`);
    try {
      const shown = rowsOf((await exportAs('dm_a', 'format=csv&grade=gold')).body);
      expect(shown[1]).toContain(',13812341234,');
      expect(shown[1]).toContain(',440106********1234,');
      expect(shown[1]).toContain('广东省广州市天河区体育西路103号');
    } finally {
      await t.db.run(sql`UPDATE roles SET unmasked_fields = '{}' WHERE code = 'district_manager'`);
    }
  });

  it('takes the list’s filters and refuses callers without customer.read', async () => {
    const district = rowsOf((await exportAs('pm_demo', 'orgUnit=DEMO-01-02')).body);
    expect(district.slice(1).map((row) => row.split(',')[0])).toEqual(['C0000000004']);
    const unassigned = rowsOf((await exportAs('pm_demo', 'manager=none')).body);
    expect(unassigned.slice(1).map((row) => row.split(',')[0])).toEqual(['C0000000005']);
    expect((await exportAs('pm_demo', 'orgUnit=NOWHERE')).statusCode).toBe(400);
    expect((await exportAs('pm_demo', 'format=pdf')).statusCode).toBe(400);
    expect((await exportAs('analyst', 'format=csv')).statusCode).toBe(403);
  });
});

describe('formula escaping', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+8613800000000', "'+8613800000000"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['张三', '张三'],
    ['', ''],
  ])('%s → %s', (value, escaped) => {
    expect(escapeFormula(value)).toBe(escaped);
  });

  it('quotes what CSV needs quoted', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', null, 5])).toBe('"a,b","say ""hi""","two\nlines",,5\r\n');
  });
});
