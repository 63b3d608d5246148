import { z } from 'zod';
import { CIRCUIT_SCOPES, PROVISIONING_SERVICES, PROVISIONING_TIERS, SLA_STATES, WORK_ORDER_STATES } from '@patron/domain';
import { OrgCode, PageQuery, Timestamp, Username } from './common';
import { CustomerNo, Yuan, YuanText } from './customers';

// ---------------------------------------------------------------------------------------------
// Enumerations (DOMAIN §2.3, §3.9, §3.10, §4.1)
// ---------------------------------------------------------------------------------------------

export const WorkOrderTypeSchema = z.enum(['install', 'move', 'change', 'restore', 'fault', 'sim_replacement', 'query', 'cross_region']);
export const WorkOrderChannelSchema = z.enum(['hotline', 'business_hall', 'online', 'account_manager', 'partner', 'tmf']);
export const WorkOrderPrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export const WorkOrderStatusSchema = z.enum(WORK_ORDER_STATES);
export const WorkOrderSlaStateSchema = z.enum(SLA_STATES);
export const SlaTargetKindSchema = z.enum(['resolution', 'delivery', 'revisit']);
const SlaTierSchema = z.enum(PROVISIONING_TIERS);
const SlaServiceSchema = z.enum(PROVISIONING_SERVICES);
const CircuitScopeSchema = z.enum(CIRCUIT_SCOPES);
export const CompensationStatusSchema = z.enum(['drafted', 'agreed', 'settled']);

/** An instant with its offset: '2026-11-24T09:00:00+08:00'. Impossible dates (02-30) are rejected. */
const Instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** Catalogue item codes are lower-case words; whether the code exists is checked against the catalogue in force. */
export const ServiceItemCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,63}$/, 'a service catalogue item code such as fixed_line_fault_repair');

/** A pause or cancel reason as a code (tenant-configurable list): customer_absent, site_not_ready… */
export const ReasonCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a reason code in lower case, e.g. customer_absent');

const Note = z.string().trim().min(1).max(2000);

/** Zod 4 runs object refinements even when a field failed: only compare two real instants. */
const spanMs = (window: { start: unknown; end: unknown }) =>
  window.start instanceof Date && window.end instanceof Date ? window.end.getTime() - window.start.getTime() : null;

export const AppointmentWindow = z
  .object({ start: Instant, end: Instant })
  .refine((window) => (spanMs(window) ?? 1) > 0, { message: 'must end after it starts', path: ['end'] })
  .refine((window) => (spanMs(window) ?? 0) <= 3650 * 86_400_000, { message: 'may not span more than 3650 days', path: ['end'] });

// ---------------------------------------------------------------------------------------------
// Create
// ---------------------------------------------------------------------------------------------

export const WorkOrderCreate = z
  .object({
    customerId: z.number().int().positive().optional(),
    customerNo: CustomerNo.optional(),
    lineId: z.number().int().positive().optional(),
    type: WorkOrderTypeSchema,
    channel: WorkOrderChannelSchema,
    priority: WorkOrderPrioritySchema.default('normal'),
    /** Service catalogue item; with the customer's star it sets the resolution limit (§3.9). */
    serviceItem: ServiceItemCode.optional(),
    circuitScope: CircuitScopeSchema.optional(),
    /** Circuit SLA (§3.10): service and tier go together and need the standard one-time fee. */
    slaService: SlaServiceSchema.optional(),
    slaTier: SlaTierSchema.optional(),
    /** The standard one-time fee in yuan ('12000.00'); the charged fee follows from the tier. */
    standardFee: Yuan.optional(),
    /** A contract's own limit in working days; it prevails over the catalogue and the tier. */
    contractLimitWorkdays: z.number().int().min(1).max(3650).optional(),
    appointment: AppointmentWindow.optional(),
    dispatchOrgUnit: OrgCode.optional(),
    assignee: Username.optional(),
    /** Default: true for circuit orders (SLA tier or circuit provisioning item). */
    deliveryPack: z.boolean().optional(),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(4000).optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.customerId === undefined) === (body.customerNo === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'give exactly one of customerId and customerNo' });
    }
    if ((body.slaTier === undefined) !== (body.slaService === undefined)) {
      ctx.addIssue({ code: 'custom', path: [body.slaTier === undefined ? 'slaTier' : 'slaService'], message: 'slaService and slaTier go together' });
    }
    if (body.slaTier !== undefined && body.standardFee === undefined) {
      ctx.addIssue({ code: 'custom', path: ['standardFee'], message: 'an SLA tier needs the standard one-time fee' });
    }
  });
