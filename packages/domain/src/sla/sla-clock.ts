import { type BusinessCalendar, type CompletenessTracker, MAX_WORKDAYS } from '../calendar/business-calendar';
import { DAY_MINUTES, DAY_MS, MAX_MINUTES, MINUTE_MS, type TimeMeasure, advanceMs, checkInstant, measureMs } from '../calendar/business-hours';
import { assertNever } from '../errors';
import { slaError } from './sla-error';

/**
 * - `working_days`: "within N WD" limits. The acceptance date itself does not count (as in
 *   `addWorkdays`), and the budget ends at midnight closing the N-th working day.
 * - `clock_minutes`: wall-clock limits such as "≤ 4 h" in the star table (the default for hours).
 * - `business_minutes`: minutes inside the calendar's working hours, where a rule says so.
 */
export const SLA_BUDGET_UNITS = ['working_days', 'clock_minutes', 'business_minutes'] as const;
export type SlaBudgetUnit = (typeof SLA_BUDGET_UNITS)[number];

export interface SlaBudget {
  readonly unit: SlaBudgetUnit;
  /** Working days for `working_days`, minutes otherwise. */
  readonly amount: number;
}

export const SLA_STATES = ['on_track', 'warning_50', 'warning_80', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Fractions of the budget at which warnings are raised. */
export const SLA_WARNING_FRACTIONS = { warning_50: 0.5, warning_80: 0.8 } as const;

export const SLA_CLOCK_STATUSES = ['not_started', 'running', 'paused', 'stopped'] as const;
export type SlaClockStatus = (typeof SLA_CLOCK_STATUSES)[number];

/**
 * Append-only clock history, normally rebuilt from the work order's status history. Pause reasons
 * are free codes (tenant configuration); the clock only needs to know that time is on hold.
 * `policy_change` swaps the budget (re-graded customer, changed tier) and applies from the start.
 */
export type SlaClockEvent =
  | { readonly type: 'start'; readonly at: Date }
  | { readonly type: 'pause'; readonly at: Date; readonly reason: string }
  | { readonly type: 'resume'; readonly at: Date }
  | { readonly type: 'stop'; readonly at: Date }
  | { readonly type: 'policy_change'; readonly at: Date; readonly budget: SlaBudget; readonly ruleVersion?: string };

export interface SlaClockInput {
  readonly events: readonly SlaClockEvent[];
  readonly budget: SlaBudget;
  readonly ruleVersion?: string;
  /** Evaluation instant. Events after it are ignored, so "as of month end" reports work too. */
  readonly now: Date;
}

export interface SlaClockEvaluation {
  readonly status: SlaClockStatus;
  readonly state: SlaState;
  readonly budget: SlaBudget;
  readonly ruleVersion: string | null;
  /**
   * Minutes of the budget's measure. For working-day budgets a working day is 1,440 minutes, so
   * elapsedMinutes / 1440 is the number of working days used.
   */
  readonly budgetMinutes: number;
  readonly elapsedMinutes: number;
  readonly pausedMinutes: number;
  readonly overdueMinutes: number;
  readonly pausedMinutesByReason: Readonly<Record<string, number>>;
  readonly fractionUsed: number;
  /** When the budget runs out; null before the clock starts. */
  readonly deadline: Date | null;
  /** True while paused: the deadline assumes the clock resumes now and moves later each minute on hold. */
  readonly deadlineProjected: boolean;
  readonly warning50At: Date | null;
  readonly warning80At: Date | null;
  /** Next threshold after `now` for the breach scanner's index; null unless running. */
  readonly nextDueAt: Date | null;
  readonly calendarComplete: boolean;
}

export function measureOfBudget(unit: SlaBudgetUnit): TimeMeasure {
  switch (unit) {
    case 'working_days':
      return 'working_days';
    case 'clock_minutes':
      return 'clock';
    case 'business_minutes':
      return 'business_hours';
    default:
      return assertNever(unit, 'budget unit');
  }
}

export function validateBudget(budget: SlaBudget, path = 'budget'): void {
  if (typeof budget !== 'object' || budget === null || !(SLA_BUDGET_UNITS as readonly string[]).includes(budget.unit)) {
    throw slaError('sla.invalid_budget', `Unknown budget unit`, `${path}.unit`);
  }
  const max = budget.unit === 'working_days' ? MAX_WORKDAYS : MAX_MINUTES;
  if (!Number.isInteger(budget.amount) || budget.amount < 1 || budget.amount > max) {
    throw slaError('sla.invalid_budget', `Budget must be an integer from 1 to ${max}, got ${budget.amount}`, `${path}.amount`);
  }
}

/** Budget expressed in minutes of its measure. */
export function budgetMinutes(budget: SlaBudget): number {
  validateBudget(budget);
  return budget.unit === 'working_days' ? budget.amount * DAY_MINUTES : budget.amount;
}

/** The deadline of an uninterrupted clock started at `start`. */
export function budgetDeadline(cal: BusinessCalendar, start: Date, budget: SlaBudget): { deadline: Date; calendarComplete: boolean } {
  const evaluation = evaluateSlaClock(cal, { events: [{ type: 'start', at: start }], budget, now: start });
  return { deadline: evaluation.deadline ?? start, calendarComplete: evaluation.calendarComplete };
}

interface Segment {
  readonly from: number;
  readonly to: number;
}

interface PausedSegment extends Segment {
  readonly reason: string;
}

interface Replay {
  status: SlaClockStatus;
  startMs: number;
  stopMs: number;
  budget: SlaBudget;
  ruleVersion: string | undefined;
  running: Segment[];
  paused: PausedSegment[];
}

function illegalEvent(type: SlaClockEvent['type'], what: string, path: string) {
  return slaError('sla.invalid_clock_events', `${type} is not allowed ${what}`, path);
}

function replay(input: SlaClockInput, nowMs: number): Replay {
  validateBudget(input.budget);
  const state: Replay = {
    status: 'not_started',
    startMs: NaN,
    stopMs: NaN,
    budget: input.budget,
    ruleVersion: input.ruleVersion,
    running: [],
    paused: [],
  };
  let openedAt = NaN;
  let pauseReason = '';
  let previousMs = -Infinity;

  input.events.forEach((event, i) => {
    const path = `events[${i}]`;
    const at = checkInstant(event.at, `${path}.at`);
    if (at < previousMs) throw slaError('sla.invalid_clock_events', 'Events must be in time order', `${path}.at`);
    previousMs = at;
    // Validate the whole history, but only replay what had happened by `now`.
    const applies = at <= nowMs;
    const type = event.type;
    switch (type) {
      case 'start':
        if (state.status !== 'not_started') throw illegalEvent(type, 'after the clock started', path);
        if (!applies) return;
        state.status = 'running';
        state.startMs = at;
        openedAt = at;
        return;
      case 'pause':
        if (typeof event.reason !== 'string' || event.reason.trim() === '') {
          throw slaError('sla.invalid_clock_events', 'A pause needs a reason', `${path}.reason`);
        }
        if (!applies) return;
        if (state.status !== 'running') throw illegalEvent(type, `while ${state.status}`, path);
        state.running.push({ from: openedAt, to: at });
        state.status = 'paused';
        openedAt = at;
        pauseReason = event.reason;
        return;
      case 'resume':
        if (!applies) return;
        if (state.status !== 'paused') throw illegalEvent(type, `while ${state.status}`, path);
        state.paused.push({ from: openedAt, to: at, reason: pauseReason });
        state.status = 'running';
        openedAt = at;
        return;
      case 'stop':
        if (!applies) return;
        if (state.status === 'running') state.running.push({ from: openedAt, to: at });
        else if (state.status === 'paused') state.paused.push({ from: openedAt, to: at, reason: pauseReason });
        else throw illegalEvent(type, `while ${state.status}`, path);
        state.status = 'stopped';
        state.stopMs = at;
        return;
      case 'policy_change':
        validateBudget(event.budget, `${path}.budget`);
        if (!applies) return;
        state.budget = event.budget;
        state.ruleVersion = event.ruleVersion ?? state.ruleVersion;
        return;
      default:
        return assertNever(type, 'clock event');
    }
  });

  if (state.status === 'running') state.running.push({ from: openedAt, to: nowMs });
  if (state.status === 'paused') state.paused.push({ from: openedAt, to: nowMs, reason: pauseReason });
  return state;
}

interface ThresholdWalk {
  readonly cal: BusinessCalendar;
  readonly measure: TimeMeasure;
  readonly countFrom: number;
  readonly continueFrom: number;
  readonly running: readonly Segment[];
  readonly runningMs: readonly number[];
  readonly track: CompletenessTracker;
}

/** Instant at which `targetMs` of measured running time is reached: inside a past segment, or projected on. */
function instantAt(walk: ThresholdWalk, targetMs: number): number {
  let accumulated = 0;
  for (let i = 0; i < walk.running.length; i += 1) {
    const segmentMs = walk.runningMs[i] ?? 0;
    const segment = walk.running[i];
    if (segment !== undefined && accumulated + segmentMs >= targetMs) {
      return advanceMs(walk.cal, walk.measure, Math.max(segment.from, walk.countFrom), targetMs - accumulated, walk.track);
    }
    accumulated += segmentMs;
  }
  return advanceMs(walk.cal, walk.measure, walk.continueFrom, targetMs - accumulated, walk.track);
}

function minutesByReason(msByReason: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [reason, ms] of msByReason) out[reason] = Math.floor(ms / MINUTE_MS);
  return out;
}

