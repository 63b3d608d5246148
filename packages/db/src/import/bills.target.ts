import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { validateCustomerReference } from './customer-reference';
import { countUpsert, isValid, type ImportTarget, type TargetContext } from './import-target';

async function validate(tx: Executor, { actor }: TargetContext): Promise<void> {
  await validateCustomerReference(tx, actor);
}

function upsert(tx: Executor, { present }: TargetContext) {
  return countUpsert(
    tx,
    {
      table: 'bills',
      key: ['customer_id', 'month'],
      columns: [
        { column: 'customer_id', value: sql`c.id` },
        { column: 'month', value: sql`s.month` },
        { column: 'amount_fen', value: sql`s.amount_fen`, field: 'amount' },
        { column: 'paid_fen', value: sql`COALESCE(s.paid_fen, 0)`, field: 'paid_amount' },
        { column: 'paid_on', value: sql`s.paid_on`, field: 'paid_on' },
      ],
      from: sql`FROM import_staging s JOIN customers c ON c.customer_no = s.customer_no WHERE ${isValid()}`,
      present,
    },
  );
}

export const billsTarget: ImportTarget = {
  kind: 'bills',
  stagingColumns: [
    { name: 'customer_no', type: 'text NOT NULL' },
    { name: 'month', type: 'date NOT NULL' },
    { name: 'amount_fen', type: 'bigint NOT NULL' },
    { name: 'paid_fen', type: 'bigint' },
    { name: 'paid_on', type: 'date' },
  ],
  duplicates: { columns: ['customer_no', 'month'], column: 'month', describe: sql`format('the bill of %s for %s', s.customer_no, to_char(s.month, 'YYYY-MM'))` },
  validate,
  upsert,
};
