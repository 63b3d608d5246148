import { z } from 'zod';
import { BusinessDateSchema, YearMonthSchema } from './calendar';
import { OrgCode, PageQuery, Timestamp, pageOf } from './common';
import { BENEFITS } from '@patron/domain';
import { GradeSchema, YuanText } from './customers';

/**
 * Service rules (docs/rules.md): rule sets per kind, their simulation, re-grade runs and their review,
 * the points ledger and potential key accounts. Shapes here; order, gaps and overlaps are checked by
 * the domain's validateRuleBody, reported at the same paths.
 */
export const RuleKindSchema = z.enum(['grading', 'star', 'credit', 'points', 'potential', 'load_limits']);
export const RuleSetStatusSchema = z.enum(['draft', 'active', 'retired']);
const KeyAccountGradeSchema = z.enum(['diamond', 'gold', 'silver', 'guest']);

const count = (max: number) => z.number().int('a whole number').max(max);
const fen = z.number().int('whole fen').max(1_000_000_000_000);
const months = count(600);

const gradingCommon = {
  minTenureMonths: months,
  arrearsFreeMonths: months,
  groupRoleGrades: z.strictObject({ key_person: KeyAccountGradeSchema.optional(), important_member: KeyAccountGradeSchema.optional() }),
};

export const GradingRulesSchema = z.discriminatedUnion('scheme', [
  z.strictObject({
    scheme: z.literal('average_spend'),
    averageMonths: count(12),
    tiers: z.array(z.strictObject({ grade: KeyAccountGradeSchema, minAverageFen: fen })).max(4),
    ...gradingCommon,
  }),
  z.strictObject({
    scheme: z.literal('growth_value'),
    tenurePoints: z.array(z.strictObject({ minYears: count(100), points: count(1_000_000) })).max(10),
    tiers: z.array(z.strictObject({ grade: KeyAccountGradeSchema, minPoints: count(1_000_000_000) })).max(4),
    ...gradingCommon,
  }),
]);

export const StarRulesSchema = z.strictObject({
  minTenureMonths: months,
  averageMonths: count(12),
  levels: z
    .array(z.strictObject({ star: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]), minAverageFen: fen, minTenureMonths: months }))
    .max(5),
  contractBonus: count(5),
  arrearsPenaltyPerSuspension: count(5),
  arrearsLookbackMonths: months,
});

export const CreditRulesSchema = z.strictObject({
  baseScore: count(100),
  tenureWeight: count(100),
  tenureFullMonths: months,
  punctualityWeight: count(100),
  suspensionPenalty: count(100),
  suspensionLookbackMonths: months,
  arrearsDayPenalty: count(100),
  maxArrearsPenalty: count(100),
  limits: z.array(z.strictObject({ minScore: count(100), limitFen: fen })).max(20),
  maxTemporaryCreditDays: count(365),
});

const multiplier = count(10_000);
export const PointsRulesSchema = z.strictObject({
  multiplierPercent: z.strictObject({ star1: multiplier, star2: multiplier, star3: multiplier, star4: multiplier, star5: multiplier, star5Premium: multiplier }),
  rounding: z.enum(['up', 'down']),
  expiryYearsAfter: count(100),
  expiryNoticeDays: count(1_000),
  pointsPerYuan: count(1_000_000),
});

export const PotentialRulesSchema = z.strictObject({
  averageMonths: count(12),
  shareOfLowestTierPercent: count(1_000),
  groupKeyPerson: z.boolean(),
  competitorMinMonthlyFen: fen,
});

/** In-network customers per account manager: VIP (diamond, gold, silver) and 贵宾 (guest). */
export const LoadLimitRulesSchema = z.strictObject({ vip: count(10_000), guest: count(10_000) });

export const RULE_BODY_SCHEMAS = {
  grading: GradingRulesSchema,
  star: StarRulesSchema,
  credit: CreditRulesSchema,
  points: PointsRulesSchema,
  potential: PotentialRulesSchema,
  load_limits: LoadLimitRulesSchema,
} as const;

