import { sql } from 'drizzle-orm';
import type { NotificationCategory, NotificationKind } from '@patron/domain';
import type { Executor } from '../database';
import { offsetOf, type Page, type PageRequest } from './paging';

// In-app notifications. Writers (SLA scanner, complaint escalation, revisits) insert inside their
// own transaction; every read and update below is keyed by the recipient, so a caller only ever
// reaches their own rows.

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  /** zh-CN text kept with the row for clients that do not know the kind. */
  title: string;
  body: string | null;
  params: Record<string, unknown>;
  entityType: string | null;
  entityId: string | null;
}

export async function insertNotifications(tx: Executor, notifications: readonly NewNotification[], now: Date): Promise<number> {
  if (notifications.length === 0) return 0;
  const payload = JSON.stringify(
    notifications.map((n) => ({
      user_id: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      params: n.params,
      entity_type: n.entityType,
      entity_id: n.entityId,
    })),
  );
  return tx.run(sql`
    INSERT INTO notifications (user_id, kind, title, body, params, entity_type, entity_id, created_at)
    SELECT v.user_id, v.kind, v.title, v.body, COALESCE(v.params, '{}'::jsonb), v.entity_type, v.entity_id, ${now.toISOString()}
    FROM jsonb_to_recordset(${payload}::jsonb) AS v(user_id bigint, kind text, title text, body text, params jsonb, entity_type text, entity_id text)`);
}

export interface NotificationRecord {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  params: Record<string, unknown>;
  entityType: string | null;
  entityId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** The user's unread count (served by the partial index notifications_unread_idx). */
export async function countUnreadNotifications(db: Executor, userId: number): Promise<number> {
  const row = await db.first<{ total: number }>(sql`SELECT count(*)::int AS total FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`);
  return row?.total ?? 0;
}

export interface NotificationFilter {
  unread?: boolean;
  category?: NotificationCategory;
}

/** The user's notifications, newest first, optionally only the unread or one category, with the unread count. */
export async function listNotifications(
  db: Executor,
  userId: number,
  filter: NotificationFilter,
  paging: PageRequest,
): Promise<Page<NotificationRecord> & { unread: number }> {
  const conditions = [sql`user_id = ${userId}`];
  if (filter.unread) conditions.push(sql`read_at IS NULL`);
  if (filter.category) conditions.push(sql`kind LIKE ${`${filter.category}.%`}`);
  const where = sql.join(conditions, sql` AND `);
  const [items, count, unread] = await Promise.all([
    db.rows<NotificationRecord>(sql`SELECT id, kind, title, body, params, entity_type AS "entityType", entity_id AS "entityId",
      created_at AS "createdAt", read_at AS "readAt" FROM notifications WHERE ${where}
      ORDER BY id DESC LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total FROM notifications WHERE ${where}`),
    countUnreadNotifications(db, userId),
  ]);
  return { items, total: count?.total ?? 0, unread, ...paging };
}

/** Marks the caller's own notification read (keeping the first read time); false when it is not theirs. */
export async function markNotificationRead(db: Executor, userId: number, id: number, now: Date): Promise<boolean> {
  const found = await db.first(sql`UPDATE notifications SET read_at = COALESCE(read_at, ${now.toISOString()}::timestamptz)
    WHERE id = ${id} AND user_id = ${userId} RETURNING id`);
  return found !== undefined;
}

/**
 * Marks all of the caller's unread notifications up to `upToId` read, so one that arrives while the
 * user is looking at the list is not swept away unseen. Returns how many it marked.
 */
export async function markAllNotificationsRead(db: Executor, userId: number, upToId: number | null, now: Date): Promise<number> {
  const bound = upToId === null ? sql`` : sql` AND id <= ${upToId}`;
  return db.run(sql`UPDATE notifications SET read_at = ${now.toISOString()}::timestamptz
    WHERE user_id = ${userId} AND read_at IS NULL${bound}`);
}
