import { describe, expect, it } from 'vitest';
import { EXPORT_ONLY_COLUMNS } from '../exports/customer-export';
import { FieldIssue, month, timestamp, yuan, type CellParser } from './import-fields';
import { BILLS_FORMAT, CUSTOMERS_FORMAT, headerKey, KIND_FORMATS, LINES_FORMAT, parseRow, resolveHeader, SUSPENSIONS_FORMAT } from './import-formats';

const context = { today: '2026-11-23' };

function run(parser: CellParser, text: string) {
  const result = parser(text, context);
  return result instanceof FieldIssue ? { code: result.code, message: result.message } : result;
}

const CUSTOMER_HEADER = 'customer_no,kind,name,grade,star,id_number,uscc,phone,birthday,org_unit,account_manager,parent_customer_no,activated_on'.split(',');

function customerRow(overrides: Record<string, string>) {
  const base: Record<string, string> = {
    customer_no: 'C1',
    kind: 'individual',
    name: '张三',
    grade: 'gold',
    star: '3',
    id_number: '',
    uscc: '',
    phone: '13812345678',
    birthday: '1990-01-01',
    org_unit: 'DEMO-01-01',
    account_manager: 'am_a',
    parent_customer_no: '',
    activated_on: '2020-05-06',
  };
  const values = { ...base, ...overrides };
  const { map } = resolveHeader(CUSTOMERS_FORMAT, CUSTOMER_HEADER);
  return parseRow(CUSTOMERS_FORMAT, map, CUSTOMER_HEADER.map((name) => values[name]!), context);
}

describe('cell parsers', () => {
  it.each([
    ['12.50', 1250],
    ['0', 0],
    ['¥3', 300],
    ['1234567.8', 123456780],
  ])('yuan %s → %i fen', (text, fen) => {
    expect(run(yuan(), text)).toBe(fen);
  });

  it.each([
    ['-5', 'negative'],
    ['- 5.00', 'negative'],
    ['1.234', 'decimals'],
    ['1,234.00', 'format'],
    ['abc', 'format'],
    ['1e5', 'format'],
  ])('yuan %s is rejected (%s)', (text, code) => {
    expect(run(yuan(), text)).toMatchObject({ code });
  });

  it('payments must be positive', () => {
    expect(run(yuan({ positive: true }), '0.00')).toMatchObject({ code: 'range' });
  });

  it.each([
    ['2026-02', '2026-02-01'],
    ['202602', '2026-02-01'],
    ['2026-02-01', '2026-02-01'],
  ])('month %s → %s', (text, staged) => {
    expect(run(month, text)).toBe(staged);
  });

  it.each(['2026-13', '2026-2', '2026-02-15', 'Feb 2026'])('month %s is rejected', (text) => {
    expect(run(month, text)).toHaveProperty('code');
  });

  it.each([
    ['2026-01-05 08:30', '2026-01-05 08:30:00'],
    ['2026-01-05 08:30:15', '2026-01-05 08:30:15'],
    ['2026-01-05T08:30:15Z', '2026-01-05 08:30:15Z'],
    ['2026-01-05T08:30:15.250+08:00', '2026-01-05 08:30:15.250+08:00'],
    ['2026-01-05', '2026-01-05 00:00:00'],
  ])('timestamp %s → %s', (text, staged) => {
    expect(run(timestamp, text)).toBe(staged);
  });

  it.each([
    ['2026-02-30 08:00', 'date'],
    ['2026-01-05 24:00', 'date'],
    ['2026-01-05 8:00', 'format'],
    ['05/01/2026 08:00', 'format'],
  ])('timestamp %s is rejected (%s)', (text, code) => {
    expect(run(timestamp, text)).toMatchObject({ code });
  });
});

