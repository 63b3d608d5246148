import { DAY_MINUTES, MINUTE_MS } from '../calendar/business-hours';

/**
 * Why a revisit (回访) is owed, and within how many calendar days (DOMAIN §4.1, §5.3): 7 days after a
 * completed provisioning order, 3 after a closed fault; a resolved complaint is called back within
 * 3 days as well [Rec]. Campaigns will add their own trigger.
 */
export const REVISIT_TRIGGERS = ['provisioning', 'fault', 'complaint'] as const;
export type RevisitTrigger = (typeof REVISIT_TRIGGERS)[number];

export const REVISIT_DUE_DAYS: Readonly<Record<RevisitTrigger, number>> = { provisioning: 7, fault: 3, complaint: 3 };

/** Work-order types that provision something (a revisit within 7 days); `fault` is the 3-day one. */
export const PROVISIONING_ORDER_TYPES = ['install', 'move', 'change', 'restore', 'cross_region'] as const;

/** The revisit a completed work order owes, or undefined (queries, SIM swaps). */
export function revisitTriggerForOrder(type: string): RevisitTrigger | undefined {
  if (type === 'fault') return 'fault';
  return (PROVISIONING_ORDER_TYPES as readonly string[]).includes(type) ? 'provisioning' : undefined;
}

export function revisitDueAt(trigger: RevisitTrigger, closedAt: Date): Date {
  return new Date(closedAt.getTime() + REVISIT_DUE_DAYS[trigger] * DAY_MINUTES * MINUTE_MS);
}

export const REVISIT_STATUSES = ['pending', 'done', 'unreachable'] as const;
export type RevisitStatus = (typeof REVISIT_STATUSES)[number];

export const REVISIT_OUTCOMES = ['satisfied', 'unsatisfied'] as const;
export type RevisitOutcome = (typeof REVISIT_OUTCOMES)[number];

/** Calls that did not reach the customer before the task is given up as unreachable. */
export const REVISIT_MAX_ATTEMPTS = 3;

export type RevisitAttempt = { readonly reached: false } | { readonly reached: true; readonly outcome: RevisitOutcome };

/** The task's status after one more call. */
export function revisitStatusAfter(attempt: RevisitAttempt, attemptsSoFar: number): { status: RevisitStatus; attempts: number } {
  const attempts = attemptsSoFar + 1;
  if (attempt.reached) return { status: 'done', attempts };
  return { status: attempts >= REVISIT_MAX_ATTEMPTS ? 'unreachable' : 'pending', attempts };
}
