import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../database';
import { offsetOf, type Page, type PageRequest } from './paging';

export interface AuditEventInput {
  actorId?: number | null;
  actorName?: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  orgUnitId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEvent {
  id: number;
  occurredAt: Date;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Call inside the transaction that makes the change, so the change and its record stand or fall together. */
export async function appendAudit(tx: Executor, event: AuditEventInput): Promise<void> {
  await tx.run(sql`
    INSERT INTO audit_events (actor_id, actor_name, action, entity_type, entity_id, org_unit_id, before, after, reason, ip, request_id)
    VALUES (${event.actorId ?? null}, ${event.actorName ?? null}, ${event.action}, ${event.entityType ?? null},
      ${event.entityId == null ? null : String(event.entityId)}, ${event.orgUnitId ?? null},
      ${json(event.before)}::jsonb, ${json(event.after)}::jsonb, ${event.reason ?? null}, ${event.ip ?? null}, ${event.requestId ?? null})`);
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  /** Only events by users inside this org path (for managers); omitted for administrators. */
  actorOrgPath?: string;
}

export async function listAuditEvents(db: Executor, filter: AuditFilter, paging: PageRequest): Promise<Page<AuditEvent>> {
  const conditions: SQL[] = [sql`true`];
  if (filter.action) conditions.push(sql`action LIKE ${filter.action.replace(/\*$/, '%')}`);
  if (filter.actor) conditions.push(sql`actor_name = ${filter.actor}`);
  if (filter.entityType) conditions.push(sql`entity_type = ${filter.entityType}`);
  if (filter.entityId) conditions.push(sql`entity_id = ${filter.entityId}`);
  if (filter.from) conditions.push(sql`occurred_at >= ${filter.from.toISOString()}`);
  if (filter.to) conditions.push(sql`occurred_at < ${filter.to.toISOString()}`);
  if (filter.actorOrgPath) {
    conditions.push(sql`actor_id IN (SELECT u.id FROM users u JOIN org_units o ON o.id = u.org_unit_id
      WHERE o.path LIKE ${filter.actorOrgPath + '%'})`);
  }
  const where = sql.join(conditions, sql` AND `);
  const [items, count] = await Promise.all([
    db.rows<AuditEvent>(sql`
      SELECT id, occurred_at AS "occurredAt", actor_id AS "actorId", actor_name AS "actorName", action,
        entity_type AS "entityType", entity_id AS "entityId", before, after, reason, ip, request_id AS "requestId"
      FROM audit_events WHERE ${where} ORDER BY id DESC LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total FROM audit_events WHERE ${where}`),
  ]);
  return { items, total: count?.total ?? 0, ...paging };
}