// Closures are kept out of this function on purpose: it runs once per open order per scan.
export function evaluateSlaClock(cal: BusinessCalendar, input: SlaClockInput): SlaClockEvaluation {
  const nowMs = checkInstant(input.now, 'now');
  const clock = replay(input, nowMs);
  const measure = measureOfBudget(clock.budget.unit);
  const budgetMs = budgetMinutes(clock.budget) * MINUTE_MS;
  const track: CompletenessTracker = { complete: true };

  if (clock.status === 'not_started') {
    // Plain literals, no spread: spreading into a wide literal is a slow path in V8 and this runs per order per scan.
    return {
      status: 'not_started',
      budget: clock.budget,
      ruleVersion: clock.ruleVersion ?? null,
      budgetMinutes: budgetMs / MINUTE_MS,
      state: 'on_track',
      elapsedMinutes: 0,
      pausedMinutes: 0,
      overdueMinutes: 0,
      pausedMinutesByReason: {},
      fractionUsed: 0,
      deadline: null,
      deadlineProjected: false,
      warning50At: null,
      warning80At: null,
      nextDueAt: null,
      calendarComplete: true,
    };
  }

  // Working-day budgets start counting at the midnight after acceptance, like addWorkdays.
  const offsetMs = cal.offsetMinutes * MINUTE_MS;
  const countFrom =
    measure === 'working_days' ? (Math.floor((clock.startMs + offsetMs) / DAY_MS) + 1) * DAY_MS - offsetMs : clock.startMs;

  const runningMs: number[] = [];
  let elapsedMs = 0;
  for (const segment of clock.running) {
    const ms = measureMs(cal, measure, Math.max(segment.from, countFrom), segment.to, track);
    runningMs.push(ms);
    elapsedMs += ms;
  }
  const pausedByReasonMs = new Map<string, number>();
  let pausedMs = 0;
  for (const segment of clock.paused) {
    const ms = measureMs(cal, measure, Math.max(segment.from, countFrom), segment.to, track);
    pausedMs += ms;
    pausedByReasonMs.set(segment.reason, (pausedByReasonMs.get(segment.reason) ?? 0) + ms);
  }

  // Once stopped, later instants are hypothetical; otherwise the clock would continue from now.
  const walk: ThresholdWalk = {
    cal,
    measure,
    countFrom,
    continueFrom: Math.max(clock.status === 'stopped' ? clock.stopMs : nowMs, countFrom),
    running: clock.running,
    runningMs,
    track,
  };
  const deadlineMs = instantAt(walk, budgetMs);
  const warning50Ms = instantAt(walk, budgetMs * SLA_WARNING_FRACTIONS.warning_50);
  const warning80Ms = instantAt(walk, budgetMs * SLA_WARNING_FRACTIONS.warning_80);
  const fractionUsed = elapsedMs / budgetMs;
  const judgedAt = clock.status === 'stopped' ? clock.stopMs : nowMs;
  // Breach is judged on the deadline instant, not on fraction > 1: a budget ending at Friday
  // closing time stops accruing over the weekend, yet the order is late from Friday evening on.
  const state: SlaState =
    judgedAt > deadlineMs
      ? 'breached'
      : fractionUsed >= SLA_WARNING_FRACTIONS.warning_80
        ? 'warning_80'
        : fractionUsed >= SLA_WARNING_FRACTIONS.warning_50
          ? 'warning_50'
          : 'on_track';
  const nextDueMs =
    clock.status !== 'running' ? undefined : warning50Ms > nowMs ? warning50Ms : warning80Ms > nowMs ? warning80Ms : deadlineMs > nowMs ? deadlineMs : undefined;

  return {
    status: clock.status,
    budget: clock.budget,
    ruleVersion: clock.ruleVersion ?? null,
    budgetMinutes: budgetMs / MINUTE_MS,
    state,
    elapsedMinutes: Math.floor(elapsedMs / MINUTE_MS),
    pausedMinutes: Math.floor(pausedMs / MINUTE_MS),
    overdueMinutes: Math.max(0, Math.floor((elapsedMs - budgetMs) / MINUTE_MS)),
    pausedMinutesByReason: minutesByReason(pausedByReasonMs),
    fractionUsed,
    deadline: new Date(deadlineMs),
    deadlineProjected: clock.status === 'paused',
    warning50At: new Date(warning50Ms),
    warning80At: new Date(warning80Ms),
    nextDueAt: nextDueMs === undefined ? null : new Date(nextDueMs),
    calendarComplete: track.complete,
  };
}
