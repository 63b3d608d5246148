import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { validateCustomerReference, validateLineOwnerScope } from './customer-reference';
import {
  countUpsert,
  isValid,
  type ImportTarget,
  type TargetContext,
} from './import-target';

async function validate(tx: Executor, { actor }: TargetContext): Promise<void> {
  await validateCustomerReference(tx, actor);
  // Moving a line between customers takes both: the one it leaves must be the actor's too.
  await validateLineOwnerScope(tx, actor);
}

function upsert(tx: Executor, { present }: TargetContext) {
  return countUpsert(
    tx,
    {
      table: 'lines',
      key: ['line_no'],
      columns: [
        { column: 'line_no', value: sql`s.line_no` },
        { column: 'customer_id', value: sql`c.id`, field: 'customer_no' },
        { column: 'type', value: sql`s.type`, field: 'type' },
        { column: 'package', value: sql`s.package`, field: 'package' },
        { column: 'brand', value: sql`s.brand`, field: 'brand' },
        { column: 'status', value: sql`COALESCE(s.status, 'normal')`, field: 'status' },
        { column: 'activated_on', value: sql`s.activated_on`, field: 'activated_on' },
      ],
      from: sql`FROM import_staging s JOIN customers c ON c.customer_no = s.customer_no WHERE ${isValid()}`,
      present,
      touch: 'updated_at = now()',
    },
  );
}

export const linesTarget: ImportTarget = {
  kind: 'lines',
  stagingColumns: [
    { name: 'line_no', type: 'text NOT NULL' },
    { name: 'customer_no', type: 'text NOT NULL' },
    { name: 'type', type: 'text NOT NULL' },
    { name: 'package', type: 'text' },
    { name: 'brand', type: 'text' },
    { name: 'status', type: 'text' },
    { name: 'activated_on', type: 'date' },
  ],
  duplicates: { columns: ['line_no'], column: 'line_no', describe: sql`format('line_no %s', s.line_no)` },
  validate,
  upsert,
};
