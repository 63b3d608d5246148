import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { detectEncoding, formatOf, readRecords, SourceError, type ImportFormat, type SourceRecord } from './import-source';

const dir = mkdtempSync(join(tmpdir(), 'patron-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: string | Buffer, extension = 'csv'): string {
  const path = join(dir, `f${(files += 1)}.${extension}`);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, format: ImportFormat = 'csv'): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const batch of readRecords(path, format)) records.push(...batch);
  return records;
}

describe('CSV', () => {
  it('numbers lines as the file does, across quoted line breaks and blank lines', async () => {
    const records = await read(file('a,b\r\n\r\nc,"d\r\ne"\r\n"x,1","y""z"\r\nf,g'));
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['c', 'd\ne'] },
      { line: 5, fields: ['x,1', 'y"z'] },
      { line: 6, fields: ['f', 'g'] },
    ]);
  });

  it('drops a UTF-8 BOM', async () => {
    expect(await read(file('\uFEFF客户编号,金额\nC1,5\n'))).toEqual([
      { line: 1, fields: ['客户编号', '金额'] },
      { line: 2, fields: ['C1', '5'] },
    ]);
  });

  it('reads GBK when the bytes are not UTF-8', async () => {
    const path = file(iconv.encode('客户编号,客户名称\r\nC1,中国移动通信集团\r\n', 'gbk'));
    expect(await detectEncoding(path)).toBe('gbk');
    expect((await read(path))[1]).toEqual({ line: 2, fields: ['C1', '中国移动通信集团'] });
  });

  it('keeps UTF-8 whose characters straddle read chunks', async () => {
    const name = '张'.repeat(400_000);
    const path = file(`name\n${name}\n`);
    expect(await detectEncoding(path)).toBe('utf8');
    expect((await read(path))[1]!.fields[0]).toBe(name);
  });

  it('reads files that end records with a lone CR', async () => {
    expect(await read(file('a,b\rc,d\r'))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('says where a quote is left open or misplaced', async () => {
    await expect(read(file('a,b\nc,"d\ne,f\n'))).rejects.toMatchObject({ name: 'SourceError', line: 2 });
    const error = await read(file('a,b\nc,d"x"\ne,f\n')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ line: 2, message: expect.stringContaining('Invalid Opening Quote') });
  });
});

describe('XLSX', () => {
  it('reads the first sheet with dates, numbers, formulas and rich text as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('账单');
    sheet.addRow(['客户编号', '账期', '金额', '缴费日期', '停机时间']);
    sheet.addRow(['C1', '2026-01', 12.5, new Date(Date.UTC(2026, 0, 15)), new Date(Date.UTC(2026, 0, 15, 8, 30))]);
    sheet.addRow([]);
    sheet.addRow([{ richText: [{ text: 'C' }, { text: '2' }] }, '2026-02', { formula: '1+2', result: 3 }, 0.1 + 0.2, 13812345678]);
    workbook.addWorksheet('other').addRow(['ignored']);
    const path = join(dir, 'bills.xlsx');
    await workbook.xlsx.writeFile(path);

    const records = (await read(path, 'xlsx')).filter((record) => record.fields.some((field) => field !== ''));
    expect(records).toEqual([
      { line: 1, fields: ['客户编号', '账期', '金额', '缴费日期', '停机时间'] },
      { line: 2, fields: ['C1', '2026-01', '12.5', '2026-01-15', '2026-01-15 08:30:00'] },
      { line: 4, fields: ['C2', '2026-02', '3', '0.3', '13812345678'] },
    ]);
  });

  it('rejects a file that is not a workbook', async () => {
    await expect(read(file('not a zip', 'xlsx'), 'xlsx')).rejects.toBeInstanceOf(SourceError);
  });
});

describe('formatOf', () => {
  it.each([
    ['a.csv', undefined, 'csv'],
    ['A.XLSX', undefined, 'xlsx'],
    ['upload', 'text/csv; charset=gbk', 'csv'],
    ['upload', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['a.xls', 'application/vnd.ms-excel', undefined],
  ])('%s %s → %s', (name, type, expected) => {
    expect(formatOf(name, type)).toBe(expected);
  });
});
