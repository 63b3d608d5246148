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
