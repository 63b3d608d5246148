import type { BusinessCalendar } from '../calendar/business-calendar';
import { DAY_MINUTES, MINUTE_MS } from '../calendar/business-hours';
import { type SlaBudget, budgetDeadline, validateBudget } from '../sla/sla-clock';
import { complaintError } from './complaint-error';
import { type ComplaintLevel, TOP_COMPLAINT_LEVEL } from './complaint.machine';

/** The operator's final answer is due within 15 days of receipt [Reg]; configuration may only shorten it. */
export const HARD_FINAL_LIMIT_DAYS = 15;

/**
 * Complaint handling configuration (DOMAIN §4.2, §8 #6), stored as versioned data. Level limits are
 * SLA budgets on the business calendar; compensation limits are integer fen per level.
 */
export interface ComplaintRules {
  readonly version: string;
  readonly levelLimits: Readonly<Record<ComplaintLevel, SlaBudget>>;
  /** Calendar days from receipt to the final answer, at most HARD_FINAL_LIMIT_DAYS. */
  readonly finalLimitDays: number;
  /** Words that make a complaint hot (start at level 2): matched case-insensitively, English as whole words. */
  readonly hotKeywords: readonly string[];
  /** Same customer and category within this many days (business dates) is a repeat. */
  readonly repeatWindowDays: number;
  /** The largest symbolic compensation each level may approve. */
  readonly compensationLimitsFen: Readonly<Record<ComplaintLevel, number>>;
}

export const DEFAULT_COMPLAINT_RULES: ComplaintRules = {
  version: 'complaint-rules-2026.1',
  levelLimits: {
    1: { unit: 'clock_minutes', amount: 24 * 60 },
    2: { unit: 'clock_minutes', amount: 48 * 60 },
    3: { unit: 'working_days', amount: 5 },
  },
  finalLimitDays: HARD_FINAL_LIMIT_DAYS,
  hotKeywords: ['媒体', '记者', '曝光', '工信部', '通信管理局', '律师', '起诉', 'media', 'journalist', 'press', 'regulator', 'MIIT', 'lawyer', 'lawsuit'],
  repeatWindowDays: 30,
  compensationLimitsFen: { 1: 5_000, 2: 20_000, 3: 100_000 },
};

/** Checks a rule set someone wants to save; throws `complaint.invalid_rules` with the field path. */
export function validateComplaintRules(rules: ComplaintRules): void {
  for (const level of [1, 2, 3] as const) validateBudget(rules.levelLimits[level], `levelLimits.${level}`);
  if (!Number.isInteger(rules.finalLimitDays) || rules.finalLimitDays < 1 || rules.finalLimitDays > HARD_FINAL_LIMIT_DAYS) {
    throw complaintError(
      'complaint.invalid_rules',
      `The final answer is due within ${HARD_FINAL_LIMIT_DAYS} days by regulation; configure 1 to ${HARD_FINAL_LIMIT_DAYS}`,
      'finalLimitDays',
    );
  }
  if (!Number.isInteger(rules.repeatWindowDays) || rules.repeatWindowDays < 1 || rules.repeatWindowDays > 365) {
    throw complaintError('complaint.invalid_rules', 'The repeat window is 1 to 365 days', 'repeatWindowDays');
  }
  const limits = [1, 2, 3].map((level) => rules.compensationLimitsFen[level as ComplaintLevel]);
  limits.forEach((limit, i) => {
    if (!Number.isSafeInteger(limit) || limit < 0) throw complaintError('complaint.invalid_rules', 'A limit is a whole number of fen', `compensationLimitsFen.${i + 1}`);
    if (i > 0 && limit < limits[i - 1]!) {
      throw complaintError('complaint.invalid_rules', 'Approval limits rise by level', `compensationLimitsFen.${i + 1}`);
    }
  });
  rules.hotKeywords.forEach((word, i) => {
    if (word.trim() === '') throw complaintError('complaint.invalid_rules', 'A hot keyword is not empty', `hotKeywords.${i}`);
  });
}

