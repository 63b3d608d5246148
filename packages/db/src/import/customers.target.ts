import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../database';
import type { BusinessDate } from '@patron/domain';
import { managerLoadLimitsJson } from '../repositories/customer-assignment.repository';
import {
  addErrors,
  isValid,
  scopeOf,
  writeStaged,
  type ImportActor,
  type ImportTarget,
  type TargetContext,
} from './import-target';

/**
 * The profile as history shows it (API names, codes and usernames instead of ids), restricted to
 * what an import can change. Over a customers alias `c`.
 */
const SNAPSHOT = sql`jsonb_build_object(
  'kind', c.kind, 'name', c.name, 'grade', c.grade, 'star', c.star, 'idNumber', c.id_number, 'uscc', c.uscc,
  'phone', c.phone, 'birthday', c.birthday,
  'orgUnit', (SELECT code FROM org_units WHERE id = c.org_unit_id),
  'accountManager', (SELECT username FROM users WHERE id = c.account_manager_id),
  'parentCustomerNo', (SELECT customer_no FROM customers WHERE id = c.parent_customer_id),
  'activatedOn', c.activated_on)`;

/** Where an actor may file customers: its subtree, and for team and own scopes also the district and team above. */
function orgReach(actor: ImportActor, alias: string): SQL {
  const access = actor.access;
  if (!access) return sql`true`;
  const o = sql.raw(alias);
  const below = sql`${o}.path LIKE ${access.orgPath + '%'}`;
  if (access.dataScope === 'team' || access.dataScope === 'own') {
    return sql`(${below} OR (${access.orgPath} LIKE ${o}.path || '%' AND ${o}.kind IN ('district', 'team')))`;
  }
  return access.dataScope === 'subtree' ? below : sql`false`;
}

async function validate(tx: Executor, { actor, present, overrideLoadLimits, today }: TargetContext): Promise<void> {
  await addErrors(
    tx,
    sql`SELECT s.line, 'org_unit', 'unknown_org_unit', format('no active org unit %s', s.org_code)
      FROM import_staging s LEFT JOIN org_units o ON o.code = s.org_code AND o.active WHERE o.id IS NULL`,
  );
  await addErrors(
    tx,
    sql`SELECT s.line, 'account_manager', 'unknown_manager', format('no active user %s', s.manager)
      FROM import_staging s WHERE s.manager IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.username = s.manager AND u.active AND NOT u.system)`,
  );
  if (present.has('parent_customer_no')) await validateParents(tx);
  if (actor.access) await validateScope(tx, actor, present);
  if (present.has('parent_customer_no')) {
    await validateCycles(tx);
    await rejectOrphans(tx);
  }
  if (present.has('account_manager') && !overrideLoadLimits) await validateLoadLimits(tx, present, today);
}

/**
 * The assignment API's load limits, row by row in file order: a manager's in-network customers of a
 * tier that the file does not touch, plus the file's valid rows giving them that tier up to this
 * one, must stay within the limit in force for the manager's org. The first row past it and every
 * later one is an error.
 */
