import { z } from 'zod';
import { CIRCUIT_SCOPES, COMPENSATION_BASES, PROVISIONING_SERVICES, PROVISIONING_TIERS } from '@patron/domain';
import { BusinessDateSchema, CalendarCode } from './calendar';
import { Timestamp } from './common';

export const ProvisioningServiceSchema = z.enum(PROVISIONING_SERVICES);
export const ProvisioningTierSchema = z.enum(PROVISIONING_TIERS);
export const CircuitScopeSchema = z.enum(CIRCUIT_SCOPES);
export const CompensationBaseSchema = z.enum(COMPENSATION_BASES);

/**
 * Yuan in, as a decimal string: '12345.67', '750', '0.5'. No sign, no exponent, at most two decimals;
 * twelve integer digits keep the amount in fen a safe integer. Numbers are refused: a JSON float
 * cannot carry money faithfully.
 */
export const YuanAmount = z
  .string({ error: 'a yuan amount as a decimal string, such as "12345.67"' })
  .regex(/^\d{1,12}(?:\.\d{1,2})?$/, 'a non-negative yuan amount with at most 2 decimals, such as "12345.67"');

/** Yuan out: always two decimals ('750.00'). */
const YuanText = z.string().regex(/^-?\d+\.\d{2}$/);

export const LocalizedLabelSchema = z.strictObject({ zh: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(200) });

// ---------------------------------------------------------------------------------------------
// Quotes (any signed-in user)
// ---------------------------------------------------------------------------------------------

const quoteFields = {
  service: ProvisioningServiceSchema,
  standardOneTimeFee: YuanAmount,
  acceptedOn: BusinessDateSchema,
  completedOn: BusinessDateSchema.optional(),
  /** Business calendar for the working days; default 'CN'. */
  calendar: CalendarCode.optional(),
};

function completedNotBeforeAccepted(body: { acceptedOn: string; completedOn?: string | undefined }, ctx: z.RefinementCtx): void {
  // Valid 'YYYY-MM-DD' strings order like the dates they name.
  if (body.completedOn !== undefined && body.completedOn < body.acceptedOn) {
    ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'completedOn is before acceptedOn' });
  }
}

export const SlaQuoteBody = z.strictObject({ ...quoteFields, tier: ProvisioningTierSchema }).superRefine(completedNotBeforeAccepted);

export const SlaQuoteReply = z.object({
  deadline: z.string(),
  chargedOneTimeFee: YuanText,
  overdueWorkdays: z.number().int(),
  compensation: YuanText,
  calendarComplete: z.boolean(),
  ruleVersion: z.string(),
});

export const SlaCompareBody = z.strictObject(quoteFields).superRefine(completedNotBeforeAccepted);

export const SlaCompareTier = z.object({
  tier: ProvisioningTierSchema,
  label: z.object({ zh: z.string(), en: z.string() }),
  limitWorkdays: z.number().int(),
  deadline: z.string(),
  /** '150%' of the standard fee. */
  pricePercent: z.string(),
  chargedOneTimeFee: YuanText,
  /** Compensation for each overdue working day, and its cap, in yuan. */
  compensationPerOverdueWorkday: YuanText,
  compensationCap: YuanText,
  overdueWorkdays: z.number().int(),
  compensation: YuanText,
  calendarComplete: z.boolean(),
});
export const SlaCompareReply = z.object({
  service: ProvisioningServiceSchema,
  standardOneTimeFee: YuanText,
  acceptedOn: z.string(),
  completedOn: z.string().nullable(),
  calendar: z.string(),
  ruleVersion: z.string(),
  compensationBase: CompensationBaseSchema,
  calendarComplete: z.boolean(),
  tiers: z.array(SlaCompareTier),
});

// ---------------------------------------------------------------------------------------------
// SLA rule versions (read: any signed-in user; write: rule.manage)
// ---------------------------------------------------------------------------------------------

const basisPoints = (what: string, max: number) =>
  z.number().int(`${what} in whole basis points (1% = 100)`).min(0, `${what} cannot be negative`).max(max, `${what} is at most ${max} bp`);

export const SlaTierRuleSchema = z.strictObject({
  label: LocalizedLabelSchema,
  limitWorkdays: z.strictObject(
    Object.fromEntries(PROVISIONING_SERVICES.map((s) => [s, z.number().int('whole working days').min(1, 'at least 1 working day').max(3650)])) as Record<
      (typeof PROVISIONING_SERVICES)[number],
      z.ZodNumber
    >,
  ),
  priceMultiplierBp: basisPoints('the price multiplier', 100_000).min(1, 'the price multiplier must be positive'),
  compensationBpPerOverdueWorkday: basisPoints('the compensation rate', 10_000),
  compensationCapBp: basisPoints('the compensation cap', 100_000),
});

export const SlaRulesSchema = z.object({
  ruleVersion: z.string(),
  effectiveFrom: z.string(),
  source: z.string(),
  compensationBase: CompensationBaseSchema,
  tiers: z.object({ urgent: SlaTierRuleSchema, expedited: SlaTierRuleSchema, normal: SlaTierRuleSchema }),
  author: z.string(),
  reason: z.string(),
  createdAt: Timestamp,
});
export const SlaRulesList = z.object({ items: z.array(SlaRulesSchema) });

