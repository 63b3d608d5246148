import { z } from 'zod';
import { parseIsoDate, validateResidentId, validateUscc } from '@patron/domain';
import { parseYuanToFen } from '@patron/domain/money';
import { OrgCode, PageQuery, Timestamp, Username } from './common';
import { PiiFieldSchema } from './identity';

export const GradeSchema = z.enum(['diamond', 'gold', 'silver', 'guest', 'none']);
export const CustomerKindSchema = z.enum(['individual', 'group']);
export const ArchiveSchema = z.enum(['in_network', 'retained']);
/** Why a record sits in the retained archive; 'potential' marks prospects (潜在大客户), never set by archiving. */
export const RetainedReasonSchema = z.enum(['demoted', 'churned', 'moved_away', 'closed', 'potential', 'other']);
export const ArchiveReasonSchema = RetainedReasonSchema.exclude(['potential']);
export const SegmentSchema = z.enum(['individual', 'family', 'group']);
export const GenderSchema = z.enum(['male', 'female']);
export const RelationshipStageSchema = z.enum(['gestation', 'initial', 'middle', 'strategic']);

// ---------------------------------------------------------------------------------------------
// Field types shared by bodies and queries
// ---------------------------------------------------------------------------------------------

export const CustomerNo = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, 'letters, digits and dashes (1-32)');

/** Strict 'YYYY-MM-DD': Date.parse would roll 2023-02-30 over into March. */
export const IsoDate = z.string().refine((value) => parseIsoDate(value) !== null, 'a calendar date as YYYY-MM-DD');

/** Yuan as text ('1234.50'), stored as integer fen; twelve integer digits keep fen a safe integer. */
export const Yuan = z
  .string()
  .trim()
  .regex(/^\d{1,12}(?:\.\d{1,2})?$/, 'a non-negative yuan amount with at most 2 decimals')
  .transform((value) => parseYuanToFen(value));

/** Money on the way out: decimal yuan with two decimals, never a float. */
export const YuanText = z.string();

/** A mainland mobile or a fixed line with its area code (020-12345678). */
export const CustomerPhone = z
  .string()
  .trim()
  .regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'a mainland mobile (11 digits) or an area code and fixed line');

/**
 * Resident IDs (18 characters) are checked in full (GB 11643: region, birth date, check character);
 * other documents (passports, travel permits) only for their alphabet, since no type is stored.
 */
export const IdNumber = z
  .string()
  .trim()
  .transform((value) => value.replace(/\s+/g, '').toUpperCase())
  .superRefine((value, ctx) => {
    if (/^\d{17}[\dX]$/.test(value)) {
      for (const found of validateResidentId(value)) ctx.addIssue({ code: 'custom', message: found.message });
    } else if (!/^[A-Z0-9]{5,20}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'an 18-character resident ID or a 5-20 character document number' });
    }
  });

export const Uscc = z
  .string()
  .trim()
  .transform((value) => value.replace(/\s+/g, '').toUpperCase())
  .superRefine((value, ctx) => {
    for (const found of validateUscc(value)) ctx.addIssue({ code: 'custom', message: found.message });
  });

const text = (max: number) => z.string().trim().min(1).max(max);

/** Query strings bring 'gold,silver' or repeated keys; JSON bodies bring arrays. All become one array. */
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
  }, z.array(item).min(1).max(10));
}

/** 'true'/'false' in query strings, real booleans in stored filters. */
const BooleanParam = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

// ---------------------------------------------------------------------------------------------
// List: filters, sort, saved filters
// ---------------------------------------------------------------------------------------------

export const CUSTOMER_SORTS = ['customerNo', 'name', 'grade', 'activatedOn', 'arrears'] as const;
export const CustomerSortSchema = z.enum([...CUSTOMER_SORTS, ...CUSTOMER_SORTS.map((key) => `-${key}` as const)]);

/**
 * The filter half of the list query. Saved filters store exactly this object (in its parsed form,
 * which parses again to itself), so a saved view and a typed URL mean the same thing.
 */
