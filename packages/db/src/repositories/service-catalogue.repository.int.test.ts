import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CT_PROVISIONING_SLA_RULES, CT_SERVICE_CATALOGUE, serviceLimit } from '@patron/domain';
import type { Database } from '../database';
import { openTestDatabase, testDatabaseKinds } from '../testing';
import {
  currentServiceCatalogue,
  currentSlaRules,
  insertServiceCatalogueVersion,
  insertSlaRuleVersion,
  listServiceCatalogueVersions,
} from './service-catalogue.repository';

describe.each(testDatabaseKinds())('service catalogue and SLA rule versions on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it('seeds frozen copies that still equal the domain constants', async () => {
    const catalogue = await currentServiceCatalogue(db, '2026-01-01');
    expect({ version: catalogue.version, effectiveFrom: catalogue.effectiveFrom, source: catalogue.source, items: catalogue.items }).toEqual(
      JSON.parse(JSON.stringify(CT_SERVICE_CATALOGUE)),
    );
    const rules = await currentSlaRules(db, '2026-01-01');
    const { effectiveFrom, seq, author, reason, createdAt, ...plain } = rules;
    expect({ effectiveFrom, seq, author }).toMatchObject({ effectiveFrom: '2008-01-01', seq: 1, author: 'system' });
    expect(reason).not.toBe('');
    expect(createdAt).toBeInstanceOf(Date);
    expect(plain).toEqual(JSON.parse(JSON.stringify(CT_PROVISIONING_SLA_RULES)));
  });

  it('answers with the version in force on a date, the earliest before any', async () => {
    const items = CT_SERVICE_CATALOGUE.items.map((item) => (item.code === 'delivery_visit' ? { ...item, basic: { kind: 'working_days' as const, days: 2 } } : item));
    const v2 = await db.transaction((tx) => insertServiceCatalogueVersion(tx, { effectiveFrom: '2027-01-01', items, author: 'pm', reason: '交付提速' }));
    expect(v2).toMatchObject({ version: 'v2', seq: 2, effectiveFrom: '2027-01-01' });
    expect((await currentServiceCatalogue(db, '2026-12-31')).version).toBe('ct-ka-service-2008.1');
    const in2027 = await currentServiceCatalogue(db, '2027-01-01');
    expect(serviceLimit(in2027, 'delivery_visit', null).limit).toEqual({ kind: 'working_days', days: 2 });
    expect(serviceLimit(in2027, 'fixed_line_installation', 3).limit).toEqual({ kind: 'working_days', days: 1 });
    expect((await currentServiceCatalogue(db, '2001-01-01')).version).toBe('ct-ka-service-2008.1');
    // Same effective date: the later version wins.
    await db.transaction((tx) => insertServiceCatalogueVersion(tx, { effectiveFrom: '2027-01-01', items, author: 'pm', reason: '更正' }));
    expect((await currentServiceCatalogue(db, '2027-06-01')).version).toBe('v3');
    expect((await listServiceCatalogueVersions(db)).map((v) => v.version)).toEqual(['v3', 'v2', 'ct-ka-service-2008.1']);

    await db.transaction((tx) =>
      insertSlaRuleVersion(tx, { effectiveFrom: '2027-01-01', compensationBase: 'standard_fee', tiers: CT_PROVISIONING_SLA_RULES.tiers, author: 'pm', reason: 'x' }),
    );
    expect((await currentSlaRules(db, '2027-01-02')).compensationBase).toBe('standard_fee');
    expect((await currentSlaRules(db, '2026-01-02')).ruleVersion).toBe('ct-sla-2008.1');
  });
});
