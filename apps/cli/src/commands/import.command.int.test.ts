import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Database } from '@patron/db';
import { openTestDatabase, testDatabaseKinds } from '@patron/db/testing';
import { seedFixture } from '@patron/server/testing/fixture';
import type { CliIo } from '../cli-io';
import { runCommand } from '../main';

const CUSTOMER_HEADER = 'customer_no,kind,name,grade,star,id_number,uscc,phone,birthday,org_unit,account_manager,parent_customer_no,activated_on';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** The last stdout line, parsed: the contract's summary. */
  summary: { inserted: number; updated: number; unchanged: number; rejected: number };
  errors: string[];
}

describe.each(testDatabaseKinds())('patron import on %s', (kind) => {
  let db: Database;
  let dir: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedFixture(db);
    dir = mkdtempSync(join(tmpdir(), 'patron-import-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, content: string | Buffer): string {
    writeFileSync(join(dir, name), content);
    return name;
  }

  async function patron(...argv: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      out: (text) => void (stdout += text),
      err: (text) => void (stderr += text),
      cwd: dir,
      inServer: false,
      database: async () => db,
    };
    const code = await runCommand(argv, io);
    const last = stdout.trimEnd().split('\n').pop() ?? '';
    return {
      code,
      stdout,
      stderr,
      summary: (last.startsWith('{') ? JSON.parse(last) : null) as Run['summary'],
      errors: stderr.split('\n').filter((line) => line.startsWith('line ')),
    };
  }

  const count = async (table: string) => (await db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))!.n;
  const customer = (no: string) =>
    db.first<Record<string, unknown>>(sql`SELECT c.*, o.code AS org, p.customer_no AS parent_no, m.username AS manager FROM customers c
      JOIN org_units o ON o.id = c.org_unit_id LEFT JOIN customers p ON p.id = c.parent_customer_id
      LEFT JOIN users m ON m.id = c.account_manager_id WHERE c.customer_no = ${no}`);

  it('imports customers with a group parent on an earlier line, then re-imports them as unchanged', async () => {
    const file = write(
      'customers.csv',
      [
        CUSTOMER_HEADER,
        'K1001,group,示范科技集团有限公司,金卡,4,,91440101MA59A00009,,,DEMO-01-01,am_a,,2019-03-01',
        'K1002,individual,单田芳,钻石卡,5,110105198005150016,,13812345678,1980-05-15,DEMO-01-01,am_a,K1001,2020-01-02',
        'K1003,individual,李四,,,,,,,DEMO-01-02,,,',
      ].join('\n'),
    );
    const runsBefore = await count('import_runs');
    const first = await patron('import', 'customers', file);
    expect(first.code).toBe(0);
    expect(first.summary).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(await customer('K1002')).toMatchObject({
      name_pinyin: 'shantianfang',
      name_initials: 'stf',
      grade: 'diamond',
      star: 5,
      id_number: '110105198005150016',
      birthday: '1980-05-15',
      parent_no: 'K1001',
      manager: 'am_a',
      org: 'DEMO-01-01',
    });
    expect(await customer('K1003')).toMatchObject({ grade: 'none', star: null, account_manager_id: null, segment: 'individual' });
    expect(await customer('K1001')).toMatchObject({ segment: 'group', uscc: '91440101MA59A00009' });

    const again = await patron('import', 'customers', file);
    expect(again.code).toBe(0);
    expect(again.summary).toEqual({ inserted: 0, updated: 0, unchanged: 3, rejected: 0 });

    expect(await count('import_runs')).toBe(runsBefore + 2);
    const audits = await db.rows<{ after: { status: string; inserted: number; unchanged: number } }>(
      sql`SELECT after FROM audit_events WHERE action = 'import.run' AND after->>'fileName' = 'customers.csv' ORDER BY id`,
    );
    expect(audits.map((event) => event.after)).toMatchObject([
      { status: 'committed', inserted: 3 },
      { status: 'committed', unchanged: 3 },
    ]);
  });

  it('updates only what changed, records history, and leaves absent columns alone', async () => {
    const file = write('customers-update.csv', ['customer_no,kind,name,grade,org_unit', 'K1002,individual,单田芳,gold,DEMO-01-01', 'K1003,individual,李四,,DEMO-01-02'].join('\n'));
    const run = await patron('import', 'customers', file);
    expect(run.summary).toEqual({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect(await customer('K1002')).toMatchObject({ grade: 'gold', phone: '13812345678', parent_no: 'K1001', manager: 'am_a' });
    const history = await db.rows<{ action: string; before: unknown; after: unknown; actor_name: string; reason: string }>(sql`
      SELECT h.action, h.before, h.after, h.actor_name, h.reason FROM customer_history h JOIN customers c ON c.id = h.customer_id
      WHERE c.customer_no = 'K1002'`);
    expect(history).toEqual([{ action: 'import', before: { grade: 'diamond' }, after: { grade: 'gold' }, actor_name: 'system', reason: 'import customers-update.csv' }]);
  });

  it('--dry-run validates and counts, and writes nothing', async () => {
    const file = write('dry.csv', [CUSTOMER_HEADER, 'K2001,individual,王五,guest,,,,,,DEMO-01-01,,,', 'K1003,individual,李四改名,,,,,,,DEMO-01-02,,,'].join('\n'));
    const [customers, runs, audits] = [await count('customers'), await count('import_runs'), await count('audit_events')];
    const run = await patron('import', 'customers', file, '--dry-run');
    expect(run.code).toBe(0);
    expect(run.summary).toEqual({ inserted: 1, updated: 1, unchanged: 0, rejected: 0 });
    expect([await count('customers'), await count('import_runs'), await count('audit_events')]).toEqual([customers, runs, audits]);
    expect(await customer('K1003')).toMatchObject({ name: '李四' });
  });

  it('all-or-nothing: one bad row rolls everything back and says where', async () => {
    const file = write('bad.csv', [CUSTOMER_HEADER, 'K3001,individual,赵六,,,,,13800000000,,DEMO-01-01,,,', 'K3002,individual,钱七,,,,,1380000000,,DEMO-01-01,,,'].join('\n'));
    const customers = await count('customers');
    const run = await patron('import', 'customers', file);
    expect(run.code).toBe(1);
    expect(run.errors).toEqual(['line 3, column phone: A mobile number has 11 digits, got 10']);
    expect(run.stderr).toContain('1 invalid row(s); nothing was written');
    expect(run.summary).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(await count('customers')).toBe(customers);
    const failed = await db.first<{ status: string; rejected: number }>(sql`SELECT status, rejected FROM import_runs ORDER BY id DESC LIMIT 1`);
    expect(failed).toEqual({ status: 'failed', rejected: 1 });
  });

  it('reports every kind of row error with its line and column', async () => {
    const file = write(
      'errors.csv',
      [
        '客户编号,客户类型,客户名称,级别,证件号码,统一社会信用代码,手机号码,生日,归属组织,客户经理,上级客户编号',
        'K4001,individual,甲,金卡,110105198005150017,,,,DEMO-01-01,,', // 2: resident ID check digit
        'K4002,group,乙公司,,,91440101MA59A00008,,,DEMO-01-01,,', // 3: USCC check character
        'K4003,individual,丙,,,,138123456789,,DEMO-01-01,,', // 4: phone length
        'K4004,individual,丁,,,,,1990-02-30,DEMO-01-01,,', // 5: impossible date
        'K4005,individual,戊,,,,,,NOWHERE,,', // 6: unknown org unit
        'K4006,individual,己,,,,,,DEMO-01-01,ghost,', // 7: unknown manager
        'K4007,individual,庚,,,,,,DEMO-01-01,,', // 8: valid
        'K4007,individual,庚,,,,,,DEMO-01-01,,', // 9: duplicate of line 8
        'K4008,individual,辛,白金,,,,,DEMO-01-01,,', // 10: unknown grade
        'K4009,individual,壬,,,,,,DEMO-01-01,,K9999', // 11: unknown parent
        'K4010,individual,癸,,,,,,DEMO-01-01,,K1002', // 12: parent is not a group
      ].join('\r\n'),
    );
    const run = await patron('import', 'customers', file, '--dry-run');
    expect(run.code).toBe(1);
    expect(run.summary.rejected).toBe(10);
    expect(run.errors).toEqual([
      'line 2, column 证件号码: Check character should be 6, got 7',
      'line 3, column 统一社会信用代码: Check character should be 9, got 8',
      'line 4, column 手机号码: A mobile number has 11 digits, got 12',
      'line 5, column 生日: 1990-02-30 is not a calendar date',
      'line 6, column 归属组织: no active org unit NOWHERE',
      'line 7, column 客户经理: no active user ghost',
      'line 9, column 客户编号: customer_no K4007 also appears on line 8',
      'line 10, column 级别: "白金" is not one of diamond, gold, silver, guest, none',
      'line 11, column 上级客户编号: no customer K9999 (a parent must exist already or be on an earlier valid line)',
      'line 12, column 上级客户编号: parent K1002 is not a group customer',
    ]);
  });

  it('--partial writes the valid rows and the rejected ones to <file>.rejects.csv', async () => {
    const file = write(
      'partial.csv',
      [CUSTOMER_HEADER, 'K5001,individual,"张,三",,,,,,,DEMO-01-01,,,', 'K5002,individual,李五,,9,,,,,DEMO-01-01,,,', 'K5003,individual,=HYPERLINK(1),,,,,,,NOWHERE,,,'].join('\n'),
    );
    const run = await patron('import', 'customers', file, '--partial');
    expect(run.code).toBe(0);
    expect(run.summary).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect(run.stderr).toContain(`2 rejected row(s) written to ${join(dir, 'partial.csv.rejects.csv')}`);
    expect(await customer('K5001')).toMatchObject({ name: '张,三' });
    const rejects = readFileSync(join(dir, 'partial.csv.rejects.csv'), 'utf8');
    expect(rejects.split('\r\n')).toEqual([
      `\uFEFF${CUSTOMER_HEADER},error`,
      'K5002,individual,李五,,9,,,,,DEMO-01-01,,,,"star: a star rating is 0-5, got ""9"""',
      "K5003,individual,'=HYPERLINK(1),,,,,,,NOWHERE,,,,org_unit: no active org unit NOWHERE",
      '',
    ]);

    // Fixed and imported again, the rejects file (of the earlier run) goes away.
    write('partial.csv', [CUSTOMER_HEADER, 'K5002,individual,李五,,5,,,,,DEMO-01-01,,,'].join('\n'));
    const fixed = await patron('import', 'customers', 'partial.csv', '--partial');
    expect(fixed.summary).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 0 });
    expect(existsSync(join(dir, 'partial.csv.rejects.csv'))).toBe(false);
  });

  it('reads GBK files and UTF-8 files with a BOM, with Chinese headers and values', async () => {
    const text = ['客户编号,客户类型,客户名称,级别,星级,归属组织', 'K6001,集团客户,广州示范贸易有限公司,银卡,2,DEMO-01-01', 'K6002,个人,欧阳娜娜,贵宾卡,,DEMO-01-01'].join('\r\n');
    const gbk = await patron('import', 'customers', write('gbk.csv', iconv.encode(text, 'gbk')));
    expect(gbk.summary).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(await customer('K6001')).toMatchObject({ kind: 'group', name: '广州示范贸易有限公司', grade: 'silver', name_initials: 'gzsfmyyxgs' });
    const bom = await patron('import', 'customers', write('bom.csv', `\uFEFF${text}`));
    expect(bom.summary).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
  });

  it('reads the first sheet of an XLSX file, date cells included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['客户编号', '客户类型', '客户名称', '手机号码', '生日', '归属组织', '入网日期']);
    sheet.addRow(['K7001', 'individual', '周八', 13912345678, new Date(Date.UTC(1985, 5, 15)), 'DEMO-01-02', '2021-07-01']);
    sheet.addRow(['K7002', 'individual', '吴九', '139123', null, 'DEMO-01-02', null]);
    await workbook.xlsx.writeFile(join(dir, 'customers.xlsx'));
    const run = await patron('import', 'customers', 'customers.xlsx', '--partial');
    expect(run.summary).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(run.errors).toEqual(['line 3, column 手机号码: A mobile number has 11 digits, got 6']);
    expect(await customer('K7001')).toMatchObject({ phone: '13912345678', birthday: '1985-06-15', activated_on: '2021-07-01' });
  });

  it('imports lines, bills, payments and suspensions idempotently', async () => {
    const lines = write('lines.csv', ['号码,客户编号,类型,套餐,品牌,状态,入网日期', '13900000001,K1002,mobile,畅享199,全球通,正常,2020-01-02', '020-88880001,K1001,专线,,,停机,'].join('\n'));
    expect((await patron('import', 'lines', lines)).summary).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect((await patron('import', 'lines', lines)).summary).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(await db.first(sql`SELECT type, status, package FROM lines WHERE line_no = '020-88880001'`)).toEqual({ type: 'circuit', status: 'suspended', package: null });

    const bills = write('bills.csv', ['customer_no,month,amount,paid_amount,paid_on', 'K1002,2026-09,199.00,199,2026-10-10', 'K1002,2026-10,199.5,0,', 'K1001,202610,12000.10,,'].join('\n'));
    expect((await patron('import', 'bills', bills)).summary).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect((await patron('import', 'bills', bills)).summary).toEqual({ inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(await db.rows(sql`SELECT b.month, b.amount_fen AS amount, b.paid_fen AS paid, b.paid_on AS "paidOn" FROM bills b JOIN customers c ON c.id = b.customer_id
      WHERE c.customer_no IN ('K1001', 'K1002') ORDER BY c.customer_no, b.month`)).toEqual([
      { month: '2026-10-01', amount: 1200010, paid: 0, paidOn: null },
      { month: '2026-09-01', amount: 19900, paid: 19900, paidOn: '2026-10-10' },
      { month: '2026-10-01', amount: 19950, paid: 0, paidOn: null },
    ]);
    // Paid later: the same bill updated, the others unchanged.
    write('bills.csv', ['customer_no,month,amount,paid_amount,paid_on', 'K1002,2026-09,199.00,199,2026-10-10', 'K1002,2026-10,199.5,199.50,2026-11-08', 'K1001,202610,12000.10,,'].join('\n'));
    expect((await patron('import', 'bills', 'bills.csv')).summary).toEqual({ inserted: 0, updated: 1, unchanged: 2, rejected: 0 });

    const payments = write('payments.csv', ['客户编号,月份,金额,缴费日期', 'K1002,2026-10,199.50,2026-11-08'].join('\n'));
    expect((await patron('import', 'payments', payments)).summary).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 0 });
    expect((await patron('import', 'payments', payments)).summary).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 0 });

    const suspensions = write('suspensions.csv', ['号码,停机类型,停机时间,复机时间', '13900000001,欠费停机,2026-10-20 09:00,2026-10-21T01:30:00Z', '020-88880001,administrative,2026-11-01 00:00:00,'].join('\n'));
    expect((await patron('import', 'suspensions', suspensions)).summary).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect((await patron('import', 'suspensions', suspensions)).summary).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
    const stored = await db.first<{ suspendedAt: Date; restoredAt: Date; kind: string }>(sql`SELECT s.suspended_at AS "suspendedAt", s.restored_at AS "restoredAt", s.kind
      FROM suspensions s JOIN lines l ON l.id = s.line_id WHERE l.line_no = '13900000001'`);
    expect(stored).toEqual({ suspendedAt: new Date('2026-10-20T01:00:00Z'), restoredAt: new Date('2026-10-21T01:30:00Z'), kind: 'arrears' });
  });

  it('reports the row errors of the other kinds', async () => {
    const bills = write(
      'bad-bills.csv',
      [
        'customer_no,month,amount,paid_amount,paid_on',
        'K1002,2026-11,-5,,', // 2: negative
        'K1002,2026-12,5.123,,', // 3: decimals
        'NOPE,2026-11,5,,', // 4: unknown customer
        'K1001,2026-13,5,,', // 5: impossible month
        'K1001,2026-11,5,,2026-11-31', // 6: impossible date
        'K1001,2026-12,5,,', // 7: valid
        'K1001,2026-12,6,,', // 8: duplicate
      ].join('\n'),
    );
    const run = await patron('import', 'bills', bills, '--dry-run', '--partial');
    expect(run.code).toBe(0);
    expect(run.summary).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 6 });
    expect(run.errors).toEqual([
      'line 2, column amount: amounts cannot be negative, got -5',
      'line 3, column amount: at most 2 decimals, got 5.123',
      'line 4, column customer_no: no customer NOPE',
      'line 5, column month: 2026-13 is not a calendar month',
      'line 6, column paid_on: 2026-11-31 is not a calendar date',
      'line 8, column month: the bill of K1001 for 2026-12 also appears on line 7',
    ]);
    const suspensions = write('bad-suspensions.csv', ['line_no,kind,suspended_at,restored_at', '13900000001,theft,2026-10-20 09:00,', '13900000001,loss,2026-10-22 09:00,2026-10-22 08:59', 'NOLINE,loss,2026-10-22 09:00,'].join('\n'));
    const suspended = await patron('import', 'suspensions', suspensions, '--dry-run');
    expect(suspended.errors).toEqual([
      'line 2, column kind: "theft" is not one of arrears, request, loss, administrative',
      'line 3, column restored_at: restored_at is before suspended_at',
      'line 4, column line_no: no line NOLINE',
    ]);
  });

  it('respects account managers’ load limits unless --override-limits gives a reason (audited)', async () => {
    const load = await db.first<{ n: number }>(sql`SELECT count(*)::int AS n FROM customers c JOIN users u ON u.id = c.account_manager_id
      WHERE u.username = 'am_b' AND c.archive = 'in_network' AND c.grade IN ('diamond', 'gold', 'silver')`);
    const current = load!.n;
    // HQ's active load-limit rule set governs am_b's city (no province or city set tightens it).
    const setLimits = (vip: number) => db.run(sql`UPDATE rule_sets SET body = jsonb_build_object('vip', ${vip}::int, 'guest', 300) WHERE kind = 'load_limits' AND status = 'active'`);
    await setLimits(current + 1);
    try {
      const file = write(
        'load.csv',
        ['customer_no,kind,name,grade,org_unit,account_manager', 'L9001,individual,负载一,gold,DEMO-01-02,am_b', 'L9002,individual,负载二,silver,DEMO-01-02,am_b', 'L9003,individual,负载三,guest,DEMO-01-02,am_b'].join('\n'),
      );
      const refused = await patron('import', 'customers', file);
      expect(refused.code).toBe(1);
      expect(refused.errors).toEqual([`line 3, column account_manager: am_b vip load ${current} + 2 > limit ${current + 1}`]);
      expect(await customer('L9001')).toBeUndefined();
      const short = await patron('import', 'customers', file, '--override-limits', 'ok');
      expect(short.code).toBe(1);
      expect(short.stderr).toContain('at least 4 characters');
      expect((await patron('import', 'customers', file, '--as', 'am_a', '--override-limits', '季度调整客户')).stderr).toContain('customer.assign.override');
      const overridden = await patron('import', 'customers', file, '--override-limits', '季度调整客户');
      expect(overridden.code, overridden.stderr).toBe(0);
      expect(overridden.summary).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
      const audit = await db.first<{ after: { overrideReason?: string } }>(sql`SELECT after FROM audit_events WHERE action = 'import.run' ORDER BY id DESC LIMIT 1`);
      expect(audit?.after.overrideReason).toBe('季度调整客户');
    } finally {
      await setLimits(50);
    }
  });

  it('--as applies the user’s scope: rows outside it are errors', async () => {
    // am_a manages C0000000001-2 (and K100x above); C0000000004 is am_b's in another district.
    const bills = write('scoped-bills.csv', ['customer_no,month,amount', 'C0000000002,2026-10,10', 'C0000000004,2026-10,10'].join('\n'));
    const run = await patron('import', 'bills', bills, '--as', 'am_a');
    expect(run.code).toBe(1);
    expect(run.errors).toEqual(['line 3, column customer_no: customer C0000000004 is outside your data scope']);
    const customers = write(
      'scoped-customers.csv',
      ['customer_no,kind,name,org_unit,account_manager', 'K8001,individual,新客户,DEMO-01-01,am_a', 'K8002,individual,别人的,DEMO-01-01,am_a2', 'K8003,individual,越界,DEMO-01-02,am_a', 'C0000000004,individual,王芳,DEMO-01-02,am_b'].join('\n'),
    );
    const scoped = await patron('import', 'customers', customers, '--as', 'am_a', '--dry-run');
    expect(scoped.errors).toEqual([
      'line 3, column account_manager: the row would put the customer outside your data scope',
      'line 4, column org_unit: org unit DEMO-01-02 is outside your organisation',
      'line 5, column customer_no: customer C0000000004 is outside your data scope',
    ]);
    expect((await patron('import', 'bills', bills, '--as', 'agent')).stderr).toContain('agent may not import (needs customer.write)');
    expect((await patron('import', 'bills', bills, '--as', 'nobody')).stderr).toContain('No active user nobody');
  });

  it('fails plainly on unknown kinds, missing files and unusable headers; the summary is still the last line', async () => {
    const unknown = await patron('import', 'invoices', 'x.csv');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown import kind invoices');
    const missing = await runCommand(['import', 'bills', 'missing.csv'], { out: () => undefined, err: () => undefined, cwd: dir, inServer: false, database: async () => db });
    expect(missing).toBe(1);
    const header = await patron('import', 'bills', write('header.csv', 'customer,month,amount\nC1,2026-01,5\n'));
    expect(header.code).toBe(1);
    expect(header.errors).toEqual([expect.stringMatching(/^line 1, column customer: unknown column for bills/), 'line 1, column customer_no: required column is missing']);
    expect(header.summary).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
    expect(await db.first(sql`SELECT file_name AS "fileName", status FROM import_runs ORDER BY id DESC LIMIT 1`)).toEqual({ fileName: 'header.csv', status: 'failed' });
    const xls = await patron('import', 'bills', write('old.xls', 'x'));
    expect(xls.stderr).toContain('use a .csv or .xlsx file');
  });

  it('exports customers as CSV and XLSX, masked, and audits it', async () => {
    const csv = await patron('export', 'customers', '--output', 'out/customers.csv', '--org-unit', 'DEMO-01-01');
    expect(csv.code).toBe(0);
    const text = readFileSync(join(dir, 'out/customers.csv'), 'utf8');
    expect(text.startsWith('\uFEFFcustomer_no,kind,name,grade')).toBe(true);
    expect(text).toContain('K1002,individual,单田芳,gold,5,110105********0016,,138****5678,1980-**-**,DEMO-01-01,am_a,K1001,2020-01-02');
    expect(text).not.toContain('K1003'); // DEMO-01-02
    const xlsx = await patron('export', 'customers', '--output', 'out/customers.xlsx', '--as', 'pm_demo', '--q', 'K5001');
    expect(xlsx.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'out/customers.xlsx'));
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(1, 4)).toEqual(['K5001', 'individual', '张,三']);
    const audit = await db.first<{ actor_name: string; after: unknown }>(sql`SELECT actor_name, after FROM audit_events WHERE action = 'customer.export' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ actor_name: 'pm_demo', after: { format: 'xlsx', filters: { q: 'K5001' }, rows: 1 } });
    const bad = await patron('export', 'customers', '--output', 'x.csv', '--org-unit', 'NOWHERE');
    expect(bad.code).toBe(2);
  });
});