export type WorkOrderCreateBody = z.output<typeof WorkOrderCreate>;

// ---------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------

export const WorkOrderTransitionBody = z.object({
  to: WorkOrderStatusSchema,
  note: Note.optional(),
  /** Required for on_hold (customer-caused pause of the SLA clock). */
  reason: ReasonCode.optional(),
  /** May accompany any transition, typically dispatched. */
  assignee: Username.optional(),
  dispatchOrgUnit: OrgCode.optional(),
  /** May accompany appointed (and a re-appointment). */
  appointment: AppointmentWindow.optional(),
});

export const CompensationTransitionBody = z.object({
  to: z.enum(['agreed', 'settled']),
  note: Note.optional(),
});

// ---------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------

export const SlaRemaining = z.object({ workdays: z.number().optional(), minutes: z.number().int().optional() });

export const WorkOrderSlaBadge = z.object({
  target: SlaTargetKindSchema,
  state: WorkOrderSlaStateSchema,
  clockStatus: z.enum(['not_started', 'running', 'paused', 'stopped']),
  deadline: Timestamp.nullable(),
  /** True while paused: the deadline assumes the clock resumes now. */
  deadlineProjected: z.boolean(),
  remaining: SlaRemaining,
});

const Person = z.object({ username: z.string(), displayName: z.string() });

export const WorkOrderSummary = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  trackingCode: z.string(),
  type: WorkOrderTypeSchema,
  channel: WorkOrderChannelSchema,
  priority: WorkOrderPrioritySchema,
  status: WorkOrderStatusSchema,
  title: z.string(),
  customer: z.object({ id: z.number().int(), customerNo: z.string(), name: z.string(), orgUnit: z.string() }),
  serviceItem: z.string().nullable(),
  star: z.number().int().nullable(),
  slaService: SlaServiceSchema.nullable(),
  slaTier: SlaTierSchema.nullable(),
  assignee: Person.nullable(),
  dispatchOrgUnit: z.string().nullable(),
  acceptedAt: Timestamp,
  completedAt: Timestamp.nullable(),
  sla: WorkOrderSlaBadge.nullable(),
});

export const WorkOrderSlaTarget = z.object({
  id: z.number().int(),
  target: SlaTargetKindSchema,
  cycle: z.number().int(),
  budget: z.object({ unit: z.enum(['working_days', 'clock_minutes', 'business_minutes']), amount: z.number().int() }),
  source: z.string(),
  ruleVersion: z.string().nullable(),
  clockStatus: z.enum(['not_started', 'running', 'paused', 'stopped']),
  state: WorkOrderSlaStateSchema,
  deadline: Timestamp.nullable(),
  deadlineProjected: z.boolean(),
  elapsedMinutes: z.number().int(),
  pausedMinutes: z.number().int(),
  overdueMinutes: z.number().int(),
  remaining: SlaRemaining,
  warned50At: Timestamp.nullable(),
  warned80At: Timestamp.nullable(),
  breachedAt: Timestamp.nullable(),
  calendarComplete: z.boolean(),
});

export const WorkOrderTimelineEntry = z.object({
  id: z.number().int(),
  at: Timestamp,
  kind: z.enum(['status', 'clock']),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  target: SlaTargetKindSchema.nullable(),
  clock: z.enum(['start', 'pause', 'resume', 'stop']).nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  actor: z.string().nullable(),
});

