import type { CompensationRecord, SlaTargetWork, WorkOrderEventRecord, WorkOrderListItem, WorkOrderRecord } from '@patron/db';
import { type AccessContext, type BusinessCalendar, type SlaBudget, type WorkOrderState, allowedTransitions, formatFen } from '@patron/domain';
import { maskLineNo } from '../customers/customer.serializer';
import { evaluateTarget, remainingOf } from './work-order-sla.policy';

const yuan = (fen: number | null) => (fen === null ? null : formatFen(fen));

function summaryFields(order: WorkOrderRecord) {
  return {
    id: order.id,
    orderNo: order.orderNo,
    trackingCode: order.trackingCode,
    type: order.type,
    channel: order.channel,
    priority: order.priority,
    status: order.status as WorkOrderState,
    title: order.title,
    customer: { id: order.customerId, customerNo: order.customerNo, name: order.customerName, orgUnit: order.customerOrgUnit },
    serviceItem: order.serviceItem,
    star: order.star,
    slaService: order.slaService as 'digital_circuit' | 'ddn' | 'fr_atm' | null,
    slaTier: order.slaTier as 'urgent' | 'expedited' | 'normal' | null,
    assignee: order.assignee === null ? null : { username: order.assignee, displayName: order.assigneeName ?? order.assignee },
    dispatchOrgUnit: order.dispatchOrgUnit,
    acceptedAt: order.acceptedAt,
    completedAt: order.completedAt,
  };
}

/** A list row: the SLA badge shows the stored evaluation with the time left as of now. */
export function toWorkOrderSummaryJson(item: WorkOrderListItem, calendar: BusinessCalendar, now: Date) {
  const sla = item.sla;
  return {
    ...summaryFields(item),
    sla:
      sla === null
        ? null
        : {
            target: sla.target,
            state: sla.state as 'on_track' | 'warning_50' | 'warning_80' | 'breached',
            clockStatus: sla.clockStatus as 'running' | 'paused' | 'stopped' | 'not_started',
            deadline: sla.deadline,
            deadlineProjected: sla.deadlineProjected,
            remaining: remainingOf(calendar, { ...sla, budget: sla.budget as SlaBudget }, now),
          },
  };
}

export function toCompensationJson(record: CompensationRecord) {
  return {
    id: record.id,
    workOrderId: record.workOrderId,
    orderNo: record.orderNo,
    customerNo: record.customerNo,
    slaService: record.slaService,
    slaTier: record.slaTier,
    amount: formatFen(record.amountFen),
    amountFen: record.amountFen,
    base: formatFen(record.baseFen),
    cap: formatFen(record.capFen),
    rateBpPerWorkday: record.rateBpPerWorkday,
    overdueWorkdays: record.overdueWorkdays,
    ruleVersion: record.ruleVersion,
    final: record.final,
    status: record.status,
    allowedTransitions: compensationNext(record.status),
    notes: record.notes,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    agreedAt: record.agreedAt,
    agreedBy: record.agreedBy,
    settledAt: record.settledAt,
    settledBy: record.settledBy,
  };
}

/** drafted → agreed (jointly signed) → settled (DOMAIN §2.3 赔付单). */
export function compensationNext(status: string): ('agreed' | 'settled')[] {
  if (status === 'drafted') return ['agreed'];
  if (status === 'agreed') return ['settled'];
  return [];
}

/**
 * The full order: live re-evaluation of every target, timeline, compensation and the next legal
 * states. The line number follows the caller's phone policy, as on the customer's 360 view.
 */
export function toWorkOrderDetailJson(
  access: AccessContext,
  order: WorkOrderRecord,
  targets: readonly SlaTargetWork[],
  events: readonly WorkOrderEventRecord[],
  compensation: CompensationRecord | undefined,
  calendar: BusinessCalendar,
  now: Date,
) {
  const evaluated = targets.map((target) => {
    const clock = evaluateTarget(calendar, target, now);
    return {
      id: target.id,
      target: target.target,
      cycle: target.cycle,
      budget: target.budget,
      source: target.source,
      ruleVersion: target.ruleVersion,
      clockStatus: clock.status,
      state: clock.state,
      deadline: clock.deadline,
      deadlineProjected: clock.deadlineProjected,
      elapsedMinutes: clock.elapsedMinutes,
      pausedMinutes: clock.pausedMinutes,
      overdueMinutes: clock.overdueMinutes,
      remaining: remainingOf(
        calendar,
        { budget: target.budget, clockStatus: clock.status, deadline: clock.deadline, budgetMinutes: clock.budgetMinutes, elapsedMinutes: clock.elapsedMinutes },
        now,
      ),
      warned50At: target.warned50At,
      warned80At: target.warned80At,
      breachedAt: target.breachedAt,
      calendarComplete: clock.calendarComplete,
    };
  });
  const open = evaluated.filter((t) => t.clockStatus === 'running' || t.clockStatus === 'paused');
  const badge = [...open].sort((a, b) => (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity))[0] ?? evaluated[0];
  return {
    ...summaryFields(order),
    sla:
      badge === undefined
        ? null
        : {
            target: badge.target,
            state: badge.state,
            clockStatus: badge.clockStatus,
            deadline: badge.deadline,
            deadlineProjected: badge.deadlineProjected,
            remaining: badge.remaining,
          },
    lineId: order.lineId,
    lineNo: order.lineNo === null ? null : maskLineNo(order.lineNo, access),
    description: order.description,
    circuitScope: order.circuitScope as 'local' | 'intra_province' | 'inter_province' | null,
    standardFee: yuan(order.standardFeeFen),
    chargedFee: yuan(order.chargedFeeFen),
    contractLimitWorkdays: order.contractLimitWorkdays,
    deliveryPack: order.deliveryPack,
    appointment:
      order.appointmentStart === null || order.appointmentEnd === null ? null : { start: order.appointmentStart, end: order.appointmentEnd },
    heldFrom: order.heldFrom as WorkOrderState | null,
    cycle: order.cycle,
    ruleVersions: { catalogue: order.catalogueVersion, sla: order.slaRuleVersion, calendar: order.calendarVersion },
    deliveredAt: order.deliveredAt,
    archivedAt: order.archivedAt,
    cancelledAt: order.cancelledAt,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    allowedTransitions: allowedTransitions(order.status as WorkOrderState, {
      ...(order.heldFrom === null ? {} : { heldFrom: order.heldFrom as WorkOrderState }),
      deliveryRequired: order.deliveryPack,
    }),
    targets: evaluated,
    timeline: events.map((event) => ({
      id: event.id,
      at: event.occurredAt,
      kind: event.kind,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      target: event.target,
      clock: event.clock,
      reason: event.reason,
      note: event.note,
      actor: event.actor,
    })),
    compensation: compensation === undefined ? null : toCompensationJson(compensation),
  };
}