async function validateLoadLimits(tx: Executor, present: ReadonlySet<string>, today: BusinessDate): Promise<void> {
  const grade = present.has('grade') ? sql`COALESCE(s.grade, 'none')` : sql`COALESCE(e.grade, 'none')`;
  const tier = (column: SQL) => sql`CASE WHEN ${column} IN ('diamond', 'gold', 'silver') THEN 'vip' WHEN ${column} = 'guest' THEN 'guest' END`;
  const limits = await managerLoadLimitsJson(tx, sql`SELECT m.id FROM import_staging s JOIN users m ON m.username = s.manager`, today);
  await addErrors(
    tx,
    sql`WITH limits AS (
        SELECT * FROM jsonb_to_recordset(${limits}::jsonb) AS l ("managerId" bigint, vip int, guest int)),
      incoming AS (
        SELECT s.line, s.manager, m.id AS manager_id, ${tier(grade)} AS tier
        FROM import_staging s JOIN users m ON m.username = s.manager
        LEFT JOIN customers e ON e.customer_no = s.customer_no
        WHERE COALESCE(e.archive, 'in_network') = 'in_network' AND ${isValid()}),
      ranked AS (
        SELECT i.*, row_number() OVER (PARTITION BY i.manager_id, i.tier ORDER BY i.line)::int AS n FROM incoming i WHERE i.tier IS NOT NULL),
      kept AS (
        SELECT c.account_manager_id AS manager_id, ${tier(sql`c.grade`)} AS tier, count(*)::int AS load
        FROM customers c
        WHERE c.archive = 'in_network' AND c.account_manager_id IN (SELECT manager_id FROM ranked)
          AND NOT EXISTS (SELECT 1 FROM import_staging s WHERE s.customer_no = c.customer_no AND ${isValid()})
        GROUP BY 1, 2)
      SELECT r.line, 'account_manager', 'load_limit',
        format('%s %s load %s + %s > limit %s', r.manager, r.tier, COALESCE(k.load, 0), r.n,
          CASE r.tier WHEN 'vip' THEN l.vip ELSE l.guest END)
      FROM ranked r JOIN limits l ON l."managerId" = r.manager_id LEFT JOIN kept k ON k.manager_id = r.manager_id AND k.tier = r.tier
      WHERE COALESCE(k.load, 0) + r.n > CASE r.tier WHEN 'vip' THEN l.vip ELSE l.guest END`,
  );
}

/** The parent is a group customer, stored already or on an earlier line of the same file. */
async function validateParents(tx: Executor): Promise<void> {
  await addErrors(
    tx,
    sql`SELECT s.line, 'parent_customer_no', 'parent_self', 'a customer cannot be its own parent'
      FROM import_staging s WHERE s.parent_no = s.customer_no`,
  );
  await addErrors(
    tx,
    sql`SELECT s.line, 'parent_customer_no', 'unknown_parent',
        format('no customer %s (a parent must exist already or be on an earlier valid line)', s.parent_no)
      FROM import_staging s
      WHERE s.parent_no IS NOT NULL AND s.parent_no <> s.customer_no
        AND NOT EXISTS (SELECT 1 FROM customers p WHERE p.customer_no = s.parent_no)
        AND NOT EXISTS (SELECT 1 FROM import_staging t WHERE t.customer_no = s.parent_no AND t.line < s.line)`,
  );
  // The parent's kind as it will be: the file's row (the first one) wins over the stored one.
  await addErrors(
    tx,
    sql`SELECT s.line, 'parent_customer_no', 'parent_not_group', format('parent %s is not a group customer', s.parent_no)
      FROM import_staging s
      CROSS JOIN LATERAL (
        SELECT COALESCE(
          (SELECT t.kind FROM import_staging t WHERE t.customer_no = s.parent_no ORDER BY t.line LIMIT 1),
          (SELECT p.kind FROM customers p WHERE p.customer_no = s.parent_no)) AS kind) parent
      WHERE s.parent_no IS NOT NULL AND s.parent_no <> s.customer_no AND parent.kind IS DISTINCT FROM 'group'
        AND parent.kind IS NOT NULL`,
  );
}

async function validateScope(tx: Executor, actor: ImportActor, present: ReadonlySet<string>): Promise<void> {
  // The customer as stored must be the actor's, and so must the customer as the row leaves it
  // (`n`: the columns customerScope reads, as they will be).
  await addErrors(
    tx,
    sql`SELECT s.line, 'customer_no', 'out_of_scope', format('customer %s is outside your data scope', s.customer_no)
      FROM import_staging s JOIN customers c ON c.customer_no = s.customer_no
      WHERE (${scopeOf(actor, 'c')}) IS NOT TRUE AND ${isValid()}`,
  );
  await addErrors(
    tx,
    sql`SELECT s.line, 'org_unit', 'out_of_scope', format('org unit %s is outside your organisation', s.org_code)
      FROM import_staging s JOIN org_units o ON o.code = s.org_code
      WHERE (${orgReach(actor, 'o')}) IS NOT TRUE AND ${isValid()}`,
  );
  const manager = present.has('account_manager') ? sql`m.id` : sql`e.account_manager_id`;
  await addErrors(
    tx,
    sql`SELECT s.line, 'account_manager', 'out_of_scope', 'the row would put the customer outside your data scope'
      FROM import_staging s
      JOIN org_units o ON o.code = s.org_code
      LEFT JOIN users m ON m.username = s.manager
      LEFT JOIN customers e ON e.customer_no = s.customer_no
      CROSS JOIN LATERAL (SELECT e.id, o.id AS org_unit_id, ${manager} AS account_manager_id, e.phone_manager_id) n
      WHERE (${scopeOf(actor, 'n')}) IS NOT TRUE AND ${isValid()}`,
  );
}