export const CustomerFilterSchema = z.object({
  q: z.string().trim().max(100).optional(),
  grade: listParam(GradeSchema).optional(),
  star: listParam(z.coerce.number().int().min(0).max(5)).optional(),
  kind: CustomerKindSchema.optional(),
  /** Default in_network: the retained archive is asked for on purpose. */
  archive: z.enum(['in_network', 'retained', 'all']).optional(),
  /** An org unit code; its whole subtree matches. */
  orgUnit: OrgCode.optional(),
  /** A lead manager's username, or 'none' for the unassigned ("to assign") list. */
  manager: z.union([z.literal('none'), Username]).optional(),
  /** true: customers with unpaid bills; false: customers without. */
  arrears: BooleanParam.optional(),
  activatedFrom: IsoDate.optional(),
  activatedTo: IsoDate.optional(),
  /** Grade sorts by rank (diamond first); '-' sorts descending. */
  sort: CustomerSortSchema.optional(),
});
export type CustomerFilterInput = z.input<typeof CustomerFilterSchema>;
export type CustomerFilterValue = z.output<typeof CustomerFilterSchema>;

export const CustomerListQuery = PageQuery.extend({
  ...CustomerFilterSchema.shape,
  /** A saved filter's id: its filters apply, and any filter given beside it wins. */
  savedFilter: z.coerce.number().int().positive().optional(),
});

// ---------------------------------------------------------------------------------------------
// Customer record
// ---------------------------------------------------------------------------------------------

export const CustomerSchema = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  kind: CustomerKindSchema,
  name: z.string(),
  grade: GradeSchema,
  star: z.number().int().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  address: z.string().nullable(),
  orgUnit: z.string(),
  orgUnitName: z.string(),
  accountManager: z.string().nullable(),
  accountManagerName: z.string().nullable(),
  activatedOn: z.string().nullable(),
  phoneManager: z.string().nullable(),
  phoneManagerName: z.string().nullable(),
  parentCustomerId: z.number().int().nullable(),
  parentCustomerNo: z.string().nullable(),
  parentCustomerName: z.string().nullable(),
  archive: ArchiveSchema,
  retainedReason: RetainedReasonSchema.nullable(),
  retainedCompetitor: z.string().nullable(),
  retainedNote: z.string().nullable(),
  retainedAt: Timestamp.nullable(),
  segment: SegmentSchema,
  gender: GenderSchema.nullable(),
  birthday: z.string().nullable(),
  email: z.string().nullable(),
  employer: z.string().nullable(),
  title: z.string().nullable(),
  brand: z.string().nullable(),
  uscc: z.string().nullable(),
  industry: z.string().nullable(),
  groupClass: z.string().nullable(),
  staffCount: z.number().int().nullable(),
  relationshipStage: RelationshipStageSchema.nullable(),
  gradeValidFrom: z.string().nullable(),
  gradeValidTo: z.string().nullable(),
  creditScore: z.number().int().nullable(),
  creditLimit: YuanText.nullable(),
  tempCredit: YuanText.nullable(),
  tempCreditUntil: z.string().nullable(),
  nonCreditControl: z.boolean(),
  pointsBalance: z.number().int(),
  preferredChannel: z.string().nullable(),
  doNotDisturb: z.boolean(),
  marketingConsent: z.boolean(),
  /** Billed and not yet paid, over all months. */
  arrears: YuanText,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** Profile fields a create or a patch may set; null clears a nullable field. */
const profileFields = {
  name: text(200),
  grade: GradeSchema,
  star: z.number().int().min(0).max(5).nullable(),
  phone: CustomerPhone.nullable(),
  idNumber: IdNumber.nullable(),
  address: text(300).nullable(),
  orgUnit: OrgCode,
  phoneManager: Username.nullable(),
  parentCustomerNo: CustomerNo.nullable(),
  activatedOn: IsoDate.nullable(),
  segment: SegmentSchema,
  gender: GenderSchema.nullable(),
  birthday: IsoDate.nullable(),
  email: z.email().max(200).nullable(),
  employer: text(200).nullable(),
  title: text(100).nullable(),
  brand: text(50).nullable(),
  uscc: Uscc.nullable(),
  industry: text(100).nullable(),
  groupClass: text(50).nullable(),
  staffCount: z.number().int().min(0).max(10_000_000).nullable(),
  relationshipStage: RelationshipStageSchema.nullable(),
  gradeValidFrom: IsoDate.nullable(),
  gradeValidTo: IsoDate.nullable(),
  creditScore: z.number().int().min(0).max(100).nullable(),
  creditLimit: Yuan.nullable(),
  preferredChannel: text(50).nullable(),
  doNotDisturb: z.boolean(),
  marketingConsent: z.boolean(),
};

