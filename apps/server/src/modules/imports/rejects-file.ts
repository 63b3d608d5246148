import type { Writable } from 'node:stream';
import type { ImportRowError } from '@patron/db/import/index';
import { csvLine, UTF8_BOM, writeText } from '../exports/csv-text';
import { readRecords, type ImportFormat, type SourceRecord } from './import-source';

/**
 * The rejects file: the rejected rows with their original columns and one more, `error`, listing
 * every problem of the row. Built by merging the source file with the errors, both in line order,
 * so neither is held in memory. UTF-8 with a BOM whatever the source's encoding.
 */
export class RejectsWriter {
  private readonly batches: AsyncGenerator<SourceRecord[]>;
  private buffered: SourceRecord[] = [];
  private started = false;
  private pending: { line: number; messages: string[] } | undefined;
  /** A record read past the pending line, kept for the next one. */
  private peeked: SourceRecord | undefined;
  rows = 0;

  constructor(
    source: { path: string; format: ImportFormat },
    private readonly out: Writable,
  ) {
    this.batches = readRecords(source.path, source.format);
  }

  /** Errors must come in line order (several per line are fine). */
  async add(error: ImportRowError): Promise<void> {
    await this.start();
    const message = error.column ? `${error.column}: ${error.message}` : error.message;
    if (this.pending?.line === error.line) {
      this.pending.messages.push(message);
      return;
    }
    await this.flush();
    this.pending = { line: error.line, messages: [message] };
  }

  async close(): Promise<void> {
    await this.start();
    await this.flush();
    await this.batches.return(undefined);
  }

  /** Stops reading the source without finishing the file (the caller removes it). */
  async abort(): Promise<void> {
    await this.batches.return(undefined);
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await writeText(this.out, UTF8_BOM);
    for (;;) {
      const record = await this.nextRecord();
      if (!record) return;
      if (record.fields.some((field) => field.trim() !== '')) {
        await writeText(this.out, csvLine([...record.fields, 'error']));
        return;
      }
    }
  }

  private async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    for (;;) {
      const record = this.peeked ?? (await this.nextRecord());
      this.peeked = undefined;
      if (!record) return;
      if (record.line < pending.line) continue;
      if (record.line === pending.line) {
        await writeText(this.out, csvLine([...record.fields, pending.messages.join('; ')]));
        this.rows += 1;
      } else {
        this.peeked = record;
      }
      return;
    }
  }

  private async nextRecord(): Promise<SourceRecord | undefined> {
    while (this.buffered.length === 0) {
      const next = await this.batches.next();
      if (next.done) return undefined;
      this.buffered = next.value.reverse();
    }
    return this.buffered.pop();
  }
}
