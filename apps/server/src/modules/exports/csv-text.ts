import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Excel shows UTF-8 CSV with Chinese text correctly only when the file starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

/**
 * A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`; CSV injection) gets a
 * leading apostrophe, which Excel and WPS show as text. Imports strip it again, so an exported file
 * re-imports unchanged.
 */
export function escapeFormula(value: string): string {
  return value !== '' && '=+-@'.includes(value[0]!) ? `'${value}` : value;
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line, CRLF-terminated as RFC 4180 and Excel like it, every value formula-escaped. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map((value) => csvField(escapeFormula(value === null || value === undefined ? '' : String(value)))).join(',')}\r\n`;
}

/** Writes and, when the stream's buffer is full, waits for it to drain: memory stays flat. */
export async function writeText(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
