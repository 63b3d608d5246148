/**
 * China Telecom provisioning SLA tiers (DOMAIN §3.10, [S2] [Op]) as versioned data. Ratios are
 * integer basis points (1% = 100 bp) so fee arithmetic stays in integers. A contract with custom
 * terms is another rules object with its own `ruleVersion`; every quote records the version used.
 */
export const PROVISIONING_TIERS = ['urgent', 'expedited', 'normal'] as const;
export type ProvisioningTier = (typeof PROVISIONING_TIERS)[number];

export const PROVISIONING_SERVICES = ['digital_circuit', 'ddn', 'fr_atm'] as const;
export type ProvisioningService = (typeof PROVISIONING_SERVICES)[number];

/**
 * Which one-time fee the compensation rate applies to. The source is ambiguous; DOMAIN §8 #7
 * recommends the fee actually charged (after the tier uplift).
 */
export const COMPENSATION_BASES = ['charged_fee', 'standard_fee'] as const;
export type CompensationBase = (typeof COMPENSATION_BASES)[number];

export interface LocalizedLabel {
  readonly zh: string;
  readonly en: string;
}

export interface ProvisioningTierRule {
  readonly label: LocalizedLabel;
  readonly limitWorkdays: Readonly<Record<ProvisioningService, number>>;
  /** Price of the one-time fee relative to the standard fee (15000 = 150%). */
  readonly priceMultiplierBp: number;
  /** Compensation per overdue working day, as a share of the compensation base. */
  readonly compensationBpPerOverdueWorkday: number;
  /** Cap as a share of the compensation base (10000 = the whole fee is waived). */
  readonly compensationCapBp: number;
}

export interface ProvisioningSlaRules {
  readonly ruleVersion: string;
  readonly source: string;
  readonly compensationBase: CompensationBase;
  readonly tiers: Readonly<Record<ProvisioningTier, ProvisioningTierRule>>;
}

export const CT_PROVISIONING_SLA_RULES: ProvisioningSlaRules = {
  ruleVersion: 'ct-sla-2008.1',
  source: 'China Telecom KA SLA pilot (DDN, FR/ATM, digital circuits); DOMAIN §3.10 [S2] [Op], §8 #7',
  compensationBase: 'charged_fee',
  tiers: {
    urgent: {
      label: { zh: '特急', en: 'Top urgency' },
      limitWorkdays: { digital_circuit: 5, ddn: 8, fr_atm: 8 },
      priceMultiplierBp: 15_000,
      compensationBpPerOverdueWorkday: 500,
      compensationCapBp: 10_000,
    },
    expedited: {
      label: { zh: '加急', en: 'Expedited' },
      limitWorkdays: { digital_circuit: 10, ddn: 13, fr_atm: 13 },
      priceMultiplierBp: 13_000,
      compensationBpPerOverdueWorkday: 500,
      compensationCapBp: 10_000,
    },
    normal: {
      label: { zh: '普通', en: 'Normal' },
      limitWorkdays: { digital_circuit: 20, ddn: 20, fr_atm: 20 },
      priceMultiplierBp: 10_000,
      compensationBpPerOverdueWorkday: 200,
      compensationCapBp: 10_000,
    },
  },
};