/** When the final answer is due: receipt + the configured days, never later than the hard limit. */
export function finalDeadline(rules: ComplaintRules, receivedAt: Date): Date {
  const days = Math.min(rules.finalLimitDays, HARD_FINAL_LIMIT_DAYS);
  return new Date(receivedAt.getTime() + days * DAY_MINUTES * MINUTE_MS);
}

/** Deadline of the level entered at `levelStartedAt`: its budget on the calendar, capped by the final answer. */
export function levelDeadline(
  cal: BusinessCalendar,
  rules: ComplaintRules,
  level: ComplaintLevel,
  levelStartedAt: Date,
  receivedAt: Date,
): { deadline: Date; calendarComplete: boolean; cappedByFinal: boolean } {
  const own = budgetDeadline(cal, levelStartedAt, rules.levelLimits[level]);
  const final = finalDeadline(rules, receivedAt);
  const cappedByFinal = final.getTime() < own.deadline.getTime();
  return { deadline: cappedByFinal ? final : own.deadline, calendarComplete: own.calendarComplete, cappedByFinal };
}

export interface EscalationStep {
  readonly level: ComplaintLevel;
  /** The instant the previous level's limit ran out: the new level's clock starts there. */
  readonly at: Date;
  readonly deadline: Date;
}

/**
 * The escalations an open complaint is owed at `now`: one per level whose limit ran out, each new
 * level timed from the breach itself, so a late scan lands where a punctual one would have.
 */
export function escalationsDue(
  cal: BusinessCalendar,
  rules: ComplaintRules,
  complaint: { level: ComplaintLevel; levelDeadline: Date; receivedAt: Date },
  now: Date,
): EscalationStep[] {
  const steps: EscalationStep[] = [];
  let level = complaint.level;
  let deadline = complaint.levelDeadline;
  while (level < TOP_COMPLAINT_LEVEL && deadline.getTime() <= now.getTime()) {
    const next = (level + 1) as ComplaintLevel;
    const at = deadline;
    deadline = levelDeadline(cal, rules, next, at, complaint.receivedAt).deadline;
    steps.push({ level: next, at, deadline });
    level = next;
  }
  return steps;
}

/** The lowest level allowed to approve a compensation of `amountFen`, or undefined above every limit. */
export function approvalLevelFor(rules: ComplaintRules, amountFen: number): ComplaintLevel | undefined {
  return ([1, 2, 3] as const).find((level) => amountFen <= rules.compensationLimitsFen[level]);
}

export const COMPLAINT_BREACHES = ['top_level', 'final'] as const;
/** `top_level`: level 3's limit ran out (nothing above to escalate to); `final`: the final answer is late. */
export type ComplaintBreach = (typeof COMPLAINT_BREACHES)[number];

export interface BreachState {
  readonly level: ComplaintLevel;
  readonly levelDeadline: Date;
  readonly finalDeadline: Date;
  /** The level-3 deadline whose breach was already noticed, if any. */
  readonly topBreachNoticedFor: Date | null;
  readonly finalBreachNoticedAt: Date | null;
}

/**
 * The breaches an open complaint owes the province a notice for at `now`, each once: the top level's
 * limit (again after a reopen starts a new level-3 period) and the final answer. When the level-3
 * limit is the final answer itself (capped), the final notice says it all.
 */
export function breachesToNotice(complaint: BreachState, now: Date): { notify: ComplaintBreach[]; topLevel: boolean; final: boolean } {
  const topLevel =
    complaint.level === TOP_COMPLAINT_LEVEL &&
    complaint.levelDeadline.getTime() <= now.getTime() &&
    complaint.topBreachNoticedFor?.getTime() !== complaint.levelDeadline.getTime();
  const final = complaint.finalBreachNoticedAt === null && complaint.finalDeadline.getTime() <= now.getTime();
  const notify: ComplaintBreach[] = [];
  if (topLevel && !(final && complaint.levelDeadline.getTime() === complaint.finalDeadline.getTime())) notify.push('top_level');
  if (final) notify.push('final');
  return { notify, topLevel, final };
}
