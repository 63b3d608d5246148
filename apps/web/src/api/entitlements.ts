// A customer's credit profile and grade benefits (GET /customers/{id}/entitlements).
// Wire types mirror CustomerEntitlementsReply in packages/contracts/src/rules.ts; instants are ISO strings.
import { http } from './http-client';
import type { Grade } from './rules';

export const benefits = ['account_manager', 'vip_counter', 'vip_hotline', 'vip_club', 'free_sim_replacement', 'delayed_suspension', 'airport_lounge'] as const;
export type Benefit = (typeof benefits)[number];

export interface CustomerBenefit {
  id: number;
  benefit: Benefit;
  yearlyQuota: number | null;
  grade: Grade;
  grantedAt: string;
  revokedAt: string | null;
}

export interface CustomerEntitlements {
  grade: Grade;
  gradeValidFrom: string | null;
  gradeValidTo: string | null;
  credit: {
    score: number | null;
    limit: string | null;
    temporaryLimit: string | null;
    temporaryUntil: string | null;
    nonCreditControl: boolean;
    evaluatedOn: string | null;
    ruleSet: string | null;
  };
  benefits: CustomerBenefit[];
}

export const entitlementsApi = {
  get: (customerId: number | string) => http.get<CustomerEntitlements>(`/customers/${customerId}/entitlements`),
  /** `amount` in yuan as text; from today for `days` days, at most what the credit rules allow. */
  grantTemporaryCredit: (customerId: number | string, body: { amount: string; days: number; reason: string }) =>
    http.put<unknown>(`/customers/${customerId}/temporary-credit`, body),
  endTemporaryCredit: (customerId: number | string) => http.delete<unknown>(`/customers/${customerId}/temporary-credit`),
  setCreditControl: (customerId: number | string, body: { nonCreditControl: boolean; reason: string }) =>
    http.put<unknown>(`/customers/${customerId}/credit-control`, body),
};
