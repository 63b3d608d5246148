// Work orders, SLA quotes, the service catalogue, the business calendar and the public status page.
// Wire types mirror packages/contracts (work-orders.ts, sla.ts, calendar.ts); instants are ISO strings.
import { parseErrorBody } from './api-error';
import { buildApiUrl, http, type QueryParams } from './http-client';
import type { Page } from './types';

export const workOrderStatuses = [
  'received',
  'appointed',
  'dispatched',
  'in_progress',
  'completed',
  'delivered',
  'revisit_pending',
  'archived',
  'on_hold',
  'reopened',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];

export const workOrderTypes = ['install', 'move', 'change', 'restore', 'fault', 'sim_replacement', 'query', 'cross_region'] as const;
export type WorkOrderType = (typeof workOrderTypes)[number];

export const workOrderChannels = ['hotline', 'business_hall', 'online', 'account_manager', 'partner', 'tmf'] as const;
export type WorkOrderChannel = (typeof workOrderChannels)[number];

export const workOrderPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type WorkOrderPriority = (typeof workOrderPriorities)[number];

export const slaStates = ['on_track', 'warning_50', 'warning_80', 'breached'] as const;
export type SlaState = (typeof slaStates)[number];

export const slaTiers = ['urgent', 'expedited', 'normal'] as const;
export type SlaTier = (typeof slaTiers)[number];

export const slaServices = ['digital_circuit', 'ddn', 'fr_atm'] as const;
export type SlaService = (typeof slaServices)[number];

export const slaTargetKinds = ['resolution', 'delivery', 'revisit'] as const;
export type SlaTargetKind = (typeof slaTargetKinds)[number];

export const clockStatuses = ['not_started', 'running', 'paused', 'stopped'] as const;
export type ClockStatus = (typeof clockStatuses)[number];

export const compensationStatuses = ['drafted', 'agreed', 'settled'] as const;
export type CompensationStatus = (typeof compensationStatuses)[number];

/** Customer-caused hold reasons offered in the UI; the server accepts any lower-case code. */
export const holdReasons = ['customer_absent', 'site_not_ready', 'customer_request', 'awaiting_materials'] as const;

export interface SlaRemaining {
  workdays?: number;
  minutes?: number;
}

export interface WorkOrderSlaBadge {
  target: SlaTargetKind;
  state: SlaState;
  clockStatus: ClockStatus;
  deadline: string | null;
  deadlineProjected: boolean;
  remaining: SlaRemaining;
}

export interface WorkOrderPerson {
  username: string;
  displayName: string;
}

export interface WorkOrderSummary {
  id: number;
  orderNo: string;
  trackingCode: string;
  type: WorkOrderType;
  channel: WorkOrderChannel;
  priority: WorkOrderPriority;
  status: WorkOrderStatus;
  title: string;
  customer: { id: number; customerNo: string; name: string; orgUnit: string };
  serviceItem: string | null;
  star: number | null;
  slaService: SlaService | null;
  slaTier: SlaTier | null;
  assignee: WorkOrderPerson | null;
  dispatchOrgUnit: string | null;
  acceptedAt: string;
  completedAt: string | null;
  sla: WorkOrderSlaBadge | null;
}

export interface WorkOrderSlaTarget {
  id: number;
  target: SlaTargetKind;
  cycle: number;
  budget: { unit: 'working_days' | 'clock_minutes' | 'business_minutes'; amount: number };
  source: string;
  ruleVersion: string | null;
  clockStatus: ClockStatus;
  state: SlaState;
  deadline: string | null;
  deadlineProjected: boolean;
  elapsedMinutes: number;
  pausedMinutes: number;
  overdueMinutes: number;
  remaining: SlaRemaining;
  warned50At: string | null;
  warned80At: string | null;
  breachedAt: string | null;
  calendarComplete: boolean;
}

export interface WorkOrderTimelineEntry {
  id: number;
  at: string;
  kind: 'status' | 'clock';
  fromStatus: string | null;
  toStatus: string | null;
  target: SlaTargetKind | null;
  clock: 'start' | 'pause' | 'resume' | 'stop' | null;
  reason: string | null;
  note: string | null;
  actor: string | null;
}