export const OnDateQuery = z.object({ on: BusinessDateSchema.optional() });

export const SlaRulesCreate = z.strictObject({
  effectiveFrom: BusinessDateSchema,
  compensationBase: CompensationBaseSchema,
  tiers: z.strictObject({ urgent: SlaTierRuleSchema, expedited: SlaTierRuleSchema, normal: SlaTierRuleSchema }),
  reason: z.string().trim().min(1).max(500),
  source: z.string().trim().max(500).optional(),
});

// ---------------------------------------------------------------------------------------------
// Service catalogue (DOMAIN §3.9)
// ---------------------------------------------------------------------------------------------

const positiveDays = z.number().int('whole days').min(1, 'a positive number of days').max(3650);

const limitVariants = [
  z.strictObject({ kind: z.literal('working_days'), days: positiveDays }),
  z.strictObject({
    kind: z.literal('hours'),
    hours: z
      .number()
      .positive('a positive number of hours')
      .max(24 * 3650)
      .refine((hours) => Number.isInteger(Math.round(hours * 60 * 1e6) / 1e6), 'hours must come to whole minutes'),
    basis: z.enum(['clock', 'business']),
  }),
  z.strictObject({ kind: z.literal('calendar_days'), days: positiveDays }),
  z.strictObject({ kind: z.literal('on_demand') }),
] as const;

/** A limit; `kind` is the unit. Hours may be fractional as long as they are whole minutes. */
export const ServiceLimitSchema = z.discriminatedUnion('kind', [...limitVariants]);

/** The basic standard: a limit, or one per circuit scope (all three scopes, no others). */
export const BasicLimitSchema = z.discriminatedUnion('kind', [
  ...limitVariants,
  z.strictObject({
    kind: z.literal('by_scope'),
    limits: z.strictObject(
      Object.fromEntries(CIRCUIT_SCOPES.map((scope) => [scope, ServiceLimitSchema])) as Record<
        (typeof CIRCUIT_SCOPES)[number],
        typeof ServiceLimitSchema
      >,
    ),
  }),
]);

export const StarRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('limit'), limit: ServiceLimitSchema }),
  z.strictObject({ kind: z.literal('basic') }),
  z.strictObject({
    kind: z.literal('percentile'),
    target: z.strictObject({
      percentile: z.number().gt(0, 'a percentile above 0').max(100, 'a percentile up to 100'),
      withinWorkdays: positiveDays,
    }),
    note: LocalizedLabelSchema.optional(),
  }),
]);

const STAR_KEYS: readonly string[] = ['1', '2', '3', '4', '5'];

/** Star table entries keyed '1'–'5' (JSON object keys); any other key is reported at its own path. */
export const StarRules = z.record(z.string(), StarRuleSchema).superRefine((rules, ctx) => {
  for (const key of Object.keys(rules)) {
    if (!STAR_KEYS.includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'a star level from 1 to 5' });
  }
});

export const ServiceCatalogueItemSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and underscores (2-64)'),
  name: LocalizedLabelSchema,
  basic: BasicLimitSchema,
  byStar: StarRules.optional(),
});

export const ServiceCatalogueItems = z
  .array(ServiceCatalogueItemSchema)
  .min(1, 'at least one item')
  .max(500)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `duplicate item code ${item.code}` });
      seen.add(item.code);
    });
  });

export const ServiceCatalogueSchema = z.object({
  version: z.string(),
  effectiveFrom: z.string(),
  source: z.string(),
  items: z.array(ServiceCatalogueItemSchema),
  author: z.string(),
  reason: z.string(),
  createdAt: Timestamp,
});
export const ServiceCatalogueList = z.object({ items: z.array(ServiceCatalogueSchema) });

export const ServiceCatalogueCreate = z.strictObject({
  effectiveFrom: BusinessDateSchema,
  items: ServiceCatalogueItems,
  reason: z.string().trim().min(1).max(500),
  source: z.string().trim().max(500).optional(),
});

export const ServiceLimitQuery = z.object({
  item: z.string().min(1).max(64),
  /** 1–5; 0 or absent: no star rating (the basic standard). */
  star: z
    .string()
    .regex(/^[0-5]$/, 'a star level from 1 to 5 (0 or absent: none)')
    .transform(Number)
    .optional(),
  scope: CircuitScopeSchema.optional(),
  on: BusinessDateSchema.optional(),
});

export const SlaBudgetSchema = z.object({ unit: z.string(), amount: z.number() });
export const ServiceLimitReply = z.object({
  catalogueVersion: z.string(),
  itemCode: z.string(),
  star: z.number().int().nullable(),
  scope: CircuitScopeSchema.optional(),
  limit: ServiceLimitSchema,
  from: z.enum(['star', 'basic']),
  percentileTarget: z.object({ percentile: z.number(), withinWorkdays: z.number().int() }).optional(),
  budget: SlaBudgetSchema.nullable(),
});
