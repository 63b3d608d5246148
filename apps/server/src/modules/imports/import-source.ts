import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv, CsvError } from 'csv-parse';
import { parse as parseCsvSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Import files as a stream of records with their line numbers as the file has them (the header is
 * line 1; a CSV field with line breaks spans several). Nothing holds more than a chunk of the file.
 */

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** By extension first, then by content type; undefined when neither says. */
export function formatOf(fileName: string, contentType?: string): ImportFormat | undefined {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.csv' || extension === '.txt') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv' || type === 'text/plain') return 'csv';
  if (type === XLSX_MIME) return 'xlsx';
  return undefined;
}

export interface SourceRecord {
  line: number;
  fields: string[];
}

/** The file cannot be read as the format it claims: not one row of it can be trusted. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export type TextEncoding = 'utf8' | 'gbk';

/**
 * Valid UTF-8 (with or without a BOM) is UTF-8; anything else is read as GBK (GB 18030's common
 * subset, what Excel on a Chinese Windows saves as "CSV"). One streaming pass with a fatal decoder.
 */
export async function detectEncoding(path: string): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return 'utf8';
  } catch {
    return 'gbk';
  } finally {
    stream.destroy();
  }
}

function countLineBreaks(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) breaks += 1;
  }
  return breaks;
}

const CSV_OPTIONS = { relax_column_count: true, skip_empty_lines: false } as const;

function sourceErrorOf(error: unknown, firstLine: number): unknown {
  if (!(error instanceof CsvError)) return error;
  const at = (error as CsvError & { lines?: number }).lines;
  return new SourceError(`not a readable CSV file: ${error.message.replace(/ at line \d+/, '')}`, at === undefined ? firstLine : firstLine + at - 1);
}

/** Quoted records waiting for csv-parse: consecutive lines from `firstLine`, with their quote parity. */
interface QuotedRun {
  firstLine: number;
  text: string;
  lines: number;
  open: boolean;
  /** Where the quote still open was opened: what an unclosed quote is reported at. */
  openedAt: number;
}

const RUN_LINES = 2000;
const RUN_CHARS = 8 * 1024 * 1024;

/**
 * Records of a CSV file, a chunk's worth at a time. Lines without a double quote are split on commas
 * directly, which is what CSV means for them and several times faster than a general parser; runs of
 * lines with quotes (quoted fields, embedded commas and line breaks) go to csv-parse in batches. A file
 * whose records end in a lone CR (classic Mac) goes to csv-parse's stream whole.
 */
export async function* readCsv(path: string): AsyncGenerator<SourceRecord[]> {
  const encoding = await detectEncoding(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20, ...(encoding === 'utf8' ? { encoding: 'utf8' as const } : {}) });
  const text = (encoding === 'gbk' ? file.pipe(iconv.decodeStream('gbk')) : file) as AsyncIterable<string>;
  file.on('error', () => undefined);
  let line = 1;
  let rest = '';
  let first = true;
  let run: QuotedRun | undefined;
  let batch: SourceRecord[] = [];

  const flushRun = () => {
    if (!run) return;
    const { firstLine, text: runText, lines, open, openedAt } = run;
    run = undefined;
    line = firstLine + lines;
    let records: string[][];
    try {
      records = parseCsvSync(runText, CSV_OPTIONS) as string[][];
    } catch (error) {
      const unclosed = error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED' && open;
      throw unclosed ? new SourceError(`not a readable CSV file: a quote opened on line ${openedAt} is never closed`, openedAt) : sourceErrorOf(error, firstLine);
    }
    let at = firstLine;
    for (const fields of records) {
      batch.push({ line: at, fields });
      at += 1 + countLineBreaks(fields);
    }
  };

  const take = (raw: string) => {
    const current = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const quoted = current.indexOf('"') >= 0;
    // A plain line after a closed quoted run ends the run: its records come first.
    if (run && !run.open && !quoted) flushRun();
    if (!run && !quoted) {
      batch.push({ line, fields: current.split(',') });
      line += 1;
      return;
    }
    const odd = quoted && (current.split('"').length - 1) % 2 === 1;
    if (!run) {
      run = { firstLine: line, text: `${current}\n`, lines: 1, open: odd, openedAt: line };
      return;
    }
    run.text += `${current}\n`;
    run.lines += 1;
    if (odd) {
      run.open = !run.open;
      if (run.open) run.openedAt = run.firstLine + run.lines - 1;
    }
    // An unclosed quote flushes too, once the run is large: csv-parse then says where it opened.
    if ((!run.open && run.lines >= RUN_LINES) || run.text.length >= RUN_CHARS) flushRun();
  };

  try {
    for await (const chunk of text) {
      let data = rest + chunk;
      if (first) {
        first = false;
        if (data.startsWith('\uFEFF')) data = data.slice(1);
        if (data.indexOf('\n') < 0 && data.indexOf('\r') >= 0) {
          yield* readCsvWhole(path, encoding);
          return;
        }
      }
      let start = 0;
      for (let end = data.indexOf('\n'); end >= 0; end = data.indexOf('\n', start)) {
        take(data.slice(start, end));
        start = end + 1;
      }
      rest = data.slice(start);
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
    if (rest !== '') take(rest);
    flushRun();
    if (batch.length > 0) yield batch;
  } finally {
    file.destroy();
  }
}

/** csv-parse's stream over the whole file: for record delimiters other than LF and CRLF. */
async function* readCsvWhole(path: string, encoding: TextEncoding): AsyncGenerator<SourceRecord[]> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const source: NodeJS.ReadableStream = encoding === 'gbk' ? file.pipe(iconv.decodeStream('gbk')) : file;
  const parser = source.pipe(parseCsv({ bom: true, ...CSV_OPTIONS }));
  file.on('error', (error) => parser.destroy(error));
  let line = 1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      yield [{ line, fields }];
      line += 1 + countLineBreaks(fields);
    }
  } catch (error) {
    throw sourceErrorOf(error, 1);
  } finally {
    file.destroy();
  }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Spreadsheet dates carry no zone: exceljs gives them as UTC instants of the wall-clock time. */
function dateText(value: Date): string {
  const day = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  const seconds = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
  if (seconds === 0) return day;
  return `${day} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
}

/** Numbers as people typed them: integers whole, fractions without binary noise (0.1 + 0.2 → 0.3). */
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(Number(value.toPrecision(15)));
}

export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return cellText(result instanceof Object && 'error' in result ? undefined : result);
  }
  if ('error' in value) return String(value.error);
  if ('text' in value) return String(value.text);
  return '';
}

const XLSX_BATCH = 1000;

/** The first worksheet, a thousand rows at a time; row numbers are the sheet's. */
export async function* readXlsx(path: string): AsyncGenerator<SourceRecord[]> {
  const file = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let batch: SourceRecord[] = [];
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const fields: string[] = [];
        for (let column = 1; column < values.length; column += 1) fields.push(cellText(values[column]));
        batch.push({ line: row.number, fields });
        if (batch.length >= XLSX_BATCH) {
          yield batch;
          batch = [];
        }
      }
      break;
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`not a readable XLSX file: ${(error as Error).message}`);
  } finally {
    file.destroy();
  }
}

/** Records in file order, in batches (one await per batch, not per row, keeps a million rows quick). */
export function readRecords(path: string, format: ImportFormat): AsyncGenerator<SourceRecord[]> {
  return format === 'csv' ? readCsv(path) : readXlsx(path);
}
