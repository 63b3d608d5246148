import { z } from 'zod';
import {
  APPEAL_STATUSES,
  COMPENSATION_KINDS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATES,
  GRADES,
  REVISIT_CHANNELS,
  REVISIT_OUTCOMES,
  REVISIT_STATUSES,
  REVISIT_TRIGGERS,
  ROOT_CAUSES,
} from '@patron/domain';
import { PageQuery, Timestamp } from './common';
import { CustomerNo, Yuan, YuanText } from './customers';
import { DrillDownFields } from './measures';

// ---------------------------------------------------------------------------------------------
// Complaints (DOMAIN §3.11, §4.2)
// ---------------------------------------------------------------------------------------------

export const ComplaintStatusSchema = z.enum(COMPLAINT_STATES);
export const ComplaintChannelSchema = z.enum(COMPLAINT_CHANNELS);
export const ComplaintCategorySchema = z.enum(COMPLAINT_CATEGORIES);
export const ComplaintSeveritySchema = z.enum(COMPLAINT_SEVERITIES);
export const RootCauseSchema = z.enum(ROOT_CAUSES);
export const ComplaintLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const Instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const Text = (max: number) => z.string().trim().min(1).max(max);

export const ComplaintCreate = z
  .object({
    customerId: z.number().int().positive().optional(),
    customerNo: CustomerNo.optional(),
    lineId: z.number().int().positive().optional(),
    channel: ComplaintChannelSchema,
    category: ComplaintCategorySchema,
    severity: ComplaintSeveritySchema,
    /** The customer's own words. */
    description: Text(4000),
    /** When the complaint reached the operator, if before it is logged (a letter, an appeal): at most 30 days ago. */
    receivedAt: Instant.optional(),
    workOrderIds: z.array(z.number().int().positive()).max(20).optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.customerId === undefined) === (body.customerNo === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'give exactly one of customerId and customerNo' });
    }
  });
export type ComplaintCreateBody = z.output<typeof ComplaintCreate>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value), z.array(item)).optional();
const flag = z.enum(['true', 'false']).transform((value) => value === 'true').optional();

export const ComplaintListQuery = PageQuery.extend({
  status: csv(ComplaintStatusSchema),
  level: csv(z.coerce.number().int().min(1).max(3)),
  category: csv(ComplaintCategorySchema),
  channel: csv(ComplaintChannelSchema),
  rootCause: csv(RootCauseSchema),
  customer: CustomerNo.optional(),
  repeat: flag,
  hot: flag,
  open: flag,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').optional(),
  q: z.string().trim().max(100).optional(),
  // Drill-down from the measure roll-ups: the row's group and months, and the measure's own test.
  ...DrillDownFields,
  escalated: flag,
  reopened: flag,
  firstContactResolved: flag,
  /** Complaints that left this level (escalated or resolved); with levelOnTime, always before its limit or once after it. */
  levelExit: z.coerce.number().int().min(1).max(3).optional(),
  levelOnTime: flag,
});

export const ComplaintTransitionBody = z.object({
  to: ComplaintStatusSchema,
  note: Text(2000).optional(),
  /** With assigned: who handles it (default: the caller). */
  assignee: z.string().max(40).optional(),
  resolution: Text(4000).optional(),
  rootCause: RootCauseSchema.optional(),
  /** The sub-reason under the root cause: which price, which process, which skill. */
  rootCauseDetail: Text(200).optional(),
  customerConfirmed: z.boolean().optional(),
  noConfirmationReason: Text(500).optional(),
});
export type ComplaintTransitionInput = z.output<typeof ComplaintTransitionBody>;

export const AppealCreate = z.object({
  reference: Text(60),
  authority: Text(100),
  receivedAt: Instant.optional(),
});

export const CompensationOfferCreate = z.object({
  kind: z.enum(COMPENSATION_KINDS),
  /** Face value in yuan (points are valued at 100 points = ¥1). */
  amount: Yuan,
  note: Text(500).optional(),
});

export const CompensationOfferDecision = z.object({ to: z.enum(['approved', 'rejected']) });