const reason = z.string().trim().min(1, 'a reason is required').max(500);
const name = z.string().trim().min(1).max(100);

/** A new draft. The body is checked against the kind's schema by the handler (its paths start at `body.body`). */
export const RuleSetCreate = z.strictObject({
  kind: RuleKindSchema,
  orgUnit: OrgCode,
  name,
  effectiveFrom: BusinessDateSchema,
  body: z.unknown(),
  reason,
});

export const RuleSetPatch = z.strictObject({
  name: name.optional(),
  effectiveFrom: BusinessDateSchema.optional(),
  body: z.unknown().optional(),
  reason,
});

export const RuleSetActivate = z.strictObject({ reason });

export const RuleSetQuery = z.object({ kind: RuleKindSchema.optional(), status: RuleSetStatusSchema.optional() });

export const RuleSetSchema = z.object({
  id: z.number().int(),
  kind: RuleKindSchema,
  orgUnitId: z.number().int(),
  orgCode: z.string(),
  /** The owner's place in the org tree (`/HQ/DEMO/`): which sets govern which orgs. */
  orgPath: z.string(),
  version: z.number().int(),
  label: z.string(),
  name: z.string(),
  status: RuleSetStatusSchema,
  effectiveFrom: z.string(),
  body: z.unknown(),
  author: z.string(),
  reason: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  activatedAt: Timestamp.nullable(),
  activatedBy: z.string().nullable(),
});
export const RuleSetList = z.object({ items: z.array(RuleSetSchema) });

export const RegradeMovementSchema = z.enum(['up', 'down', 'new', 'removed', 'unchanged']);
export const RegradeSummarySchema = z.object({ up: z.number().int(), down: z.number().int(), new: z.number().int(), removed: z.number().int(), unchanged: z.number().int() });

export const RegradeSampleSchema = z.object({
  customerId: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  orgUnit: z.string(),
  movement: RegradeMovementSchema,
  fromGrade: GradeSchema,
  toGrade: GradeSchema,
  fromStar: z.number().int().nullable(),
  toStar: z.number().int().nullable(),
  reason: z.string(),
  measure: z.number(),
  tenureMonths: z.number().int(),
});

export const SimulateBody = z.strictObject({ month: YearMonthSchema.optional() });

export const SimulationReply = z.object({
  ruleSet: z.object({ id: z.number().int(), label: z.string() }),
  comparedWith: z.string().nullable(),
  month: z.string(),
  summary: RegradeSummarySchema,
  byOrgUnit: z.array(z.object({ orgUnitCode: z.string(), orgUnitName: z.string(), summary: RegradeSummarySchema })),
  grades: z.array(z.object({ fromGrade: GradeSchema, toGrade: GradeSchema, count: z.number().int() })),
  stars: z.array(z.object({ fromStar: z.number().int().nullable(), toStar: z.number().int().nullable(), count: z.number().int() })),
  samples: z.array(RegradeSampleSchema),
});

export const RegradeRunCreate = z.strictObject({
  month: YearMonthSchema,
  scope: z.enum(['full', 'newly_eligible']).default('full'),
});

export const RegradeRunSchema = z.object({
  id: z.number().int(),
  month: z.string(),
  scope: z.enum(['full', 'newly_eligible']),
  status: z.enum(['proposed', 'applied', 'discarded']),
  summary: RegradeSummarySchema,
  createdBy: z.string(),
  createdAt: Timestamp,
  appliedBy: z.string().nullable(),
  appliedAt: Timestamp.nullable(),
});
export const RegradeRunList = z.object({ items: z.array(RegradeRunSchema) });

export const RegradeItemQuery = PageQuery.extend({ movement: RegradeMovementSchema.optional() });
export const RegradeItemSchema = RegradeSampleSchema.extend({
  decision: z.enum(['apply', 'keep']),
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
});
export const RegradeItemPage = pageOf(RegradeItemSchema);
export const RegradeItemParams = z.object({ id: z.coerce.number().int().positive(), customerId: z.coerce.number().int().positive() });
export const RegradeDecisionBody = z
  .strictObject({ decision: z.enum(['apply', 'keep']), reason: z.string().trim().min(1).max(500).optional() })
  .refine((b) => b.decision === 'apply' || b.reason !== undefined, { path: ['reason'], message: 'keeping the current grade needs a reason' });

