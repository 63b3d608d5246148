/** A value as it goes into COPY: null becomes SQL NULL; numbers and strings go as text. */
export type CopyValue = string | number | boolean | null;

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in PostgreSQL's COPY text format. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (char) => ESCAPES[char]!) : value;
}

/** One row in COPY text format, newline included: tab-separated fields, `\N` for NULL. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) line += '\t';
    line += copyField(values[i]!);
  }
  return `${line}\n`;
}

/** copyLine for a row that starts with its line number, without building a new array. */
export function copyLineNumbered(line: number, values: readonly CopyValue[]): string {
  let text = String(line);
  for (let i = 0; i < values.length; i += 1) text += `\t${copyField(values[i]!)}`;
  return `${text}\n`;
}