/** The appeal body's decision as the operator records it. */
export const AppealTransitionBody = z.object({ to: z.enum(['accepted', 'rejected', 'answered']) });

export const ComplaintEventSchema = z.object({
  occurredAt: Timestamp,
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  fromLevel: z.number().int().nullable(),
  toLevel: z.number().int(),
  automatic: z.boolean(),
  onTime: z.boolean().nullable(),
  note: z.string().nullable(),
  actor: z.string().nullable(),
});

export const AppealSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  authority: z.string(),
  receivedAt: Timestamp,
  acceptanceDue: Timestamp,
  handlingDue: Timestamp,
  status: z.enum(APPEAL_STATUSES),
  /** When it was accepted or rejected, and when answered. */
  acceptedAt: Timestamp.nullable(),
  answeredAt: Timestamp.nullable(),
  allowedTransitions: z.array(z.enum(APPEAL_STATUSES)),
});

export const CompensationOfferSchema = z.object({
  id: z.number().int(),
  kind: z.enum(COMPENSATION_KINDS),
  amount: YuanText,
  requiredLevel: z.number().int(),
  status: z.enum(['proposed', 'approved', 'rejected']),
  note: z.string().nullable(),
  proposedAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  decidedBy: z.string().nullable(),
});

export const ComplaintSummary = z.object({
  id: z.number().int(),
  complaintNo: z.string(),
  customerId: z.number().int(),
  customerNo: z.string(),
  customerName: z.string(),
  customerOrgUnit: z.string(),
  lineId: z.number().int().nullable(),
  lineNo: z.string().nullable(),
  channel: ComplaintChannelSchema,
  category: ComplaintCategorySchema,
  severity: ComplaintSeveritySchema,
  description: z.string(),
  status: ComplaintStatusSchema,
  level: z.number().int(),
  repeat: z.boolean(),
  hot: z.boolean(),
  hotKeywords: z.array(z.string()),
  assignee: z.string().nullable(),
  assigneeName: z.string().nullable(),
  reopenCount: z.number().int(),
  receivedAt: Timestamp,
  levelDeadline: Timestamp,
  finalDeadline: Timestamp,
  /** The current level's limit has passed (open complaints only). */
  overdue: z.boolean(),
  resolvedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});

export const ComplaintDetail = ComplaintSummary.extend({
  resolution: z.string().nullable(),
  rootCause: RootCauseSchema.nullable(),
  rootCauseDetail: z.string().nullable(),
  customerConfirmed: z.boolean().nullable(),
  noConfirmationReason: z.string().nullable(),
  firstContactResolved: z.boolean().nullable(),
  rulesVersion: z.string(),
  allowedTransitions: z.array(ComplaintStatusSchema),
  events: z.array(ComplaintEventSchema),
  workOrders: z.array(z.object({ id: z.number().int(), orderNo: z.string(), type: z.string(), status: z.string() })),
  appeals: z.array(AppealSchema),
  compensations: z.array(CompensationOfferSchema),
});

export const ComplaintRulesSchema = z.object({
  version: z.string().trim().regex(/^[A-Za-z0-9._-]{1,60}$/),
  levelLimits: z.object({
    1: z.object({ unit: z.enum(['working_days', 'clock_minutes', 'business_minutes']), amount: z.number().int() }),
    2: z.object({ unit: z.enum(['working_days', 'clock_minutes', 'business_minutes']), amount: z.number().int() }),
    3: z.object({ unit: z.enum(['working_days', 'clock_minutes', 'business_minutes']), amount: z.number().int() }),
  }),
  finalLimitDays: z.number().int(),
  hotKeywords: z.array(z.string().max(40)).max(200),
  repeatWindowDays: z.number().int(),
  compensationLimitsFen: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int() }),
});

export const EscalationScanResult = z.object({
  examined: z.number().int(),
  escalated: z.number().int(),
  /** Breach notices sent to the province: level 3's limit or the final answer ran out. */
  breaches: z.number().int(),
  notifications: z.number().int(),
});

