import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { addErrors, isValid, scopeOf, type ImportActor } from './import-target';

/**
 * Rows that name a customer by number (lines, bills, payments): the customer must exist and, for an
 * actor with a scope, be inside it. Out-of-scope customers are named as such, not as missing, since
 * an import author needs to know which rows to hand to a colleague.
 */
export async function validateCustomerReference(tx: Executor, actor: ImportActor): Promise<void> {
  await addErrors(
    tx,
    sql`SELECT s.line, 'customer_no', 'unknown_customer', format('no customer %s', s.customer_no)
      FROM import_staging s WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_no = s.customer_no)`,
  );
  if (actor.access) {
    await addErrors(
      tx,
      sql`SELECT s.line, 'customer_no', 'out_of_scope', format('customer %s is outside your data scope', s.customer_no)
        FROM import_staging s JOIN customers c ON c.customer_no = s.customer_no
        WHERE (${scopeOf(actor, 'c')}) IS NOT TRUE AND ${isValid()}`,
    );
  }
}

/**
 * Rows that name an existing line (a line being moved, a suspension): for an actor with a scope, the
 * customer the line belongs to now must be inside it too.
 */
export async function validateLineOwnerScope(tx: Executor, actor: ImportActor): Promise<void> {
  if (!actor.access) return;
  await addErrors(
    tx,
    sql`SELECT s.line, 'line_no', 'out_of_scope', format('line %s belongs to a customer outside your data scope', s.line_no)
      FROM import_staging s JOIN lines l ON l.line_no = s.line_no JOIN customers c ON c.id = l.customer_id
      WHERE (${scopeOf(actor, 'c')}) IS NOT TRUE AND ${isValid()}`,
  );
}
