import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import {
  addErrors,
  countUpsert,
  isValid,
  type ImportTarget,
  type TargetContext,
} from './import-target';
import { validateLineOwnerScope } from './customer-reference';

async function validate(tx: Executor, { actor }: TargetContext): Promise<void> {
  await addErrors(
    tx,
    sql`SELECT s.line, 'restored_at', 'restored_before_suspended', 'restored_at is before suspended_at'
      FROM import_staging s WHERE s.restored_at < s.suspended_at`,
  );
  await addErrors(
    tx,
    sql`SELECT s.line, 'line_no', 'unknown_line', format('no line %s', s.line_no)
      FROM import_staging s WHERE NOT EXISTS (SELECT 1 FROM lines l WHERE l.line_no = s.line_no)`,
  );
  await validateLineOwnerScope(tx, actor);
}

function upsert(tx: Executor, { present }: TargetContext) {
  return countUpsert(
    tx,
    {
      table: 'suspensions',
      key: ['line_id', 'suspended_at'],
      columns: [
        { column: 'line_id', value: sql`l.id` },
        { column: 'kind', value: sql`s.kind`, field: 'kind' },
        { column: 'suspended_at', value: sql`s.suspended_at` },
        { column: 'restored_at', value: sql`s.restored_at`, field: 'restored_at' },
      ],
      from: sql`FROM import_staging s JOIN lines l ON l.line_no = s.line_no WHERE ${isValid()}`,
      present,
    },
  );
}

export const suspensionsTarget: ImportTarget = {
  kind: 'suspensions',
  stagingColumns: [
    { name: 'line_no', type: 'text NOT NULL' },
    { name: 'kind', type: 'text NOT NULL' },
    // Read in the session's zone, which the importer sets to Asia/Shanghai: '2026-01-05 08:30' is Beijing time.
    { name: 'suspended_at', type: 'timestamptz NOT NULL' },
    { name: 'restored_at', type: 'timestamptz' },
  ],
  duplicates: { columns: ['line_no', 'suspended_at'], column: 'suspended_at', describe: sql`format('the suspension of %s at %s', s.line_no, to_char(s.suspended_at, 'YYYY-MM-DD HH24:MI:SS'))` },
  validate,
  upsert,
};