export const RegradeTransitionBody = z.strictObject({ event: z.enum(['apply', 'discard']) });
export const RegradeApplyReply = z.object({
  run: RegradeRunSchema,
  changedCustomers: z.number().int(),
  /** Key accounts whose grade held in a full run, dated to the new grade year. */
  renewedCustomers: z.number().int(),
  creditProfiles: z.number().int(),
  benefitsGranted: z.number().int(),
  benefitsRevoked: z.number().int(),
  smsQueued: z.number().int(),
  reassignmentTasks: z.number().int(),
});

export const PointsEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(['accrual', 'redemption', 'expiry', 'adjustment']),
  points: z.number().int(),
  month: z.string().nullable(),
  expiresOn: z.string().nullable(),
  ruleSet: z.string().nullable(),
  status: z.enum(['counted', 'pending', 'rejected']),
  reason: z.string().nullable(),
  createdBy: z.string(),
  approvedBy: z.string().nullable(),
  createdAt: Timestamp,
});
export const PointsLedgerReply = z.object({ balance: z.number().int(), entries: z.array(PointsEntrySchema) });
export const PointsRedemptionBody = z.strictObject({ points: z.number().int().min(1).max(100_000_000), reason });
export const PointsAdjustmentBody = z.strictObject({
  points: z.number().int().min(-100_000_000).max(100_000_000).refine((n) => n !== 0, 'not zero'),
  reason,
});
export const PointsAdjustmentTransition = z.strictObject({ event: z.enum(['approve', 'reject']) });
export const PendingAdjustmentList = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      customerId: z.number().int(),
      customerNo: z.string(),
      name: z.string(),
      orgUnit: z.string(),
      points: z.number().int(),
      reason: z.string(),
      createdBy: z.string(),
      createdAt: Timestamp,
    }),
  ),
});

export const PotentialStatusSchema = z.enum(['qualified', 'confirmed', 'approved', 'rejected']);
export const PotentialQuery = z.object({ status: PotentialStatusSchema.optional() });
export const PotentialAccountSchema = z.object({
  customerId: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  orgUnit: z.string(),
  reason: z.enum(['spend', 'group_key_person', 'competitor_spend']),
  month: z.string(),
  status: PotentialStatusSchema,
  confirmedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
});
export const PotentialList = z.object({ items: z.array(PotentialAccountSchema) });
export const PotentialQualifyBody = z.strictObject({ month: YearMonthSchema });
export const PotentialParams = z.object({ customerId: z.coerce.number().int().positive() });
export const PotentialTransitionBody = z.strictObject({ event: z.enum(['confirm', 'approve', 'reject']), note: z.string().trim().max(500).optional() });

/** A customer's credit profile and grade benefits with their history (the customer page's card). */
export const BenefitSchema = z.enum(BENEFITS);
export const CustomerBenefitSchema = z.object({
  id: z.number().int(),
  benefit: BenefitSchema,
  /** Uses per grade year; null is unlimited. */
  yearlyQuota: z.number().int().nullable(),
  /** The grade that granted it. */
  grade: GradeSchema,
  grantedAt: Timestamp,
  revokedAt: Timestamp.nullable(),
});
export const CustomerEntitlementsReply = z.object({
  grade: GradeSchema,
  gradeValidFrom: z.string().nullable(),
  gradeValidTo: z.string().nullable(),
  credit: z.object({
    score: z.number().int().nullable(),
    limit: YuanText.nullable(),
    temporaryLimit: YuanText.nullable(),
    temporaryUntil: z.string().nullable(),
    nonCreditControl: z.boolean(),
    evaluatedOn: z.string().nullable(),
    /** `credit@HQ v1`: the rule set that produced the score. */
    ruleSet: z.string().nullable(),
  }),
  benefits: z.array(CustomerBenefitSchema),
});