// ---------------------------------------------------------------------------------------------
// Revisits (回访, DOMAIN §5.3)
// ---------------------------------------------------------------------------------------------

export const RevisitListQuery = PageQuery.extend({
  status: csv(z.enum(REVISIT_STATUSES)),
  trigger: csv(z.enum(REVISIT_TRIGGERS)),
  /** One channel's queue: the revisit desk or the outbound agents'. */
  channel: z.enum(REVISIT_CHANNELS).optional(),
  /** Only tasks the caller may take: theirs or nobody's yet, not of their own customers. */
  mine: flag,
  complaintId: z.coerce.number().int().positive().optional(),
  workOrderId: z.coerce.number().int().positive().optional(),
  // Drill-down from the revisit measures: due in these months, the row's group, the measure's test.
  ...DrillDownFields,
  outcome: z.enum(REVISIT_OUTCOMES).optional(),
  /** Done by the due time (true) or after it (false). */
  onTime: flag,
});

export const RevisitAttemptBody = z
  .object({
    reached: z.boolean(),
    outcome: z.enum(REVISIT_OUTCOMES).optional(),
    /** 1 (very unsatisfied) to 5 (very satisfied). */
    satisfaction: z.number().int().min(1).max(5).optional(),
    problems: Text(2000).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.reached && body.outcome === undefined) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'a reached customer is satisfied or unsatisfied' });
    if (!body.reached && body.outcome !== undefined) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'no outcome without reaching the customer' });
  });
export type RevisitAttemptInput = z.output<typeof RevisitAttemptBody>;

export const RevisitSchema = z.object({
  id: z.number().int(),
  trigger: z.enum(REVISIT_TRIGGERS),
  workOrderId: z.number().int().nullable(),
  workOrderNo: z.string().nullable(),
  complaintId: z.number().int().nullable(),
  complaintNo: z.string().nullable(),
  customerNo: z.string(),
  customerName: z.string(),
  channel: z.enum(REVISIT_CHANNELS),
  owner: z.string().nullable(),
  dueAt: Timestamp,
  overdue: z.boolean(),
  status: z.enum(REVISIT_STATUSES),
  attempts: z.number().int(),
  outcome: z.enum(REVISIT_OUTCOMES).nullable(),
  satisfaction: z.number().int().nullable(),
  problems: z.string().nullable(),
  doneAt: Timestamp.nullable(),
});

/** Where new revisit tasks go: the first matching rule (by trigger and customer grade), else the default. */
export const RevisitRoutingSchema = z.object({
  version: z.string().trim().regex(/^[A-Za-z0-9._-]{1,60}$/),
  rules: z
    .array(
      z.object({
        triggers: z.array(z.enum(REVISIT_TRIGGERS)).max(REVISIT_TRIGGERS.length),
        grades: z.array(z.enum(GRADES)).max(GRADES.length),
        channel: z.enum(REVISIT_CHANNELS),
      }),
    )
    .max(50),
  defaultChannel: z.enum(REVISIT_CHANNELS),
});

// ---------------------------------------------------------------------------------------------
// Measures (DOMAIN §5.3, §5.9)
// ---------------------------------------------------------------------------------------------

export const ComplaintMeasuresQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') });

const Count = z.number().int();
export const ComplaintMeasuresSchema = z.object({
  month: z.string(),
  total: Count,
  repeat: Count,
  hot: Count,
  escalated: Count,
  reopened: Count,
  resolved: Count,
  firstContactResolved: Count,
  closed: Count,
  lines: Count,
  /** Complaints per 10,000 lines, one decimal; null without lines. */
  perTenThousandLines: z.number().nullable(),
  onTimeByLevel: z.array(z.object({ level: Count, exits: Count, onTime: Count })),
  byRootCause: z.array(z.object({ rootCause: z.string(), count: Count })),
  byCategory: z.array(z.object({ category: z.string(), count: Count })),
  revisits: z.object({ due: Count, done: Count, unreachable: Count, satisfied: Count, onTime: Count }),
});
