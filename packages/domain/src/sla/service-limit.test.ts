import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import type { SlaBudget } from './sla-clock';
import { CT_SERVICE_CATALOGUE, type CircuitScope, type ServiceLimit, type StarLevel } from './service-catalogue.data';
import { limitToBudget, serviceLimit } from './service-limit';

const catalogue = CT_SERVICE_CATALOGUE;
const wd = (days: number): ServiceLimit => ({ kind: 'working_days', days });
const h = (hours: number): ServiceLimit => ({ kind: 'hours', hours, basis: 'clock' });
const onDemand: ServiceLimit = { kind: 'on_demand' };

describe('serviceLimit: China Telecom basic standard and star table', () => {
  it.each<[string, StarLevel | null, CircuitScope | undefined, ServiceLimit, 'star' | 'basic']>([
    ['fixed_line_installation', null, undefined, wd(2), 'basic'],
    ['fixed_line_installation', 5, undefined, onDemand, 'star'],
    ['fixed_line_installation', 4, undefined, onDemand, 'star'],
    ['fixed_line_installation', 3, undefined, wd(1), 'star'],
    ['fixed_line_installation', 2, undefined, wd(1), 'star'],
    ['fixed_line_installation', 1, undefined, wd(2), 'star'],
    ['fixed_line_restore', null, undefined, h(4), 'basic'],
    ['fixed_line_restore', 5, undefined, h(2), 'star'],
    ['fixed_line_restore', 3, undefined, h(2), 'star'],
    ['fixed_line_restore', 2, undefined, h(3), 'star'],
    ['fixed_line_restore', 1, undefined, h(4), 'star'],
    ['fixed_line_fault_repair', 5, undefined, h(8), 'basic'],
    ['circuit_fault', 1, undefined, h(6), 'basic'],
    ['internet_leased_line_provisioning', 5, undefined, onDemand, 'star'],
    ['internet_leased_line_provisioning', 3, undefined, onDemand, 'star'],
    ['internet_leased_line_provisioning', 2, undefined, wd(15), 'basic'],
    ['dial_up_internet', 1, undefined, { kind: 'calendar_days', days: 1 }, 'basic'],
    ['broadband_provisioning', null, undefined, wd(15), 'basic'],
    ['idc', null, undefined, onDemand, 'basic'],
    ['digital_circuit_provisioning', null, 'local', wd(15), 'basic'],
    ['digital_circuit_provisioning', null, 'intra_province', wd(20), 'basic'],
    ['digital_circuit_provisioning', 5, 'inter_province', wd(30), 'basic'],
    ['data_circuit_provisioning', 3, 'local', wd(20), 'basic'],
    ['data_circuit_provisioning', 1, 'intra_province', wd(25), 'basic'],
    ['data_circuit_provisioning', null, 'inter_province', wd(30), 'basic'],
    ['delivery_visit', 5, undefined, wd(3), 'basic'],
    ['revisit_after_provisioning', null, undefined, { kind: 'calendar_days', days: 7 }, 'basic'],
    ['revisit_after_fault', null, undefined, { kind: 'calendar_days', days: 3 }, 'basic'],
  ])('%s at star %s, scope %s → %j from %s', (item, star, scope, limit, from) => {
    const answer = serviceLimit(catalogue, item, star, scope);
    expect(answer).toMatchObject({ catalogueVersion: 'ct-ka-service-2008.1', itemCode: item, star, limit, from });
  });

  it.each<[StarLevel, number]>([
    [5, 95],
    [4, 95],
    [3, 90],
    [2, 90],
    [1, 90],
  ])('circuit rows at %i★ are a %i%%-within-20-WD target on top of the per-order limit', (star, percentile) => {
    const answer = serviceLimit(catalogue, 'digital_circuit_provisioning', star, 'local');
    expect(answer).toMatchObject({ limit: wd(15), scope: 'local', percentileTarget: { percentile, withinWorkdays: 20 } });
  });

  it('a scope passed to an unscoped item is ignored', () => {
    expect(serviceLimit(catalogue, 'fixed_line_fault_repair', 1, 'local')).not.toHaveProperty('scope');
  });

  it('carries the catalogue version and effective date as data', () => {
    expect(catalogue).toMatchObject({ version: 'ct-ka-service-2008.1', effectiveFrom: '2008-01-01' });
    expect(new Set(catalogue.items.map((i) => i.code)).size).toBe(catalogue.items.length);
  });

  it.each<[string, () => unknown, string]>([
    ['unknown item', () => serviceLimit(catalogue, 'carrier_pigeon', 1), 'sla.unknown_service_item'],
    ['star 6', () => serviceLimit(catalogue, 'idc', 6 as StarLevel), 'sla.invalid_star'],
    ['missing scope', () => serviceLimit(catalogue, 'data_circuit_provisioning', 3), 'sla.scope_required'],
    ['unknown scope', () => serviceLimit(catalogue, 'data_circuit_provisioning', 3, 'lunar' as CircuitScope), 'sla.unknown_scope'],
  ])('rejects %s', (_, fn, code) => {
    expect(fn).toThrow(expect.objectContaining({ code }));
    expect(fn).toThrow(DomainError);
  });
});

describe('limitToBudget', () => {
  it.each<[ServiceLimit, SlaBudget | null]>([
    [wd(15), { unit: 'working_days', amount: 15 }],
    [h(4), { unit: 'clock_minutes', amount: 240 }],
    [{ kind: 'hours', hours: 6, basis: 'business' }, { unit: 'business_minutes', amount: 360 }],
    [{ kind: 'calendar_days', days: 7 }, { unit: 'clock_minutes', amount: 10_080 }],
    [onDemand, null],
  ])('%j → %j', (limit, budget) => {
    expect(limitToBudget(limit)).toEqual(budget);
  });

  it('answers carry the budget for the SLA clock', () => {
    expect(serviceLimit(catalogue, 'fixed_line_restore', 2).budget).toEqual({ unit: 'clock_minutes', amount: 180 });
  });
});