export interface Compensation {
  id: number;
  workOrderId: number;
  orderNo: string;
  customerNo: string;
  slaService: string | null;
  slaTier: string | null;
  amount: string;
  amountFen: number;
  base: string;
  cap: string;
  rateBpPerWorkday: number;
  overdueWorkdays: number;
  ruleVersion: string;
  final: boolean;
  status: CompensationStatus;
  allowedTransitions: ('agreed' | 'settled')[];
  notes: { at: string; status: string; note: string | null; actor: string | null }[];
  createdAt: string;
  updatedAt: string;
  agreedAt: string | null;
  agreedBy: string | null;
  settledAt: string | null;
  settledBy: string | null;
}

export interface WorkOrderDetail extends WorkOrderSummary {
  lineId: number | null;
  lineNo: string | null;
  description: string | null;
  circuitScope: string | null;
  standardFee: string | null;
  chargedFee: string | null;
  contractLimitWorkdays: number | null;
  deliveryPack: boolean;
  appointment: { start: string; end: string } | null;
  heldFrom: WorkOrderStatus | null;
  cycle: number;
  ruleVersions: { catalogue: string | null; sla: string | null; calendar: string };
  deliveredAt: string | null;
  archivedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  allowedTransitions: WorkOrderStatus[];
  targets: WorkOrderSlaTarget[];
  timeline: WorkOrderTimelineEntry[];
  compensation: Compensation | null;
}

export interface WorkOrderBoard {
  byStatus: Record<WorkOrderStatus, number>;
  bySlaState: Record<SlaState, number>;
  total: number;
}

export interface WorkOrderCreateBody {
  customerId: number;
  type: WorkOrderType;
  channel: WorkOrderChannel;
  priority?: WorkOrderPriority;
  serviceItem?: string;
  slaService?: SlaService;
  slaTier?: SlaTier;
  standardFee?: string;
  appointment?: { start: string; end: string };
  deliveryPack?: boolean;
  title: string;
  description?: string;
}

export interface WorkOrderTransitionBody {
  to: WorkOrderStatus;
  note?: string;
  reason?: string;
}

export interface LocalizedLabel {
  zh: string;
  en: string;
}

export interface ServiceCatalogueItem {
  code: string;
  name: LocalizedLabel;
}

export interface ServiceCatalogue {
  version: string;
  effectiveFrom: string;
  items: ServiceCatalogueItem[];
}

export interface SlaCompareBody {
  service: SlaService;
  standardOneTimeFee: string;
  acceptedOn: string;
  completedOn?: string;
}

export interface SlaCompareTier {
  tier: SlaTier;
  label: LocalizedLabel;
  limitWorkdays: number;
  deadline: string;
  pricePercent: string;
  chargedOneTimeFee: string;
  compensationPerOverdueWorkday: string;
  compensationCap: string;
  overdueWorkdays: number;
  compensation: string;
  calendarComplete: boolean;
}

export interface SlaCompareReply {
  service: SlaService;
  standardOneTimeFee: string;
  acceptedOn: string;
  completedOn: string | null;
  calendar: string;
  ruleVersion: string;
  compensationBase: string;
  calendarComplete: boolean;
  tiers: SlaCompareTier[];
}

export const dayKinds = ['workday', 'weekend', 'holiday', 'makeup_workday'] as const;
export type DayKind = (typeof dayKinds)[number];
export const overrideKinds = ['holiday', 'makeup_workday', 'regular'] as const;
export type OverrideKind = (typeof overrideKinds)[number];

export interface CalendarMonthDay {
  date: string;
  weekday: number;
  workday: boolean;
  kind: DayKind;
  name?: string;
  source: 'weekly' | 'builtin' | 'admin' | 'ics';
  overrideCalendar: string | null;
}

export interface CalendarMonth {
  calendar: string;
  month: string;
  version: number;
  calendarComplete: boolean;
  workdayCount: number;
  days: CalendarMonthDay[];
}

export interface IcsImportReply {
  calendar: string;
  dryRun: boolean;
  years: number[];
  overrides: { date: string; kind: OverrideKind; name: string; change: 'add' | 'change' | 'same'; current: { kind: DayKind; name?: string } }[];
  issues: { row: number; path: string; code: string; message: string }[];
  counts: { add: number; change: number; same: number; removed: number };
  published: number[];
  version: number;
}

