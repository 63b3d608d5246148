import type { BusinessCalendar } from '../calendar/business-calendar';
import { DAY_MINUTES } from '../calendar/business-hours';
import { budgetDeadline } from '../sla/sla-clock';

/** External appeal (申诉) to the provincial appeal body [Reg]: acceptance within 5 WD, handling within 30 days. */
export const APPEAL_ACCEPTANCE_WORKDAYS = 5;
export const APPEAL_HANDLING_DAYS = 30;

export interface AppealDeadlines {
  readonly acceptanceDue: Date;
  readonly handlingDue: Date;
  readonly calendarComplete: boolean;
}

export function appealDeadlines(cal: BusinessCalendar, receivedAt: Date): AppealDeadlines {
  const acceptance = budgetDeadline(cal, receivedAt, { unit: 'working_days', amount: APPEAL_ACCEPTANCE_WORKDAYS });
  const handling = budgetDeadline(cal, receivedAt, { unit: 'clock_minutes', amount: APPEAL_HANDLING_DAYS * DAY_MINUTES });
  return { acceptanceDue: acceptance.deadline, handlingDue: handling.deadline, calendarComplete: acceptance.calendarComplete };
}

/**
 * What the appeal body decided, as the operator records it: accepted (受理) or rejected (不予受理)
 * within the acceptance limit, then answered (办结) within the handling limit.
 */
export const APPEAL_STATUSES = ['received', 'accepted', 'rejected', 'answered'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

const APPEAL_NEXT: Readonly<Record<AppealStatus, readonly AppealStatus[]>> = {
  received: ['accepted', 'rejected'],
  accepted: ['answered'],
  rejected: [],
  answered: [],
};

export function allowedAppealTransitions(from: AppealStatus): readonly AppealStatus[] {
  return APPEAL_NEXT[from];
}
