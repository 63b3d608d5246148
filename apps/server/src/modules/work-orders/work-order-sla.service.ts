import {
  appendBreachAudits,
  claimDueSlaTargets,
  findEscalationManagers,
  listDueSlaTargetIds,
  insertNotifications,
  saveSlaTargetEvaluations,
  upsertCompensationDrafts,
  type Database,
  type DueCursor,
  type Executor,
  type NewNotification,
  type SlaTargetWork,
} from '@patron/db';
import type { BusinessCalendar, ProvisioningSlaRules } from '@patron/domain';
import { decideTarget, owesCompensation, type RaisedLevel, type TargetDecision } from './work-order-sla.policy';
import { loadSlaRulesOf, loadWorkOrderCalendar } from './work-order-rules';

const TARGET_LABEL: Record<string, string> = { resolution: '处理', delivery: '交付', revisit: '回访' };
const LEVEL_TEXT: Record<RaisedLevel, string> = {
  warning_50: '已用去 50% 时限',
  warning_80: '已用去 80% 时限',
  breached: '已超时',
};

/** 'YYYY-MM-DD HH:mm' in the calendar's zone, for notification text. */
function localText(calendar: BusinessCalendar, instant: Date | null): string {
  if (instant === null) return '—';
  return new Date(instant.getTime() + calendar.offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface ApplyCounts {
  warning_50: number;
  warning_80: number;
  breached: number;
  notifications: number;
  compensationsCreated: number;
  compensationsUpdated: number;
  /** Evaluations that read a year without a published holiday schedule. */
  calendarIncomplete: number;
}

/**
 * Stores a batch of decisions and carries out what they raise, in the caller's transaction: the
 * targets' new state (one UPDATE), a notification to the assignee (or the customer's manager) per
 * newly reached level, on a breach an escalation to the managers above and an audit entry, and the
 * compensation drafts of breached SLA-tier orders (one per order, amount kept current).
 */
export async function applyDecisions(
  tx: Executor,
  calendar: BusinessCalendar,
  works: readonly SlaTargetWork[],
  decisions: readonly TargetDecision[],
  now: Date,
): Promise<ApplyCounts> {
  const counts: ApplyCounts = {
    warning_50: 0,
    warning_80: 0,
    breached: 0,
    notifications: 0,
    compensationsCreated: 0,
    compensationsUpdated: 0,
    calendarIncomplete: decisions.filter((decision) => !decision.row.calendarComplete).length,
  };
  await saveSlaTargetEvaluations(
    tx,
    decisions.map((decision) => decision.row),
    now,
  );

  const notifications: NewNotification[] = [];
  const breaches: { work: SlaTargetWork; decision: TargetDecision }[] = [];
  works.forEach((work, i) => {
    const decision = decisions[i];
    if (decision?.raised == null) return;
    counts[decision.raised] += 1;
    const params = {
      workOrderId: work.workOrderId,
      orderNo: work.orderNo,
      target: work.target,
      level: decision.raised,
      deadline: decision.clock.deadline?.toISOString() ?? null,
    };
    if (work.recipientId !== null) {
      notifications.push({
        userId: work.recipientId,
        kind: `sla.${decision.raised}`,
        title: `工单 ${work.orderNo} ${TARGET_LABEL[work.target] ?? work.target}${LEVEL_TEXT[decision.raised]}`,
        body: `时限 ${localText(calendar, decision.clock.deadline)}`,
        params,
        entityType: 'work_order',
        entityId: String(work.workOrderId),
      });
    }
    if (decision.raised === 'breached') breaches.push({ work, decision });
  });

  if (breaches.length > 0) {
    const managers = await findEscalationManagers(
      tx,
      breaches.map(({ work }) => ({ workOrderId: work.workOrderId, recipientId: work.recipientId })),
    );
    const managersOf = new Map<number, number[]>();
    for (const m of managers) managersOf.set(m.workOrderId, [...(managersOf.get(m.workOrderId) ?? []), m.managerId]);
    for (const { work, decision } of breaches) {
      for (const managerId of managersOf.get(work.workOrderId) ?? []) {
        notifications.push({
          userId: managerId,
          kind: 'sla.escalated',
          title: `升级：工单 ${work.orderNo} ${TARGET_LABEL[work.target] ?? work.target}已超时`,
          body: `时限 ${localText(calendar, decision.clock.deadline)}`,
          params: {
            workOrderId: work.workOrderId,
            orderNo: work.orderNo,
            target: work.target,
            level: 'breached',
            deadline: decision.clock.deadline?.toISOString() ?? null,
            recipientId: work.recipientId,
          },
          entityType: 'work_order',
          entityId: String(work.workOrderId),
        });
      }
    }
    await appendBreachAudits(
      tx,
      breaches.map(({ work, decision }) => ({
        workOrderId: work.workOrderId,
        after: {
          target: work.target,
          cycle: work.cycle,
          deadline: decision.clock.deadline,
          recipientId: work.recipientId,
          escalatedTo: managersOf.get(work.workOrderId) ?? [],
        },
      })),
      now,
    );
  }
  counts.notifications = await insertNotifications(tx, notifications, now);

  const drafts = decisions.flatMap((decision) => (decision.compensation === null ? [] : [decision.compensation]));
  const { created, updated } = await upsertCompensationDrafts(tx, drafts, now);
  counts.compensationsCreated = created;
  counts.compensationsUpdated = updated;
  return counts;
}

/** SLA tiers per recorded version, read once per pass. */
function rulesCache(tx: () => Executor, calendar: BusinessCalendar) {
  const byVersion = new Map<string, Promise<ProvisioningSlaRules>>();
  return (work: SlaTargetWork): Promise<ProvisioningSlaRules | null> => {
    if (!owesCompensation(work)) return Promise.resolve(null);
    const key = `${work.slaRuleVersion ?? ''}|${work.slaRuleVersion === null ? work.acceptedAt.toISOString() : ''}`;
    let rules = byVersion.get(key);
    if (rules === undefined) {
      rules = loadSlaRulesOf(tx(), calendar, work);
      byVersion.set(key, rules);
    }
    return rules;
  };
}

/** Re-evaluates a set of targets and applies the outcome (creation, transitions). */
export async function reevaluateTargets(tx: Executor, calendar: BusinessCalendar, works: readonly SlaTargetWork[], now: Date): Promise<ApplyCounts> {
  const rulesFor = rulesCache(() => tx, calendar);
  const decisions: TargetDecision[] = [];
  for (const work of works) decisions.push(decideTarget(calendar, work, now, await rulesFor(work)));
  return applyDecisions(tx, calendar, works, decisions, now);
}

export interface SlaScanOptions {
  /** Targets per transaction. Default 1,000. */
  batchSize?: number;
  /** Upper bound of targets per pass, so one pass stays short; the rest waits for the next. Default 20,000. */
  maxTargets?: number;
  /**
   * Batches in flight at once, each on its own connection (SKIP LOCKED keeps them apart). Default 2 on
   * PostgreSQL, 1 on PGlite (one connection).
   */
  concurrency?: number;
}

export interface SlaScanResult extends ApplyCounts {
  examined: number;
  batches: number;
  /** True when the pass stopped at maxTargets with targets still due. */
  truncated: boolean;
}

/**
 * One pass of the SLA scanner: walks the targets due by `now` over the next_due_at index in
 * batches, each its own transaction with a (next_due_at, id) cursor, re-evaluates them with the
 * domain clock and applies the outcome. Idempotent: raised levels are stamped on the target, so a
 * second pass at the same instant finds nothing due and raises nothing.
 */
export async function runSlaScan(db: Database, now: Date, options: SlaScanOptions = {}): Promise<SlaScanResult> {
  const batchSize = options.batchSize ?? 1000;
  const maxTargets = options.maxTargets ?? 20_000;
  const concurrency = Math.max(1, options.concurrency ?? (db.kind === 'postgresql' ? 2 : 1));
  const calendar = await loadWorkOrderCalendar(db);
  const result: SlaScanResult = {
    examined: 0,
    batches: 0,
    truncated: false,
    calendarIncomplete: 0,
    warning_50: 0,
    warning_80: 0,
    breached: 0,
    notifications: 0,
    compensationsCreated: 0,
    compensationsUpdated: 0,
  };
  let reserved = 0;
  let budgetSpent = false;

  const worker = async () => {
    let cursor: DueCursor | null = null;
    for (;;) {
      const limit = Math.min(batchSize, maxTargets - reserved);
      if (limit <= 0) {
        budgetSpent = true;
        return;
      }
      reserved += limit;
      const batch: { size: number; last: DueCursor | null } = await db.transaction(async (tx) => {
        const works = await claimDueSlaTargets(tx, now, cursor, limit);
        if (works.length === 0) return { size: 0, last: null };
        const counts = await reevaluateTargets(tx, calendar, works, now);
        for (const key of Object.keys(counts) as (keyof ApplyCounts)[]) result[key] += counts[key];
        const lastWork = works[works.length - 1]!;
        return { size: works.length, last: { at: lastWork.nextDueAt ?? now, id: lastWork.id } };
      });
      reserved -= limit - batch.size;
      if (batch.size === 0 || batch.last === null) return;
      result.examined += batch.size;
      result.batches += 1;
      cursor = batch.last;
      if (batch.size < limit) return;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  if (budgetSpent) result.truncated = (await listDueSlaTargetIds(db, now, 1)).length > 0;
  return result;
}