describe('header', () => {
  it('normalises spellings', () => {
    expect(headerKey(' Customer No ')).toBe(headerKey('customer_no'));
    expect(headerKey('*金额（元）')).toBe(headerKey('金额'));
    expect(headerKey('\uFEFFcustomerNo')).toBe('customerno');
  });

  it('accepts the Chinese aliases', () => {
    const header = ['客户编号', '客户类型', '客户名称', '级别', '星级', '证件号码', '统一社会信用代码', '手机号码', '生日', '归属组织', '客户经理', '上级客户编号', '入网日期'];
    const { map, issues } = resolveHeader(CUSTOMERS_FORMAT, header);
    expect(issues).toEqual([]);
    expect([...map.present].sort()).toEqual([...CUSTOMER_HEADER].sort());
    expect(map.labels.get('phone')).toBe('手机号码');
    for (const [format, names] of [
      [LINES_FORMAT, ['号码', '客户编号', '类型', '套餐', '品牌', '状态', '入网日期']],
      [BILLS_FORMAT, ['客户编号', '账期', '金额', '已缴金额', '缴费日期']],
      [SUSPENSIONS_FORMAT, ['号码', '停机类型', '停机时间', '复机时间']],
    ] as const) {
      expect(resolveHeader(format, names).issues).toEqual([]);
    }
    expect(resolveHeader(BILLS_FORMAT, ['客户编号', '月份', '金额']).issues).toEqual([]);
  });

  it('reports unknown, repeated and missing columns', () => {
    const { issues } = resolveHeader(BILLS_FORMAT, ['customer_no', '客户编号', 'amount', 'colour']);
    expect(issues).toEqual([
      { column: '客户编号', message: 'the same column as customer_no' },
      { column: 'colour', message: expect.stringContaining('unknown column for bills') },
      { column: 'month', message: 'required column is missing' },
    ]);
  });

  it("skips what Patron's own export adds", () => {
    expect(CUSTOMERS_FORMAT.ignored).toEqual(EXPORT_ONLY_COLUMNS);
    expect(resolveHeader(CUSTOMERS_FORMAT, [...CUSTOMER_HEADER, ...EXPORT_ONLY_COLUMNS]).issues).toEqual([]);
  });

  it('has a format for every kind', () => {
    expect(Object.keys(KIND_FORMATS).sort()).toEqual(['bills', 'customers', 'lines', 'payments', 'suspensions']);
  });
});

describe('customer rows', () => {
  it('parses a valid row and maps Chinese grades', () => {
    const { row, issues } = customerRow({ grade: '钻石卡' });
    expect(issues).toEqual([]);
    expect(row).toMatchObject({ customer_no: 'C1', grade: 'diamond', star: 3, phone: '13812345678' });
    expect(customerRow({ grade: '' }).row.grade).toBe('none');
    expect(customerRow({ grade: '无' }).row.grade).toBe('none');
    expect(customerRow({ star: '' }).row.star).toBeNull();
  });

  it.each([
    [{ id_number: '110105194912310021' }, 'id_number', 'check_char'],
    [{ id_number: '11010519491231002' }, 'id_number', 'length'],
    [{ kind: 'group', name: '某集团', uscc: '91350100M000100Y88' }, 'uscc', 'check_char'],
    [{ phone: '1381234567' }, 'phone', 'length'],
    [{ phone: '12812345678' }, 'phone', 'format'],
    [{ phone: '138-1234-567a' }, 'phone', 'charset'],
    [{ birthday: '1990-02-30' }, 'birthday', 'date'],
    [{ birthday: '1990/02/03' }, 'birthday', 'format'],
    [{ activated_on: '2023-02-29' }, 'activated_on', 'date'],
    [{ grade: 'platinum' }, 'grade', 'enum'],
    [{ star: '6' }, 'star', 'range'],
    [{ kind: 'company' }, 'kind', 'enum'],
    [{ org_unit: '' }, 'org_unit', 'required'],
    [{ name: '' }, 'name', 'required'],
    [{ customer_no: 'C 1' }, 'customer_no', 'format'],
    [{ account_manager: 'Am A' }, 'account_manager', 'format'],
    [{ kind: 'group', name: '某集团', id_number: '11010519491231002X' }, 'id_number', 'not_applicable'],
    [{ uscc: '91350100M000100Y8F' }, 'uscc', 'not_applicable'],
  ])('%j → %s %s', (overrides, field, code) => {
    expect(customerRow(overrides).issues).toEqual([expect.objectContaining({ field, code })]);
  });

  it('normalises what people type around values', () => {
    const { row, issues } = customerRow({ phone: '+86 138 1234 5678', id_number: '11010519491231002x', org_unit: 'demo-01-01' });
    expect(issues).toEqual([]);
    expect(row).toMatchObject({ phone: '13812345678', id_number: '11010519491231002X', org_unit: 'DEMO-01-01' });
  });

  it('reads back formula-escaped cells', () => {
    expect(customerRow({ name: "'=SUM(A1)" }).row.name).toBe('=SUM(A1)');
  });

  it('rejects extra non-empty fields but tolerates trailing empty ones', () => {
    const { map } = resolveHeader(BILLS_FORMAT, ['customer_no', 'month', 'amount']);
    expect(parseRow(BILLS_FORMAT, map, ['C1', '2026-01', '5', '', ''], context).issues).toEqual([]);
    expect(parseRow(BILLS_FORMAT, map, ['C1', '2026-01', '5', 'x'], context).issues).toEqual([
      { field: '#4', code: 'columns', message: 'the row has 4 fields but the header has 3' },
    ]);
  });

  it('stages pinyin keys with the name', () => {
    const { row } = customerRow({ name: '单田芳' });
    expect(CUSTOMERS_FORMAT.stage(row).slice(2, 5)).toEqual(['单田芳', 'shantianfang', 'stf']);
  });
});
