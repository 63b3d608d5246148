// Wire types of the /api/v1 contract as the web app reads them: instants are ISO strings here, where
// the contracts' zod schemas (server side) type them as Date. types.test.ts checks both agree on names.
import type { AppLocale } from '../i18n/locale';

export const roleCodes = [
  'admin',
  'province_manager',
  'city_manager',
  'district_manager',
  'team_lead',
  'account_manager',
  'phone_manager',
  'outbound_agent',
  'analyst',
  'integration',
] as const;
export type RoleCode = (typeof roleCodes)[number];

export const dataScopes = ['own', 'team', 'subtree', 'aggregate', 'none'] as const;
export type DataScope = (typeof dataScopes)[number];

export const piiFields = ['phone', 'idNumber', 'address', 'birthday', 'email'] as const;
export type PiiField = (typeof piiFields)[number];

export const orgUnitKinds = ['hq', 'province', 'city', 'district', 'team'] as const;
export type OrgUnitKind = (typeof orgUnitKinds)[number];

export const grades = ['diamond', 'gold', 'silver', 'guest', 'none'] as const;
export type Grade = (typeof grades)[number];

export const customerKinds = ['individual', 'group'] as const;
export type CustomerKind = (typeof customerKinds)[number];

export const archives = ['in_network', 'retained'] as const;
export type Archive = (typeof archives)[number];

export const retainedReasons = ['demoted', 'churned', 'moved_away', 'closed', 'potential', 'other'] as const;
export type RetainedReason = (typeof retainedReasons)[number];
/** Reasons an archive action may give; 'potential' only marks prospects created into the archive. */
export const archiveReasons = ['demoted', 'churned', 'moved_away', 'closed', 'other'] as const;
export type ArchiveReason = (typeof archiveReasons)[number];

export const contactRoles = ['leader', 'key_person', 'daily_contact', 'finance', 'it'] as const;
export type ContactRole = (typeof contactRoles)[number];

export const eventKinds = ['merger', 'move', 'tender', 'anniversary', 'leadership_change', 'other'] as const;
export type EventKind = (typeof eventKinds)[number];

export const lineStatuses = ['normal', 'suspended', 'pre_cancelled', 'cancelled'] as const;
export type LineStatus = (typeof lineStatuses)[number];
export const lineTypes = ['mobile', 'fixed', 'broadband', 'circuit', 'iot'] as const;
export type LineType = (typeof lineTypes)[number];
export const suspensionKinds = ['arrears', 'request', 'loss', 'administrative'] as const;
export type SuspensionKind = (typeof suspensionKinds)[number];

export const customerSorts = ['customerNo', 'name', 'grade', 'activatedOn', 'arrears'] as const;
export type CustomerSortKey = (typeof customerSorts)[number];

