/**
 * `COPY … FROM STDIN` for node-postgres, for one in-memory chunk of COPY text. node-postgres runs
 * any object with `submit(connection)` as a query (its documented Submittable interface) and calls
 * the `handle…` methods below as the backend's messages arrive; this is what pg-copy-streams does,
 * cut down to a single chunk, which is all the importer needs: it sends batches of a few MB and keeps
 * one batch in flight while it parses the next, so memory stays flat without stream plumbing.
 */

import type pg from 'pg';

/** pg's Connection has these (lib/connection.js); @types/pg does not declare the COPY ones. */
type CopyConnection = pg.Connection & {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
};

export class CopyFromStdin implements pg.Submittable {
  private rowCount = 0;
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly chunk: Buffer,
    private readonly onDone: (rows: number) => void,
    private readonly onError: (error: Error) => void,
  ) {}

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    // Sent as protocol messages of at most 64 KB, as psql does.
    for (let offset = 0; offset < this.chunk.length; offset += 65_536) {
      connection.sendCopyFromChunk(this.chunk.subarray(offset, offset + 65_536));
    }
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    const match = /^COPY (\d+)/.exec(message.text ?? '');
    this.rowCount = match ? Number(match[1]) : 0;
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.onDone(this.rowCount);
  }

  handleError(error: Error): void {
    this.failed = true;
    this.onError(error);
  }

  // Not sent during COPY FROM; present because the client may call them on any active query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}
