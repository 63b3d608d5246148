// Service rules: rule sets, their simulation, re-grade runs and their review, the points ledger.
// Wire types mirror packages/contracts/src/rules.ts; instants are ISO strings.
import { http } from './http-client';
import type { Page } from './types';

export const ruleKinds = ['grading', 'star', 'credit', 'points', 'potential', 'load_limits'] as const;
export type RuleKind = (typeof ruleKinds)[number];
export type RuleSetStatus = 'draft' | 'active' | 'retired';
export const grades = ['diamond', 'gold', 'silver', 'guest', 'none'] as const;
export type Grade = (typeof grades)[number];
/** The kinds a simulation can run for: the ones that move customers between levels. */
export const simulatedKinds: readonly RuleKind[] = ['grading', 'star'];
export const movements = ['up', 'down', 'new', 'removed', 'unchanged'] as const;
export type Movement = (typeof movements)[number];
export type MovementSummary = Record<Movement, number>;

export interface RuleSet {
  id: number;
  kind: RuleKind;
  orgCode: string;
  orgPath: string;
  version: number;
  label: string;
  name: string;
  status: RuleSetStatus;
  effectiveFrom: string;
  body: unknown;
  author: string;
  reason: string;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  activatedBy: string | null;
}

export interface RegradeSample {
  customerId: number;
  customerNo: string;
  name: string;
  orgUnit: string;
  movement: Movement;
  fromGrade: Grade;
  toGrade: Grade;
  fromStar: number | null;
  toStar: number | null;
  reason: string;
  measure: number;
  tenureMonths: number;
}

export interface Simulation {
  ruleSet: { id: number; label: string };
  comparedWith: string | null;
  month: string;
  summary: MovementSummary;
  byOrgUnit: { orgUnitCode: string; orgUnitName: string; summary: MovementSummary }[];
  grades: { fromGrade: Grade; toGrade: Grade; count: number }[];
  samples: RegradeSample[];
}

export interface RegradeRun {
  id: number;
  month: string;
  scope: 'full' | 'newly_eligible';
  status: 'proposed' | 'applied' | 'discarded';
  summary: MovementSummary;
  createdBy: string;
  createdAt: string;
  appliedBy: string | null;
}

export interface RegradeItem extends RegradeSample {
  decision: 'apply' | 'keep';
  decisionReason: string | null;
  decidedBy: string | null;
}

export interface PointsEntry {
  id: number;
  kind: 'accrual' | 'redemption' | 'expiry' | 'adjustment';
  points: number;
  month: string | null;
  expiresOn: string | null;
  ruleSet: string | null;
  status: 'counted' | 'pending' | 'rejected';
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

export interface PendingAdjustment {
  id: number;
  customerId: number;
  customerNo: string;
  name: string;
  orgUnit: string;
  points: number;
  reason: string;
  createdBy: string;
  createdAt: string;
}

export interface RuleSetDraft {
  kind: RuleKind;
  orgUnit: string;
  name: string;
  effectiveFrom: string;
  body: unknown;
  reason: string;
}

export const rulesApi = {
  list: () => http.get<{ items: RuleSet[] }>('/rule-sets'),
  get: (id: number) => http.get<RuleSet>(`/rule-sets/${id}`),
  create: (draft: RuleSetDraft) => http.post<RuleSet>('/rule-sets', draft),
  update: (id: number, patch: { name?: string; effectiveFrom?: string; body?: unknown; reason: string }) => http.patch<RuleSet>(`/rule-sets/${id}`, patch),
  activate: (id: number, reason: string) => http.post<RuleSet>(`/rule-sets/${id}/transitions`, { event: 'activate', reason }),
  simulate: (id: number, month: string) => http.post<Simulation>(`/rule-sets/${id}/simulate`, { month }),
  runs: () => http.get<{ items: RegradeRun[] }>('/regrade-runs'),
  startRun: (month: string) => http.post<RegradeRun>('/regrade-runs', { month, scope: 'full' }),
  items: (runId: number, page: number, pageSize: number) => http.get<Page<RegradeItem>>(`/regrade-runs/${runId}/items`, { page, pageSize }),
  decide: (runId: number, customerId: number, decision: 'apply' | 'keep', reason?: string) =>
    http.post<void>(`/regrade-runs/${runId}/items/${customerId}/decision`, { decision, ...(reason ? { reason } : {}) }),
  transition: (runId: number, event: 'apply' | 'discard') =>
    http.post<{ run: RegradeRun; smsQueued: number; reassignmentTasks: number; creditProfiles: number; benefitsGranted: number; benefitsRevoked: number }>(
      `/regrade-runs/${runId}/transitions`,
      { event },
    ),
  points: (customerId: number | string) => http.get<{ balance: number; entries: PointsEntry[] }>(`/customers/${customerId}/points`),
  redeemPoints: (customerId: number | string, points: number, reason: string) =>
    http.post<PointsEntry>(`/customers/${customerId}/points/redemptions`, { points, reason }),
  /** Counts only once someone other than its author approves it. */
  requestPointsAdjustment: (customerId: number | string, points: number, reason: string) =>
    http.post<PointsEntry>(`/customers/${customerId}/points/adjustments`, { points, reason }),
  pendingAdjustments: () => http.get<{ items: PendingAdjustment[] }>('/points-adjustments'),
  decidePointsAdjustment: (entryId: number, event: 'approve' | 'reject') => http.post<void>(`/points-adjustments/${entryId}/transitions`, { event }),
};

export interface PotentialAccount {
  customerId: number;
  customerNo: string;
  name: string;
  orgUnit: string;
  reason: 'spend' | 'group_key_person' | 'competitor_spend';
  month: string;
  status: 'qualified' | 'confirmed' | 'approved' | 'rejected';
  confirmedBy: string | null;
  approvedBy: string | null;
}

export const potentialApi = {
  list: () => http.get<{ items: PotentialAccount[] }>('/potential-accounts'),
  transition: (customerId: number, event: 'confirm' | 'approve' | 'reject') => http.post<void>(`/potential-accounts/${customerId}/transitions`, { event }),
};
