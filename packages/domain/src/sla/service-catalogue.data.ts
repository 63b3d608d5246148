import type { BusinessDate } from '../calendar/business-date';
import type { LocalizedLabel } from './provisioning-sla.data';

export const STAR_LEVELS = [1, 2, 3, 4, 5] as const;
export type StarLevel = (typeof STAR_LEVELS)[number];

export const CIRCUIT_SCOPES = ['local', 'intra_province', 'inter_province'] as const;
export type CircuitScope = (typeof CIRCUIT_SCOPES)[number];

/**
 * A time limit as the standard states it. Hours are clock hours unless an item says business
 * hours; "days" without "working" are calendar days (DOMAIN §0). `on_demand` ("as the customer
 * requests", "on demand, promptly") has no fixed limit: the appointment slot sets the due time.
 */
export type ServiceLimit =
  | { readonly kind: 'working_days'; readonly days: number }
  | { readonly kind: 'hours'; readonly hours: number; readonly basis: 'clock' | 'business' }
  | { readonly kind: 'calendar_days'; readonly days: number }
  | { readonly kind: 'on_demand' };

export type BasicLimit = ServiceLimit | { readonly kind: 'by_scope'; readonly limits: Readonly<Record<CircuitScope, ServiceLimit>> };

/** "95% of orders within 20 WD": a fleet target for reports, not a per-order deadline. */
export interface PercentileTarget {
  readonly percentile: number;
  readonly withinWorkdays: number;
}

export type StarRule =
  | { readonly kind: 'limit'; readonly limit: ServiceLimit }
  | { readonly kind: 'basic' }
  | { readonly kind: 'percentile'; readonly target: PercentileTarget; readonly note?: LocalizedLabel };

export interface ServiceCatalogueItem {
  readonly code: string;
  readonly name: LocalizedLabel;
  readonly basic: BasicLimit;
  /** Star-table entries; a star without an entry gets the basic standard. */
  readonly byStar?: Readonly<Partial<Record<StarLevel, StarRule>>>;
}

export interface ServiceCatalogue {
  readonly version: string;
  /** The source gives no date; this is the date the rule version is taken to apply from. */
  readonly effectiveFrom: BusinessDate;
  readonly source: string;
  readonly items: readonly ServiceCatalogueItem[];
}

const wd = (days: number): ServiceLimit => ({ kind: 'working_days', days });
const clockHours = (hours: number): ServiceLimit => ({ kind: 'hours', hours, basis: 'clock' });
const onDemand: ServiceLimit = { kind: 'on_demand' };
const limit = (value: ServiceLimit): StarRule => ({ kind: 'limit', limit: value });
const basic: StarRule = { kind: 'basic' };

const fibre: LocalizedLabel = { zh: '光纤终端到客户端', en: 'Fibre terminal to the customer premises' };
const circuitStars: Readonly<Partial<Record<StarLevel, StarRule>>> = {
  5: { kind: 'percentile', target: { percentile: 95, withinWorkdays: 20 }, note: fibre },
  4: { kind: 'percentile', target: { percentile: 95, withinWorkdays: 20 }, note: fibre },
  3: { kind: 'percentile', target: { percentile: 90, withinWorkdays: 20 }, note: fibre },
  2: { kind: 'percentile', target: { percentile: 90, withinWorkdays: 20 } },
  1: { kind: 'percentile', target: { percentile: 90, withinWorkdays: 20 } },
};
// "Internet, broadband, new services": on demand for 3★–5★, the basic standard for 1★–2★.
const internetStars: Readonly<Partial<Record<StarLevel, StarRule>>> = {
  5: limit(onDemand),
  4: limit(onDemand),
  3: limit(onDemand),
  2: basic,
  1: basic,
};

/** China Telecom basic KA service standard and star service table (DOMAIN §3.9, [S2] [Op]). */
export const CT_SERVICE_CATALOGUE: ServiceCatalogue = {
  version: 'ct-ka-service-2008.1',
  effectiveFrom: '2008-01-01',
  source: 'China Telecom KA basic service standard and star service table; DOMAIN §3.9 [S2] [Op]',
  items: [
    {
      code: 'fixed_line_installation',
      name: { zh: '固话装机', en: 'Fixed-line installation' },
      basic: wd(2),
      byStar: { 5: limit(onDemand), 4: limit(onDemand), 3: limit(wd(1)), 2: limit(wd(1)), 1: limit(wd(2)) },
    },
    {
      code: 'fixed_line_restore',
      name: { zh: '固话复机/新增功能', en: 'Fixed-line restore / add feature' },
      basic: clockHours(4),
      byStar: { 5: limit(clockHours(2)), 4: limit(clockHours(2)), 3: limit(clockHours(2)), 2: limit(clockHours(3)), 1: limit(clockHours(4)) },
    },
    { code: 'fixed_line_fault_repair', name: { zh: '固话故障修复', en: 'Fixed-line fault repair' }, basic: clockHours(8) },
    { code: 'circuit_fault', name: { zh: '数字/数据电路故障处理', en: 'Digital / data circuit fault handling' }, basic: clockHours(6) },
    {
      code: 'internet_leased_line_provisioning',
      name: { zh: '互联网专线开通', en: 'Internet leased line provisioning' },
      basic: wd(15),
      byStar: internetStars,
    },
    {
      code: 'dial_up_internet',
      name: { zh: '拨号上网', en: 'Dial-up internet' },
      basic: { kind: 'calendar_days', days: 1 },
      byStar: internetStars,
    },
    {
      code: 'broadband_provisioning',
      name: { zh: 'ADSL/LAN 宽带开通', en: 'ADSL / LAN broadband provisioning' },
      basic: wd(15),
      byStar: internetStars,
    },
    { code: 'idc', name: { zh: 'IDC', en: 'IDC' }, basic: onDemand, byStar: internetStars },
    {
      code: 'digital_circuit_provisioning',
      name: { zh: '数字电路开通', en: 'Digital circuit provisioning' },
      basic: { kind: 'by_scope', limits: { local: wd(15), intra_province: wd(20), inter_province: wd(30) } },
      byStar: circuitStars,
    },
    {
      code: 'data_circuit_provisioning',
      name: { zh: '数据电路开通', en: 'Data circuit provisioning' },
      basic: { kind: 'by_scope', limits: { local: wd(20), intra_province: wd(25), inter_province: wd(30) } },
      byStar: circuitStars,
    },
    { code: 'delivery_visit', name: { zh: '交付上门', en: 'Delivery visit after go-live (KA HQ)' }, basic: wd(3) },
    { code: 'revisit_after_provisioning', name: { zh: '开通后回访', en: 'Revisit after provisioning' }, basic: { kind: 'calendar_days', days: 7 } },
    { code: 'revisit_after_fault', name: { zh: '故障后回访', en: 'Revisit after a fault closes' }, basic: { kind: 'calendar_days', days: 3 } },
  ],
};