/** Parent links as they will be (the file's rows over the stored ones) must not loop. */
async function validateCycles(tx: Executor): Promise<void> {
  await addErrors(
    tx,
    sql`WITH RECURSIVE walk (start_line, start_no, node, depth) AS (
        SELECT s.line, s.customer_no, s.parent_no, 1 FROM import_staging s WHERE s.parent_no IS NOT NULL AND ${isValid()}
        UNION ALL
        SELECT w.start_line, w.start_no, CASE WHEN f.line IS NOT NULL THEN f.parent_no ELSE p.customer_no END, w.depth + 1
        FROM walk w
        LEFT JOIN import_staging f ON f.customer_no = w.node AND ${isValid('f')}
        LEFT JOIN customers c ON c.customer_no = w.node
        LEFT JOIN customers p ON p.id = c.parent_customer_id
        WHERE w.node <> w.start_no AND w.depth < 50
      )
      SELECT DISTINCT start_line, 'parent_customer_no', 'parent_cycle',
        format('parent links would loop back to %s', start_no)
      FROM walk WHERE node = start_no`,
  );
}

/** With --partial, a row whose parent exists only on a rejected row cannot be written either. */
async function rejectOrphans(tx: Executor): Promise<void> {
  for (let round = 0; round < 50; round += 1) {
    const added = await addErrors(
      tx,
      sql`SELECT s.line, 'parent_customer_no', 'parent_rejected', format('parent %s is on a rejected line', s.parent_no)
        FROM import_staging s
        WHERE s.parent_no IS NOT NULL AND ${isValid()}
          AND NOT EXISTS (SELECT 1 FROM customers p WHERE p.customer_no = s.parent_no)
          AND NOT EXISTS (SELECT 1 FROM import_staging t WHERE t.customer_no = s.parent_no AND t.line < s.line AND ${isValid('t')})`,
    );
    if (added === 0) return;
  }
}