function validityInOrder(value: { gradeValidFrom?: string | null; gradeValidTo?: string | null }, ctx: z.RefinementCtx) {
  if (value.gradeValidFrom && value.gradeValidTo && value.gradeValidFrom > value.gradeValidTo) {
    ctx.addIssue({ code: 'custom', path: ['gradeValidTo'], message: 'must not be before gradeValidFrom' });
  }
}

export const CustomerCreate = z
  .object({
    ...z.object(profileFields).partial().shape,
    customerNo: CustomerNo,
    kind: CustomerKindSchema,
    name: text(200),
    orgUnit: OrgCode,
    /** The lead manager (主办); load limits apply as for an assignment. An account manager creating gets themselves. */
    accountManager: Username.nullable().optional(),
    /** Prospects (潜在大客户) are created straight into the retained archive with reason 'potential'. */
    archive: ArchiveSchema.default('in_network'),
    retainedReason: RetainedReasonSchema.optional(),
    retainedCompetitor: text(100).optional(),
    retainedNote: text(500).optional(),
  })
  .superRefine((value, ctx) => {
    validityInOrder(value, ctx);
    if (value.archive === 'retained' && !value.retainedReason) {
      ctx.addIssue({ code: 'custom', path: ['retainedReason'], message: 'required for the retained archive' });
    }
    if (value.archive === 'in_network' && (value.retainedReason || value.retainedCompetitor || value.retainedNote)) {
      ctx.addIssue({ code: 'custom', path: ['retainedReason'], message: 'only for the retained archive' });
    }
    if (value.retainedReason === 'churned' && !value.retainedCompetitor) {
      ctx.addIssue({ code: 'custom', path: ['retainedCompetitor'], message: 'required when churned' });
    }
  });

/**
 * Strict: a key that is not a profile field (customerNo, kind, accountManager, archive…) is an
 * error rather than silently ignored, since those change through their own endpoints.
 */
export const CustomerPatch = z.strictObject(profileFields).partial().superRefine(validityInOrder);

/**
 * Temporary credit (临时信用度) for an urgent need, from today for `days` days: no more days than the
 * governing credit rules allow (at most 7, DOMAIN §3.3). It replaces any temporary credit in force.
 */
export const TemporaryCreditBody = z.object({
  amount: Yuan.refine((fen) => fen > 0, 'more than 0'),
  days: z.number().int().min(1),
  reason: text(500),
});

/** Non-credit-control (非信控): never suspended for arrears; a manager's decision, with the reason. */
export const CreditControlBody = z.object({ nonCreditControl: z.boolean(), reason: text(500) });

export const ArchiveBody = z
  .object({
    reason: ArchiveReasonSchema,
    competitor: text(100).optional(),
    note: text(500).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.reason === 'churned' && !value.competitor) {
      ctx.addIssue({ code: 'custom', path: ['competitor'], message: 'required when churned: which competitor gained the customer' });
    }
  });

/** The body is optional: Fastify hands a bodiless POST over as null. */
export const RestoreBody = z.object({ note: text(500).optional() }).nullish();

export const UnmaskBody = z.object({
  fields: z.array(PiiFieldSchema).min(1).max(5),
  reason: z.string().trim().min(4, 'at least 4 characters').max(500),
});
export const UnmaskReply = z.object({
  fields: z.partialRecord(PiiFieldSchema, z.string().nullable()),
  /** With `phone`: the full numbers of the customer's lines, by line id (line numbers are phone numbers). */
  lines: z.record(z.string(), z.string()).optional(),
});

// ---------------------------------------------------------------------------------------------
// 360 view
// ---------------------------------------------------------------------------------------------

