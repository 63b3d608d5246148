import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';

/** Assisting managers (协办) of a cross-region group serve it too, so they see it. */
function assisting(c: SQL, ctx: AccessContext): SQL {
  return sql`EXISTS (SELECT 1 FROM customer_managers cm WHERE cm.customer_id = ${c}.id AND cm.user_id = ${ctx.userId})`;
}

/**
 * The row filter for customer-owned data, as SQL over a `customers` alias. Every repository that
 * reads customers or anything hanging off them ANDs this in, so no endpoint can forget it.
 * `aggregate` and `none` reach no rows: aggregate roles read through the summary queries only.
 */
export function customerScope(ctx: AccessContext, alias = 'c'): SQL {
  const c = sql.raw(alias);
  switch (ctx.dataScope) {
    case 'subtree':
      return sql`${c}.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${ctx.orgPath + '%'})`;
    case 'team':
      return sql`(${c}.account_manager_id = ${ctx.userId} OR ${c}.phone_manager_id = ${ctx.userId} OR ${assisting(c, ctx)}
        OR ${c}.account_manager_id IN (SELECT u.id FROM users u JOIN org_units o ON o.id = u.org_unit_id
          WHERE o.path LIKE ${ctx.orgPath + '%'}))`;
    case 'own':
      return sql`(${c}.account_manager_id = ${ctx.userId} OR ${c}.phone_manager_id = ${ctx.userId} OR ${assisting(c, ctx)})`;
    case 'aggregate':
    case 'none':
      return sql`false`;
  }
}

/** Aggregates may count across the caller's org subtree even when rows are out of reach. */
export function customerAggregateScope(ctx: AccessContext, alias = 'c'): SQL {
  if (ctx.dataScope === 'aggregate') {
    return sql`${sql.raw(alias)}.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${ctx.orgPath + '%'})`;
  }
  return customerScope(ctx, alias);
}