export const CompensationSchema = z.object({
  id: z.number().int(),
  workOrderId: z.number().int(),
  orderNo: z.string(),
  customerNo: z.string(),
  slaService: z.string().nullable(),
  slaTier: z.string().nullable(),
  amount: YuanText,
  amountFen: z.number().int(),
  base: YuanText,
  cap: YuanText,
  rateBpPerWorkday: z.number().int(),
  overdueWorkdays: z.number().int(),
  ruleVersion: z.string(),
  /** The order's clock has stopped: the amount no longer grows. */
  final: z.boolean(),
  status: CompensationStatusSchema,
  allowedTransitions: z.array(z.enum(['agreed', 'settled'])),
  notes: z.array(z.object({ at: z.string(), status: z.string(), note: z.string().nullable(), actor: z.string().nullable() })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  agreedAt: Timestamp.nullable(),
  agreedBy: z.string().nullable(),
  settledAt: Timestamp.nullable(),
  settledBy: z.string().nullable(),
});

export const WorkOrderDetail = WorkOrderSummary.extend({
  lineId: z.number().int().nullable(),
  lineNo: z.string().nullable(),
  description: z.string().nullable(),
  circuitScope: CircuitScopeSchema.nullable(),
  standardFee: YuanText.nullable(),
  chargedFee: YuanText.nullable(),
  contractLimitWorkdays: z.number().int().nullable(),
  deliveryPack: z.boolean(),
  appointment: z.object({ start: Timestamp, end: Timestamp }).nullable(),
  heldFrom: WorkOrderStatusSchema.nullable(),
  cycle: z.number().int(),
  ruleVersions: z.object({ catalogue: z.string().nullable(), sla: z.string().nullable(), calendar: z.string() }),
  deliveredAt: Timestamp.nullable(),
  archivedAt: Timestamp.nullable(),
  cancelledAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  allowedTransitions: z.array(WorkOrderStatusSchema),
  targets: z.array(WorkOrderSlaTarget),
  timeline: z.array(WorkOrderTimelineEntry),
  compensation: CompensationSchema.nullable(),
});

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

/** 'a,b' or repeated keys → one array. */
function listParam<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    const parts = Array.isArray(value) ? value : [value];
    return parts.flatMap((part) =>
      typeof part === 'string'
        ? part
            .split(',')
            .map((piece) => piece.trim())
            .filter((piece) => piece !== '')
        : [part],
    );
  }, z.array(item).min(1).max(12));
}

export const WorkOrderFilterQuery = z.object({
  status: listParam(WorkOrderStatusSchema).optional(),
  type: listParam(WorkOrderTypeSchema).optional(),
  slaState: listParam(WorkOrderSlaStateSchema).optional(),
  /** A customer number. */
  customer: CustomerNo.optional(),
  customerId: z.coerce.number().int().positive().optional(),
  /** 'me' or a username. */
  assignee: z.union([z.literal('me'), Username]).optional(),
  /** The customer's org unit: its whole subtree. */
  orgUnit: OrgCode.optional(),
  /** The dispatch target: its whole subtree. */
  dispatchOrgUnit: OrgCode.optional(),
  /** true: neither archived nor cancelled. */
  open: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

export const WorkOrderListQuery = PageQuery.extend({
  ...WorkOrderFilterQuery.shape,
  /** deadline: open orders by next SLA deadline first (default). */
  sort: z.enum(['deadline', 'acceptedAt', '-acceptedAt', 'orderNo', '-orderNo']).optional(),
});

export const WorkOrderBoard = z.object({
  byStatus: z.record(WorkOrderStatusSchema, z.number().int()),
  bySlaState: z.record(WorkOrderSlaStateSchema, z.number().int()),
  total: z.number().int(),
});

export const CompensationListQuery = PageQuery.extend({
  status: listParam(CompensationStatusSchema).optional(),
  workOrderId: z.coerce.number().int().positive().optional(),
});

// ---------------------------------------------------------------------------------------------
// Public status page (no sign-in, no personal data)
// ---------------------------------------------------------------------------------------------

export const TrackingCodeParam = z.object({ trackingCode: z.string().max(64) });

/** Anything goes in: a missing or malformed value answers exactly like a wrong one (404). */
export const PublicStatusQuery = z.object({ phoneLast4: z.string().max(64).optional() });

const Label = z.object({ zh: z.string(), en: z.string() });

export const PublicWorkOrderStatus = z.object({
  trackingCode: z.string(),
  type: WorkOrderTypeSchema,
  typeLabel: Label,
  status: WorkOrderStatusSchema,
  statusLabel: Label,
  service: Label.nullable(),
  acceptedAt: Timestamp,
  appointment: z.object({ start: Timestamp, end: Timestamp }).nullable(),
  /** The resolution deadline while the work is open (projected while on hold); null without a time limit. */
  expectedCompletion: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
  timeline: z.array(z.object({ status: WorkOrderStatusSchema, statusLabel: Label, at: Timestamp })),
});