export interface PublicWorkOrderStatus {
  trackingCode: string;
  type: WorkOrderType;
  typeLabel: LocalizedLabel;
  status: WorkOrderStatus;
  statusLabel: LocalizedLabel;
  service: LocalizedLabel | null;
  acceptedAt: string;
  appointment: { start: string; end: string } | null;
  expectedCompletion: string | null;
  completedAt: string | null;
  timeline: { status: WorkOrderStatus; statusLabel: LocalizedLabel; at: string }[];
}

const id = (value: string | number) => encodeURIComponent(String(value));

// Requests the shared client does not cover: PUT, and a text/calendar body.
async function send<T>(method: 'PUT' | 'POST', path: string, body: string, contentType: string, query?: QueryParams): Promise<T> {
  const response = await fetch(buildApiUrl(path, query), {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': contentType },
    body,
  });
  const text = response.status === 204 ? '' : await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) throw parseErrorBody(response.status, parsed, response.headers.get('retry-after'));
  return parsed as T;
}

export const workOrdersApi = {
  list: (query: QueryParams, signal?: AbortSignal) => http.get<Page<WorkOrderSummary>>('/work-orders', query, signal),
  board: (query: QueryParams, signal?: AbortSignal) => http.get<WorkOrderBoard>('/work-orders/board', query, signal),
  get: (workOrderId: string | number, signal?: AbortSignal) => http.get<WorkOrderDetail>(`/work-orders/${id(workOrderId)}`, undefined, signal),
  create: (body: WorkOrderCreateBody) => http.post<WorkOrderDetail>('/work-orders', body),
  transition: (workOrderId: string | number, body: WorkOrderTransitionBody) => http.post<WorkOrderDetail>(`/work-orders/${id(workOrderId)}/transitions`, body),
};

export const compensationsApi = {
  list: (query: QueryParams, signal?: AbortSignal) => http.get<Page<Compensation>>('/compensations', query, signal),
  transition: (compensationId: number, body: { to: 'agreed' | 'settled'; note?: string }) =>
    http.post<Compensation>(`/compensations/${id(compensationId)}/transitions`, body),
};

export const slaApi = {
  compare: (body: SlaCompareBody) => http.post<SlaCompareReply>('/sla/quote/compare', body),
};

export const serviceCatalogueApi = {
  current: (signal?: AbortSignal) => http.get<ServiceCatalogue>('/service-catalogue', undefined, signal),
};

export const calendarApi = {
  month: (month: string, calendar: string, signal?: AbortSignal) => http.get<CalendarMonth>(`/calendar/months/${id(month)}`, { calendar }, signal),
  setDay: (calendar: string, date: string, body: { kind: OverrideKind; name?: string }) =>
    send<unknown>('PUT', `/calendars/${id(calendar)}/days/${id(date)}`, JSON.stringify(body), 'application/json'),
  importIcs: (calendar: string, ics: string, options: { dryRun: boolean; publish?: boolean }) =>
    send<IcsImportReply>('POST', `/calendars/${id(calendar)}/ics`, ics, 'text/calendar', { dryRun: options.dryRun, publish: options.publish ?? false }),
};

export const publicStatusApi = {
  get: (trackingCode: string, phoneLast4: string, signal?: AbortSignal) =>
    http.get<PublicWorkOrderStatus>(`/public/work-orders/${id(trackingCode)}`, { phoneLast4 }, signal),
};

export const workOrderKeys = {
  list: (query?: QueryParams) => (query ? (['work-orders', 'list', query] as const) : (['work-orders'] as const)),
  board: (query: QueryParams) => ['work-orders', 'board', query] as const,
  detail: (workOrderId: string) => ['work-orders', 'detail', workOrderId] as const,
  compensations: (query?: QueryParams) => (query ? (['compensations', query] as const) : (['compensations'] as const)),
  catalogue: ['service-catalogue'] as const,
  calendarMonth: (calendar: string, month: string) => ['calendar', calendar, month] as const,
};
