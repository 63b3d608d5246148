import { describe, expect, it } from 'vitest';
import type { BulkSession } from './bulk-transaction';
import { copyLine } from './copy-text';
import { billsTarget } from './bills.target';
import { ImportStager } from './import-stager';

/** A session that keeps what would be COPYed, per table, batch by batch. */
function recordingSession() {
  const batches: { table: string; text: string }[] = [];
  const session = {
    tx: undefined as never,
    async copyIn(table: string, _columns: readonly string[], text: string | Buffer) {
      const decoded = typeof text === 'string' ? text : text.toString('utf8');
      batches.push({ table, text: decoded });
      return decoded.split('\n').length - 1;
    },
  } satisfies BulkSession;
  return { session, batches };
}

describe('ImportStager', () => {
  it('loads every staged row and error exactly once, in batches no larger than asked, Chinese text intact', async () => {
    const { session, batches } = recordingSession();
    const stager = new ImportStager(session, billsTarget, 200);
    let expectedRows = '';
    for (let line = 2; line < 60; line += 1) {
      const values = [`客户${line}`, '2026-10-01', line * 100, null, null];
      expectedRows += copyLine([line, ...values]);
      stager.stage(line, values);
      if (line % 7 === 0) {
        stager.reject([{ line: 1000 + line, column: 'amount', code: 'negative', message: `金额不能为负\t${line}` }]);
        await stager.sendIfFull();
      }
    }
    await stager.finish();

    const rows = batches.filter((batch) => batch.table === 'import_staging');
    const errors = batches.filter((batch) => batch.table === 'import_errors');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.map((batch) => batch.text).join('')).toBe(expectedRows);
    for (const batch of rows) expect(Buffer.byteLength(batch.text)).toBeLessThanOrEqual(200);
    expect(errors.map((batch) => batch.text).join('')).toContain('1049\tamount\tnegative\t金额不能为负\\t49\n');
    expect(stager.stagedRows).toBe(58);
    expect(stager.rejectedRows).toBe(8);
  });

  it('sends a line longer than a batch on its own', async () => {
    const { session, batches } = recordingSession();
    const stager = new ImportStager(session, billsTarget, 16);
    stager.stage(2, ['K1', '2026-10-01', 1, null, null]);
    stager.stage(3, ['K'.repeat(40), '2026-10-01', 1, null, null]);
    await stager.finish();
    expect(batches.map((batch) => batch.text)).toEqual([
      copyLine([2, 'K1', '2026-10-01', 1, null, null]),
      copyLine([3, 'K'.repeat(40), '2026-10-01', 1, null, null]),
    ]);
  });
});
