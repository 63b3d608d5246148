import { sql } from 'drizzle-orm';
import type { BusinessDate, RuleBodies, RuleKind } from '@patron/domain';
import type { Executor } from '../database';

export const RULE_SET_STATUSES = ['draft', 'active', 'retired'] as const;
export type RuleSetStatus = (typeof RULE_SET_STATUSES)[number];

/**
 * One version of one kind of service rule (migration 0010). Drafts are edited in place; activating one
 * retires the kind's active set of the same org. Customers follow the active set of the nearest org
 * at or above them whose effective date has come.
 */
export interface RuleSet<K extends RuleKind = RuleKind> {
  id: number;
  kind: K;
  orgUnitId: number;
  orgCode: string;
  orgPath: string;
  version: number;
  /** `grading@HQ v1`: what computed grades, scores and points entries point back to. */
  label: string;
  name: string;
  status: RuleSetStatus;
  effectiveFrom: BusinessDate;
  body: RuleBodies[K];
  author: string;
  reason: string;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
  activatedBy: string | null;
}

const columns = sql`r.id, r.kind, r.org_unit_id AS "orgUnitId", o.code AS "orgCode", o.path AS "orgPath", r.version,
  r.kind || '@' || o.code || ' v' || r.version AS label, r.name, r.status, r.effective_from AS "effectiveFrom", r.body,
  r.author, r.reason, r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.activated_at AS "activatedAt",
  r.activated_by AS "activatedBy"`;
const from = sql`FROM rule_sets r JOIN org_units o ON o.id = r.org_unit_id`;

export interface RuleSetFilter {
  kind?: RuleKind;
  status?: RuleSetStatus;
}

export function listRuleSets(db: Executor, filter: RuleSetFilter = {}): Promise<RuleSet[]> {
  return db.rows<RuleSet>(sql`SELECT ${columns} ${from}
    WHERE (${filter.kind ?? null}::text IS NULL OR r.kind = ${filter.kind ?? null})
      AND (${filter.status ?? null}::text IS NULL OR r.status = ${filter.status ?? null})
    ORDER BY r.kind, o.path, r.version DESC`);
}

export function findRuleSet(db: Executor, id: number, lock = false): Promise<RuleSet | undefined> {
  return db.first<RuleSet>(sql`SELECT ${columns} ${from} WHERE r.id = ${id} ${lock ? sql`FOR UPDATE OF r` : sql``}`);
}

/** The active sets of a kind in force on `on`, deepest org first (the order a customer resolves them in). */
export function activeRuleSets<K extends RuleKind>(db: Executor, kind: K, on: BusinessDate): Promise<RuleSet<K>[]> {
  return db.rows<RuleSet<K>>(sql`SELECT ${columns} ${from}
    WHERE r.kind = ${kind} AND r.status = 'active' AND r.effective_from <= ${on}::date
    ORDER BY length(o.path) DESC, o.path`);
}

/** The set of `kind` governing org `orgPath` on `on`: the nearest active one at or above it. */
export async function governingRuleSet<K extends RuleKind>(db: Executor, kind: K, orgPath: string, on: BusinessDate): Promise<RuleSet<K> | undefined> {
  return (await activeRuleSets(db, kind, on)).find((set) => orgPath.startsWith(set.orgPath));
}

export interface NewRuleSet<K extends RuleKind = RuleKind> {
  kind: K;
  orgUnitId: number;
  name: string;
  effectiveFrom: BusinessDate;
  body: RuleBodies[K];
  author: string;
  reason: string;
}

/** A new draft, numbered after the last version of its kind and org; a concurrent insert fails on the unique key. */
export async function insertRuleSet(tx: Executor, input: NewRuleSet): Promise<RuleSet> {
  const row = await tx.first<{ id: number }>(sql`
    INSERT INTO rule_sets (kind, org_unit_id, version, name, effective_from, body, author, reason)
    SELECT ${input.kind}, ${input.orgUnitId}, COALESCE(max(version), 0) + 1, ${input.name}, ${input.effectiveFrom},
      ${JSON.stringify(input.body)}::jsonb, ${input.author}, ${input.reason}
    FROM rule_sets WHERE kind = ${input.kind} AND org_unit_id = ${input.orgUnitId}
    RETURNING id`);
  return (await findRuleSet(tx, (row as { id: number }).id)) as RuleSet;
}

export interface RuleSetPatch {
  name?: string;
  effectiveFrom?: BusinessDate;
  body?: RuleBodies[RuleKind];
  reason: string;
  author: string;
}

/** Edits a draft in place (the caller has checked it is one). */
export async function updateRuleSetDraft(tx: Executor, id: number, patch: RuleSetPatch): Promise<RuleSet> {
  await tx.run(sql`UPDATE rule_sets SET
      name = COALESCE(${patch.name ?? null}, name),
      effective_from = COALESCE(${patch.effectiveFrom ?? null}::date, effective_from),
      body = COALESCE(${patch.body === undefined ? null : JSON.stringify(patch.body)}::jsonb, body),
      reason = ${patch.reason}, author = ${patch.author}, updated_at = now()
    WHERE id = ${id} AND status = 'draft'`);
  return (await findRuleSet(tx, id)) as RuleSet;
}

/** Retires the kind's active set of the same org and activates this one, in the caller's transaction. */
export async function activateRuleSet(tx: Executor, id: number, by: string): Promise<{ activated: RuleSet; retired: RuleSet | undefined }> {
  const target = (await findRuleSet(tx, id, true)) as RuleSet;
  const previous = await tx.first<{ id: number }>(sql`
    UPDATE rule_sets SET status = 'retired', updated_at = now()
    WHERE kind = ${target.kind} AND org_unit_id = ${target.orgUnitId} AND status = 'active' RETURNING id`);
  await tx.run(sql`UPDATE rule_sets SET status = 'active', activated_at = now(), activated_by = ${by}, updated_at = now() WHERE id = ${id}`);
  return {
    activated: (await findRuleSet(tx, id)) as RuleSet,
    retired: previous === undefined ? undefined : await findRuleSet(tx, previous.id),
  };
}

/** The newest month a re-grade was applied for (first day), if any. */
export async function lastAppliedRegradeMonth(db: Executor): Promise<BusinessDate | undefined> {
  const row = await db.first<{ month: BusinessDate | null }>(sql`SELECT max(month) AS month FROM regrade_runs WHERE status = 'applied'`);
  return row?.month ?? undefined;
}