export const jobStates = ['queued', 'running', 'completed', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SessionUser {
  id: number | string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitCode: string;
  orgUnitName: string;
  locale: AppLocale;
  permissions: string[];
}

export interface LoginReply {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface OrgUnit {
  id: number | string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentCode: string | null;
  path: string;
  active: boolean;
  sortOrder: number;
}

export interface User {
  id: number | string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitCode: string;
  orgUnitName: string;
  phone: string | null;
  email: string | null;
  active: boolean;
  locale: AppLocale;
  createdAt: string;
}

export interface Role {
  code: string;
  dataScope: DataScope;
  unmaskedFields: string[];
  unmaskableFields: string[];
  permissions: string[];
}

export interface ApiToken {
  id: number | string;
  name: string;
  role: string | null;
  orgUnitCode: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface AuditEvent {
  id: number | string;
  occurredAt: string;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface Job {
  id: number | string;
  name: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface Customer {
  id: number | string;
  customerNo: string;
  kind: CustomerKind;
  name: string;
  grade: Grade;
  star: number | null;
  phone: string | null;
  idNumber?: string | null;
  address?: string | null;
  activatedOn?: string | null;
  orgUnit: string;
  orgUnitName: string;
  accountManager: string | number | null;
  accountManagerName: string | null;
  archive?: Archive;
  retainedReason?: RetainedReason | null;
  retainedCompetitor?: string | null;
  retainedNote?: string | null;
  retainedAt?: string | null;
  birthday?: string | null;
  email?: string | null;
  employer?: string | null;
  title?: string | null;
  industry?: string | null;
  segment?: string;
  creditScore?: number | null;
  creditLimit?: string | null;
  pointsBalance?: number;
  phoneManagerName?: string | null;
  parentCustomerId?: number | null;
  parentCustomerName?: string | null;
  gradeValidTo?: string | null;
  /** Billed and not yet paid, yuan as text. */
  arrears?: string;
}

export interface ManagerRef {
  username: string;
  displayName: string;
  phone: string | null;
  orgUnit: string;
}

export interface CustomerLine {
  id: number;
  lineNo: string;
  type: LineType;
  package: string | null;
  brand: string | null;
  status: LineStatus;
  activatedOn: string | null;
  ownerName: string | null;
  holderName: string | null;
  aEnd: string | null;
  bEnd: string | null;
  bandwidth: string | null;
  slaTier: 'urgent' | 'expedited' | 'normal' | null;
}

export interface BillPoint {
  month: string;
  amount: string;
  paid: string;
}

export interface Suspension {
  id: number;
  lineId: number;
  lineNo: string;
  kind: SuspensionKind;
  suspendedAt: string;
  restoredAt: string | null;
  remindedAt: string | null;
  reminderChannel: string | null;
}

export interface CustomerContact {
  id: number;
  name: string;
  role: ContactRole;
  title: string | null;
  phone: string | null;
  email: string | null;
  influence: number | null;
  preferences: string | null;
  birthday: string | null;
  createdAt: string;
}

export interface CustomerEvent {
  id: number;
  occurredOn: string;
  kind: EventKind;
  title: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface CustomerCompetitor {
  id: number;
  competitor: string;
  products: string | null;
  contractEndOn: string | null;
  shareOfWallet: number | null;
  monthlySpend: string | null;
  note: string | null;
  updatedAt: string;
}

export interface MemberUnit {
  id: number;
  customerNo: string;
  name: string;
  kind: CustomerKind;
  grade: Grade;
  orgUnit: string;
  accountManager: string | null;
  archive: Archive;
}

export interface CustomerHistoryEntry {
  id: number;
  changedAt: string;
  actorName: string | null;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface CustomerDetail extends Customer {
  managers: { lead: ManagerRef | null; phoneManager: ManagerRef | null; assisting: (ManagerRef & { since: string | null })[] };
  lines: CustomerLine[];
  lineCount: number;
  bills: BillPoint[];
  arrearsSummary: { amount: string; unpaidBills: number; oldestMonth: string | null; oldestAgeMonths: number | null };
  suspensions: Suspension[];
  contacts: CustomerContact[];
  events: CustomerEvent[];
  competitors: CustomerCompetitor[];
  parentGroup: { id: number; customerNo: string; name: string } | null;
  memberUnits: MemberUnit[];
  openWorkOrders: unknown[];
  openComplaints: unknown[];
  history: CustomerHistoryEntry[];
}

export interface UnmaskReply {
  fields: Partial<Record<PiiField, string | null>>;
  /** With `phone`: full line numbers by line id. */
  lines?: Record<string, string>;
}

export interface AssignReply {
  accountManager: string;
  assigned: number;
  unchanged: number;
  overridden: boolean;
  customers: { id: number; customerNo: string; previousManager: string | null }[];
}

export interface ManagerLoad {
  username: string;
  displayName: string;
  orgUnit: string;
  orgUnitName: string;
  vip: number;
  guest: number;
  vipLimit: number;
  guestLimit: number;
}

/** A re-grade left the manager over a tier's limit; done once the load is back within it. */
export interface ReassignmentTask {
  id: number;
  runId: number;
  month: string;
  username: string;
  displayName: string;
  orgUnitName: string;
  tier: 'vip' | 'guest';
  load: number;
  loadLimit: number;
  currentLoad: number;
  currentLimit: number;
  createdAt: string;
}

export interface ManagerLoadReply {
  items: ManagerLoad[];
  limits: { vip: number; guest: number };
}

export interface SavedFilter {
  id: number;
  name: string;
  filters: Record<string, unknown>;
  shared: boolean;
  owner: string;
  ownerName: string;
  mine: boolean;
  createdAt: string;
}

export interface DashboardSummary {
  byGrade: Record<Grade, number>;
  total: number;
  byOrgUnit: { orgUnit: string; orgUnitName: string; total: number; vip: number; guest: number }[];
}

export interface Health {
  status: string;
  database: string;
  version: string;
}