export const ManagerRef = z.object({
  username: z.string(),
  displayName: z.string(),
  /** The manager's work phone: staff contact data, not customer PII, so never masked. */
  phone: z.string().nullable(),
  orgUnit: z.string(),
});

export const LineSchema = z.object({
  id: z.number().int(),
  lineNo: z.string(),
  type: z.enum(['mobile', 'fixed', 'broadband', 'circuit', 'iot']),
  package: z.string().nullable(),
  brand: z.string().nullable(),
  status: z.enum(['normal', 'suspended', 'pre_cancelled', 'cancelled']),
  activatedOn: z.string().nullable(),
  ownerName: z.string().nullable(),
  holderName: z.string().nullable(),
  aEnd: z.string().nullable(),
  bEnd: z.string().nullable(),
  bandwidth: z.string().nullable(),
  slaTier: z.enum(['urgent', 'expedited', 'normal']).nullable(),
});

export const BillPoint = z.object({ month: z.string(), amount: YuanText, paid: YuanText });

export const SuspensionSchema = z.object({
  id: z.number().int(),
  lineId: z.number().int(),
  lineNo: z.string(),
  kind: z.enum(['arrears', 'request', 'loss', 'administrative']),
  suspendedAt: Timestamp,
  restoredAt: Timestamp.nullable(),
  remindedAt: Timestamp.nullable(),
  reminderChannel: z.string().nullable(),
});

export const ContactRoleSchema = z.enum(['leader', 'key_person', 'daily_contact', 'finance', 'it']);
export const ContactSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: ContactRoleSchema,
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  influence: z.number().int().nullable(),
  preferences: z.string().nullable(),
  birthday: z.string().nullable(),
  createdAt: Timestamp,
});
const contactFields = {
  name: text(100),
  role: ContactRoleSchema,
  title: text(100).nullable(),
  phone: CustomerPhone.nullable(),
  email: z.email().max(200).nullable(),
  influence: z.number().int().min(1).max(5).nullable(),
  preferences: text(500).nullable(),
  birthday: IsoDate.nullable(),
};
export const ContactCreate = z.object(contactFields).partial().required({ name: true, role: true });
export const ContactPatch = z.strictObject(contactFields).partial();

export const EventKindSchema = z.enum(['merger', 'move', 'tender', 'anniversary', 'leadership_change', 'other']);
export const CustomerEventSchema = z.object({
  id: z.number().int(),
  occurredOn: z.string(),
  kind: EventKindSchema,
  title: z.string(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
});
const eventFields = { occurredOn: IsoDate, kind: EventKindSchema, title: text(200), note: text(2000).nullable() };
export const CustomerEventCreate = z.object(eventFields).partial().required({ occurredOn: true, kind: true, title: true });
export const CustomerEventPatch = z.strictObject(eventFields).partial();

export const CompetitorSchema = z.object({
  id: z.number().int(),
  competitor: z.string(),
  products: z.string().nullable(),
  contractEndOn: z.string().nullable(),
  shareOfWallet: z.number().int().nullable(),
  monthlySpend: YuanText.nullable(),
  note: z.string().nullable(),
  updatedAt: Timestamp,
});
const competitorFields = {
  competitor: text(100),
  products: text(500).nullable(),
  contractEndOn: IsoDate.nullable(),
  shareOfWallet: z.number().int().min(0).max(100).nullable(),
  monthlySpend: Yuan.nullable(),
  note: text(2000).nullable(),
};
export const CompetitorCreate = z.object(competitorFields).partial().required({ competitor: true });
export const CompetitorPatch = z.strictObject(competitorFields).partial();

export const MemberUnitSchema = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  kind: CustomerKindSchema,
  grade: GradeSchema,
  orgUnit: z.string(),
  accountManager: z.string().nullable(),
  archive: ArchiveSchema,
});

export const HistoryEntrySchema = z.object({
  id: z.number().int(),
  changedAt: Timestamp,
  actorName: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});

