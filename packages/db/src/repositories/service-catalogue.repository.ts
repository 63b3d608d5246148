import { sql, type SQL } from 'drizzle-orm';
import type { BusinessDate, CompensationBase, ProvisioningSlaRules, ProvisioningTier, ProvisioningTierRule, ServiceCatalogue, ServiceCatalogueItem } from '@patron/domain';
import type { Executor } from '../database';

/**
 * Versioned rule data (migration 0004): the service catalogue (DOMAIN §3.9) and the provisioning SLA
 * tiers (§3.10). Versions are immutable; the one in force on a date is the latest `effective_from` on
 * or before it, ties going to the later `seq`. A date before every version gets the earliest one: the
 * seeded standards carry no date of their own, so they are taken to apply to older orders too.
 */
interface VersionMeta {
  seq: number;
  author: string;
  reason: string;
  createdAt: Date;
}

export interface ServiceCatalogueVersion extends ServiceCatalogue, VersionMeta {}

export interface SlaRuleVersion extends ProvisioningSlaRules, VersionMeta {
  effectiveFrom: BusinessDate;
}

/** The version in force on `on`: ORDER BY clause shared by both tables. */
function inForce(on: BusinessDate): SQL {
  return sql`ORDER BY (effective_from <= ${on}::date) DESC,
    CASE WHEN effective_from <= ${on}::date THEN effective_from END DESC NULLS LAST,
    CASE WHEN effective_from <= ${on}::date THEN seq END DESC, effective_from, seq LIMIT 1`;
}

const catalogueColumns = sql`version, seq, effective_from AS "effectiveFrom", source, items, author, reason, created_at AS "createdAt"`;

export function listServiceCatalogueVersions(db: Executor): Promise<ServiceCatalogueVersion[]> {
  return db.rows<ServiceCatalogueVersion>(sql`SELECT ${catalogueColumns} FROM service_catalogue_versions ORDER BY effective_from DESC, seq DESC`);
}

export function findServiceCatalogueVersion(db: Executor, version: string): Promise<ServiceCatalogueVersion | undefined> {
  return db.first<ServiceCatalogueVersion>(sql`SELECT ${catalogueColumns} FROM service_catalogue_versions WHERE version = ${version}`);
}

/** The catalogue in force on a business date; pass it to `serviceLimit` and store its `version`. */
export async function currentServiceCatalogue(db: Executor, on: BusinessDate): Promise<ServiceCatalogueVersion> {
  const row = await db.first<ServiceCatalogueVersion>(sql`SELECT ${catalogueColumns} FROM service_catalogue_versions ${inForce(on)}`);
  if (row === undefined) throw new Error('service_catalogue_versions is empty: migration 0004 seeds it');
  return row;
}

export interface NewRuleVersion {
  effectiveFrom: BusinessDate;
  source?: string;
  author: string;
  reason: string;
  /** Default: 'v' + the next sequence number. */
  version?: string;
}

/** Next sequence number and default label; a concurrent insert fails on the unique keys (retry). */
async function nextSeq(tx: Executor, table: 'service_catalogue_versions' | 'sla_rule_versions'): Promise<number> {
  const query =
    table === 'service_catalogue_versions'
      ? sql`SELECT COALESCE(max(seq), 0) + 1 AS seq FROM service_catalogue_versions`
      : sql`SELECT COALESCE(max(seq), 0) + 1 AS seq FROM sla_rule_versions`;
  return ((await tx.first<{ seq: number }>(query)) as { seq: number }).seq;
}

export async function insertServiceCatalogueVersion(
  tx: Executor,
  input: NewRuleVersion & { items: readonly ServiceCatalogueItem[] },
): Promise<ServiceCatalogueVersion> {
  const seq = await nextSeq(tx, 'service_catalogue_versions');
  const version = input.version ?? `v${seq}`;
  await tx.run(sql`
    INSERT INTO service_catalogue_versions (version, seq, effective_from, source, items, author, reason)
    VALUES (${version}, ${seq}, ${input.effectiveFrom}, ${input.source ?? ''}, ${JSON.stringify(input.items)}::jsonb,
      ${input.author}, ${input.reason})`);
  return (await findServiceCatalogueVersion(tx, version)) as ServiceCatalogueVersion;
}

// ---------------------------------------------------------------------------------------------
// SLA rule versions
// ---------------------------------------------------------------------------------------------

interface SlaRuleRow extends VersionMeta {
  version: string;
  effectiveFrom: BusinessDate;
  source: string;
  rules: { compensationBase: CompensationBase; tiers: Record<ProvisioningTier, ProvisioningTierRule> };
}

const slaColumns = sql`version, seq, effective_from AS "effectiveFrom", source, rules, author, reason, created_at AS "createdAt"`;

function slaVersion(row: SlaRuleRow): SlaRuleVersion {
  return {
    ruleVersion: row.version,
    source: row.source,
    compensationBase: row.rules.compensationBase,
    tiers: row.rules.tiers,
    effectiveFrom: row.effectiveFrom,
    seq: row.seq,
    author: row.author,
    reason: row.reason,
    createdAt: row.createdAt,
  };
}

export async function listSlaRuleVersions(db: Executor): Promise<SlaRuleVersion[]> {
  const rows = await db.rows<SlaRuleRow>(sql`SELECT ${slaColumns} FROM sla_rule_versions ORDER BY effective_from DESC, seq DESC`);
  return rows.map(slaVersion);
}

export async function findSlaRuleVersion(db: Executor, version: string): Promise<SlaRuleVersion | undefined> {
  const row = await db.first<SlaRuleRow>(sql`SELECT ${slaColumns} FROM sla_rule_versions WHERE version = ${version}`);
  return row === undefined ? undefined : slaVersion(row);
}

/** The provisioning SLA tiers in force on a business date; pass them to `quote`. */
export async function currentSlaRules(db: Executor, on: BusinessDate): Promise<SlaRuleVersion> {
  const row = await db.first<SlaRuleRow>(sql`SELECT ${slaColumns} FROM sla_rule_versions ${inForce(on)}`);
  if (row === undefined) throw new Error('sla_rule_versions is empty: migration 0004 seeds it');
  return slaVersion(row);
}

export async function insertSlaRuleVersion(
  tx: Executor,
  input: NewRuleVersion & { compensationBase: CompensationBase; tiers: Readonly<Record<ProvisioningTier, ProvisioningTierRule>> },
): Promise<SlaRuleVersion> {
  const seq = await nextSeq(tx, 'sla_rule_versions');
  const version = input.version ?? `v${seq}`;
  const rules = { compensationBase: input.compensationBase, tiers: input.tiers };
  await tx.run(sql`
    INSERT INTO sla_rule_versions (version, seq, effective_from, source, rules, author, reason)
    VALUES (${version}, ${seq}, ${input.effectiveFrom}, ${input.source ?? ''}, ${JSON.stringify(rules)}::jsonb,
      ${input.author}, ${input.reason})`);
  return (await findSlaRuleVersion(tx, version)) as SlaRuleVersion;
}
