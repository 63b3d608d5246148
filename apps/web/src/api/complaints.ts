// Complaints, revisits and their measures. Wire types mirror packages/contracts/src/complaints.ts.
import { http, type QueryParams } from './http-client';
import type { grades, Page } from './types';

export const complaintStatuses = ['received', 'assigned', 'processing', 'escalated', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const complaintChannels = ['hotline', 'business_hall', 'online', 'account_manager', 'letter', 'regulator_appeal'] as const;
export const complaintCategories = [
  'network_quality',
  'billing',
  'service_attitude',
  'provisioning',
  'fault_repair',
  'marketing',
  'information_security',
  'other',
] as const;
export const complaintSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const rootCauses = ['value', 'system', 'people'] as const;
export type RootCause = (typeof rootCauses)[number];

export interface ComplaintSummary {
  id: number;
  complaintNo: string;
  customerNo: string;
  customerName: string;
  channel: (typeof complaintChannels)[number];
  category: (typeof complaintCategories)[number];
  severity: (typeof complaintSeverities)[number];
  description: string;
  status: ComplaintStatus;
  level: 1 | 2 | 3;
  repeat: boolean;
  hot: boolean;
  hotKeywords: string[];
  assignee: string | null;
  assigneeName: string | null;
  reopenCount: number;
  receivedAt: string;
  levelDeadline: string;
  finalDeadline: string;
  overdue: boolean;
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface ComplaintEvent {
  occurredAt: string;
  fromStatus: string | null;
  toStatus: string;
  fromLevel: number | null;
  toLevel: number;
  automatic: boolean;
  onTime: boolean | null;
  note: string | null;
  actor: string | null;
}

export interface ComplaintDetail extends ComplaintSummary {
  resolution: string | null;
  rootCause: RootCause | null;
  rootCauseDetail: string | null;
  customerConfirmed: boolean | null;
  noConfirmationReason: string | null;
  firstContactResolved: boolean | null;
  allowedTransitions: ComplaintStatus[];
  events: ComplaintEvent[];
  workOrders: { id: number; orderNo: string; type: string; status: string }[];
  appeals: Appeal[];
  compensations: CompensationOffer[];
}

export const appealStatuses = ['received', 'accepted', 'rejected', 'answered'] as const;
export type AppealStatus = (typeof appealStatuses)[number];
export interface Appeal {
  id: number;
  reference: string;
  authority: string;
  receivedAt: string;
  acceptanceDue: string;
  handlingDue: string;
  status: AppealStatus;
  /** When the appeal body accepted or rejected it, and when it was answered. */
  acceptedAt: string | null;
  answeredAt: string | null;
  allowedTransitions: AppealStatus[];
}

export const compensationKinds = ['credit', 'points', 'gift'] as const;
export type CompensationKind = (typeof compensationKinds)[number];
export interface CompensationOffer {
  id: number;
  kind: CompensationKind;
  /** Yuan with two decimals. */
  amount: string;
  requiredLevel: number;
  status: 'proposed' | 'approved' | 'rejected';
  note: string | null;
  proposedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface AppealInput {
  reference: string;
  authority: string;
  receivedAt?: string;
}

export interface CompensationOfferInput {
  kind: CompensationKind;
  amount: string;
  note?: string;
}

export interface ComplaintRules {
  version: string;
  compensationLimitsFen: Record<'1' | '2' | '3', number>;
}

export interface ComplaintCreateInput {
  customerNo: string;
  channel: string;
  category: string;
  severity: string;
  description: string;
  receivedAt?: string;
}

export interface ComplaintTransitionInput {
  to: ComplaintStatus;
  note?: string;
  resolution?: string;
  rootCause?: RootCause;
  rootCauseDetail?: string;
  customerConfirmed?: boolean;
  noConfirmationReason?: string;
}

export const revisitStatuses = ['pending', 'done', 'unreachable'] as const;
export const revisitChannels = ['revisit_desk', 'outbound_queue'] as const;
export type RevisitChannel = (typeof revisitChannels)[number];
export interface Revisit {
  id: number;
  trigger: 'provisioning' | 'fault' | 'complaint';
  workOrderId: number | null;
  workOrderNo: string | null;
  complaintId: number | null;
  complaintNo: string | null;
  customerNo: string;
  customerName: string;
  channel: RevisitChannel;
  owner: string | null;
  dueAt: string;
  overdue: boolean;
  status: (typeof revisitStatuses)[number];
  attempts: number;
  outcome: 'satisfied' | 'unsatisfied' | null;
  satisfaction: number | null;
  problems: string | null;
}

export const revisitTriggers = ['provisioning', 'fault', 'complaint'] as const;

/** Where new revisit tasks go: the first rule whose lists contain the task's trigger and grade (empty = any). */
export interface RevisitRouting {
  version: string;
  rules: { triggers: (typeof revisitTriggers)[number][]; grades: (typeof grades)[number][]; channel: RevisitChannel }[];
  defaultChannel: RevisitChannel;
}

export interface RevisitCallInput {
  reached: boolean;
  outcome?: 'satisfied' | 'unsatisfied';
  satisfaction?: number;
  problems?: string;
}

export interface ComplaintMeasures {
  month: string;
  total: number;
  repeat: number;
  hot: number;
  escalated: number;
  reopened: number;
  resolved: number;
  firstContactResolved: number;
  closed: number;
  lines: number;
  perTenThousandLines: number | null;
  onTimeByLevel: { level: number; exits: number; onTime: number }[];
  byRootCause: { rootCause: string; count: number }[];
  byCategory: { category: string; count: number }[];
  revisits: { due: number; done: number; unreachable: number; satisfied: number; onTime: number };
}

export interface PublicQuestionnaire {
  code: string;
  version: number;
  title: { zh: string; en: string };
  questions: { code: string; text: { zh: string; en: string }; scale: { min: number; max: number } }[];
}

export const publicSurveyApi = {
  get: (token: string, signal?: AbortSignal) => http.get<PublicQuestionnaire>(`/public/surveys/${encodeURIComponent(token)}`, undefined, signal),
  answer: (token: string, answers: Record<string, number>) => http.post<{ index: number }>(`/public/surveys/${encodeURIComponent(token)}`, { answers }),
};

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (query?: QueryParams) => ['complaints', 'list', query ?? {}] as const,
  detail: (id: number) => ['complaints', 'detail', id] as const,
  revisits: (query?: QueryParams) => ['complaints', 'revisits', query ?? {}] as const,
  measures: (month: string) => ['complaints', 'measures', month] as const,
  rules: ['complaints', 'rules'] as const,
  routing: ['complaints', 'revisit-routing'] as const,
};

export const complaintsApi = {
  list: (query: QueryParams, signal?: AbortSignal) => http.get<Page<ComplaintSummary>>('/complaints', query, signal),
  get: (id: number, signal?: AbortSignal) => http.get<ComplaintDetail>(`/complaints/${id}`, undefined, signal),
  create: (body: ComplaintCreateInput) => http.post<ComplaintDetail>('/complaints', body),
  transition: (id: number, body: ComplaintTransitionInput) => http.post<ComplaintDetail>(`/complaints/${id}/transitions`, body),
  revisits: (query: QueryParams, signal?: AbortSignal) => http.get<Page<Revisit>>('/revisits', query, signal),
  callRevisit: (id: number, body: RevisitCallInput) => http.post<Revisit>(`/revisits/${id}/calls`, body),
  measures: (month: string, signal?: AbortSignal) => http.get<ComplaintMeasures>('/complaint-measures', { month }, signal),
  rules: (signal?: AbortSignal) => http.get<ComplaintRules>('/complaint-rules', undefined, signal),
  addAppeal: (id: number, body: AppealInput) => http.post<ComplaintDetail>(`/complaints/${id}/appeals`, body),
  moveAppeal: (id: number, appealId: number, to: Exclude<AppealStatus, 'received'>) =>
    http.post<ComplaintDetail>(`/complaints/${id}/appeals/${appealId}/transitions`, { to }),
  offerCompensation: (id: number, body: CompensationOfferInput) => http.post<ComplaintDetail>(`/complaints/${id}/compensations`, body),
  routing: (signal?: AbortSignal) => http.get<RevisitRouting>('/revisit-routing', undefined, signal),
  saveRouting: (routing: RevisitRouting) => http.put<RevisitRouting>('/revisit-routing', routing),
  decideCompensation: (id: number, offerId: number, to: 'approved' | 'rejected') =>
    http.post<ComplaintDetail>(`/complaints/${id}/compensations/${offerId}/transitions`, { to }),
};