async function upsert(tx: Executor, { actor, present, reason }: TargetContext): Promise<{ inserted: number; updated: number }> {
  await tx.exec(`CREATE TEMP TABLE import_touched (id bigint NOT NULL, inserted boolean NOT NULL) ON COMMIT DROP;
    CREATE TEMP TABLE import_before (id bigint PRIMARY KEY, doc jsonb NOT NULL) ON COMMIT DROP;`);
  await tx.run(sql`INSERT INTO import_before (id, doc)
    SELECT c.id, ${SNAPSHOT} FROM customers c JOIN import_staging s ON s.customer_no = c.customer_no WHERE ${isValid()}`);

  await writeStaged(tx, {
    table: 'customers',
    key: ['customer_no'],
    columns: [
      { column: 'customer_no', value: sql`s.customer_no` },
      { column: 'kind', value: sql`s.kind`, field: 'kind' },
      { column: 'name', value: sql`s.name`, field: 'name' },
      { column: 'name_pinyin', value: sql`s.name_pinyin`, field: 'name' },
      { column: 'name_initials', value: sql`s.name_initials`, field: 'name' },
      { column: 'grade', value: sql`COALESCE(s.grade, 'none')`, field: 'grade' },
      { column: 'star', value: sql`s.star`, field: 'star' },
      { column: 'id_number', value: sql`s.id_number`, field: 'id_number' },
      { column: 'uscc', value: sql`s.uscc`, field: 'uscc' },
      { column: 'phone', value: sql`s.phone`, field: 'phone' },
      { column: 'birthday', value: sql`s.birthday`, field: 'birthday' },
      { column: 'org_unit_id', value: sql`o.id`, field: 'org_unit' },
      { column: 'account_manager_id', value: sql`m.id`, field: 'account_manager' },
      { column: 'activated_on', value: sql`s.activated_on`, field: 'activated_on' },
      { column: 'segment', value: sql`CASE s.kind WHEN 'group' THEN 'group' ELSE 'individual' END` },
    ],
    from: sql`FROM import_staging s
      JOIN org_units o ON o.code = s.org_code
      LEFT JOIN users m ON m.username = s.manager
      WHERE ${isValid()}`,
    present,
    touch: 'updated_at = now()',
    returning: 't.id',
  }, (statement) => tx.run(sql`WITH up AS (${statement}) INSERT INTO import_touched (id, inserted) SELECT id, inserted FROM up`));

  // Parents second: a parent that is new in this file has an id only once the statement above ran.
  if (present.has('parent_customer_no')) {
    await tx.run(sql`
      WITH up AS (
        UPDATE customers c SET parent_customer_id = p.id, updated_at = now()
        FROM import_staging s LEFT JOIN customers p ON p.customer_no = s.parent_no
        WHERE c.customer_no = s.customer_no AND ${isValid()} AND c.parent_customer_id IS DISTINCT FROM p.id
        RETURNING c.id
      )
      INSERT INTO import_touched (id, inserted) SELECT id, false FROM up`);
  }

  await tx.run(sql`
    INSERT INTO customer_history (customer_id, actor_id, actor_name, action, before, after, reason)
    SELECT b.id, ${actor.userId}::bigint, ${actor.username}::text, 'import',
      (SELECT jsonb_object_agg(key, value) FROM jsonb_each(b.doc) WHERE a.doc -> key IS DISTINCT FROM value),
      (SELECT jsonb_object_agg(key, value) FROM jsonb_each(a.doc) WHERE b.doc -> key IS DISTINCT FROM value),
      ${reason}::text
    FROM import_before b
    CROSS JOIN LATERAL (SELECT ${SNAPSHOT} AS doc FROM customers c WHERE c.id = b.id) a
    WHERE b.id IN (SELECT id FROM import_touched) AND a.doc IS DISTINCT FROM b.doc`);

  const counts = await tx.first<{ inserted: number; updated: number }>(sql`
    SELECT count(*) FILTER (WHERE ins)::int AS inserted, count(*) FILTER (WHERE NOT ins)::int AS updated
    FROM (SELECT bool_or(inserted) AS ins FROM import_touched GROUP BY id) t`);
  return { inserted: counts?.inserted ?? 0, updated: counts?.updated ?? 0 };
}

export const customersTarget: ImportTarget = {
  kind: 'customers',
  stagingColumns: [
    { name: 'customer_no', type: 'text NOT NULL' },
    { name: 'kind', type: 'text NOT NULL' },
    { name: 'name', type: 'text NOT NULL' },
    { name: 'name_pinyin', type: 'text NOT NULL' },
    { name: 'name_initials', type: 'text NOT NULL' },
    { name: 'grade', type: 'text' },
    { name: 'star', type: 'smallint' },
    { name: 'id_number', type: 'text' },
    { name: 'uscc', type: 'text' },
    { name: 'phone', type: 'text' },
    { name: 'birthday', type: 'date' },
    { name: 'org_code', type: 'text NOT NULL' },
    { name: 'manager', type: 'text' },
    { name: 'parent_no', type: 'text' },
    { name: 'activated_on', type: 'date' },
  ],
  duplicates: { columns: ['customer_no'], column: 'customer_no', describe: sql`format('customer_no %s', s.customer_no)` },
  validate,
  upsert,
};