export const CustomerDetailSchema = CustomerSchema.extend({
  managers: z.object({
    lead: ManagerRef.nullable(),
    phoneManager: ManagerRef.nullable(),
    assisting: z.array(ManagerRef.extend({ since: z.string().nullable() })),
  }),
  lines: z.array(LineSchema),
  /** All lines are counted; at most LINE_LIMIT are listed. */
  lineCount: z.number().int(),
  /** Twelve consecutive months ending with the latest bill, oldest first; months without a bill are zero. */
  bills: z.array(BillPoint),
  arrearsSummary: z.object({
    amount: YuanText,
    unpaidBills: z.number().int(),
    oldestMonth: z.string().nullable(),
    /** Whole months from the oldest unpaid bill's month to the current business month. */
    oldestAgeMonths: z.number().int().nullable(),
  }),
  suspensions: z.array(SuspensionSchema),
  contacts: z.array(ContactSchema),
  events: z.array(CustomerEventSchema),
  competitors: z.array(CompetitorSchema),
  parentGroup: z.object({ id: z.number().int(), customerNo: z.string(), name: z.string() }).nullable(),
  memberUnits: z.array(MemberUnitSchema),
  /** Filled by the work-order and complaint capabilities; empty until they exist. */
  openWorkOrders: z.array(z.unknown()),
  openComplaints: z.array(z.unknown()),
  history: z.array(HistoryEntrySchema),
});

// ---------------------------------------------------------------------------------------------
// Assignment and load
// ---------------------------------------------------------------------------------------------

export const AssignBody = z.object({
  customerIds: z.array(z.number().int().positive()).min(1).max(1000),
  accountManager: Username,
  /** Assign beyond a load limit; needs customer.assign.override and is audited with the reason. */
  override: z.object({ reason: z.string().trim().min(4, 'at least 4 characters').max(500) }).optional(),
});
export const AssignReply = z.object({
  accountManager: z.string(),
  assigned: z.number().int(),
  unchanged: z.number().int(),
  overridden: z.boolean(),
  customers: z.array(z.object({ id: z.number().int(), customerNo: z.string(), previousManager: z.string().nullable() })),
});

export const LoadLimitsSchema = z.object({
  vip: z.number().int().min(0).max(100_000),
  guest: z.number().int().min(0).max(100_000),
});
export const ManagerLoadQuery = z.object({ orgUnit: OrgCode.optional() });
export const ManagerLoadSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  orgUnit: z.string(),
  orgUnitName: z.string(),
  vip: z.number().int(),
  guest: z.number().int(),
  vipLimit: z.number().int(),
  guestLimit: z.number().int(),
});
export const ManagerLoadReply = z.object({ items: z.array(ManagerLoadSchema), limits: LoadLimitsSchema });

/** A re-grade left this account manager over a tier's limit (DOMAIN §4.6); done once the load is back within it. */
export const ReassignmentTaskSchema = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  month: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgUnitName: z.string(),
  tier: z.enum(['vip', 'guest']),
  load: z.number().int(),
  loadLimit: z.number().int(),
  currentLoad: z.number().int(),
  currentLimit: z.number().int(),
  createdAt: Timestamp,
});
export const ReassignmentTaskList = z.object({ items: z.array(ReassignmentTaskSchema) });
export const ReassignmentTaskTransition = z.strictObject({ event: z.literal('done') });

// ---------------------------------------------------------------------------------------------
// Saved filters
// ---------------------------------------------------------------------------------------------

export const SavedFilterSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  shared: z.boolean(),
  owner: z.string(),
  ownerName: z.string(),
  /** The caller owns it (and may delete it). */
  mine: z.boolean(),
  createdAt: Timestamp,
});
export const SavedFilterCreate = z.object({
  name: text(60),
  filters: CustomerFilterSchema.strict().default({}),
  /** Shared filters are visible to everyone in the owner's org subtree. */
  shared: z.boolean().default(false),
});

export const DashboardSummary = z.object({
  total: z.number().int(),
  byGrade: z.record(GradeSchema, z.number().int()),
  byOrgUnit: z.array(
    z.object({ orgUnit: z.string(), orgUnitName: z.string(), total: z.number(), vip: z.number(), guest: z.number() }),
  ),
});
