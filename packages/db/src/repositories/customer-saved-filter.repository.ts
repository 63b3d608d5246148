import { sql } from 'drizzle-orm';
import type { AccessContext } from '@patron/domain';
import type { Executor } from '../database';

/** A named customer-list query; `filters` is the list's filter object as the contracts parse it. */
export interface SavedFilter {
  id: number;
  name: string;
  filters: Record<string, unknown>;
  shared: boolean;
  owner: string;
  ownerName: string;
  mine: boolean;
  createdAt: Date;
}

const columns = (ctx: AccessContext) => sql`f.id, f.name, f.filters, f.shared, u.username AS owner,
  u.display_name AS "ownerName", (f.owner_id = ${ctx.userId}) AS mine, f.created_at AS "createdAt"`;

// Visible: the caller's own, and shared ones whose owner's org subtree holds the caller. A filter
// only names conditions; the rows it finds are still cut to the caller's scope by the list query.
const visible = (ctx: AccessContext) => sql`(f.owner_id = ${ctx.userId}
  OR (f.shared AND ${ctx.orgPath} LIKE (SELECT o.path FROM org_units o WHERE o.id = u.org_unit_id) || '%'))`;

export function listSavedFilters(db: Executor, ctx: AccessContext): Promise<SavedFilter[]> {
  return db.rows<SavedFilter>(sql`
    SELECT ${columns(ctx)} FROM saved_filters f JOIN users u ON u.id = f.owner_id
    WHERE ${visible(ctx)} ORDER BY (f.owner_id = ${ctx.userId}) DESC, f.name, f.id LIMIT 500`);
}

export function findSavedFilter(db: Executor, ctx: AccessContext, id: number): Promise<SavedFilter | undefined> {
  return db.first<SavedFilter>(sql`
    SELECT ${columns(ctx)} FROM saved_filters f JOIN users u ON u.id = f.owner_id WHERE f.id = ${id} AND ${visible(ctx)}`);
}

/** Undefined when the owner already has a filter of that name. */
export async function insertSavedFilter(
  tx: Executor,
  ctx: AccessContext,
  filter: { name: string; filters: Record<string, unknown>; shared: boolean },
): Promise<SavedFilter | undefined> {
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO saved_filters (owner_id, name, filters, shared)
    VALUES (${ctx.userId}, ${filter.name}, ${JSON.stringify(filter.filters)}::jsonb, ${filter.shared})
    ON CONFLICT (owner_id, name) DO NOTHING RETURNING id`);
  return row ? findSavedFilter(tx, ctx, row.id) : undefined;
}

/** Only the owner deletes; false when the filter is not the caller's. */
export async function deleteSavedFilter(tx: Executor, ctx: AccessContext, id: number): Promise<boolean> {
  return (await tx.run(sql`DELETE FROM saved_filters WHERE id = ${id} AND owner_id = ${ctx.userId}`)) > 0;
}
