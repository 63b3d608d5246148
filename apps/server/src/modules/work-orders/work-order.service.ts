import { randomInt } from 'node:crypto';
import type { WorkOrderCreateBody } from '@patron/contracts';
import {
  appendWorkOrderEvents,
  findActiveOrgUnitId,
  findAssignableUser,
  findCompensationForOrder,
  findWorkOrder,
  findWorkOrderCustomer,
  insertSlaTarget,
  insertRevisit,
  insertWorkOrder,
  lineBelongsTo,
  listSlaTargets,
  listWorkOrderEvents,
  loadSlaTargetWork,
  lockWorkOrder,
  nextOrderNo,
  updateWorkOrderStatus,
  type Database,
  type Executor,
  type NewWorkOrderEvent,
  type SlaTargetRecord,
  type WorkOrderChange,
} from '@patron/db';
import {
  type AccessContext,
  type BusinessCalendar,
  type WorkOrderState,
  budgetMinutes,
  businessDateOf,
  revisitDueAt,
  revisitTriggerForOrder,
  transition,
} from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../audit';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { planAfterCompletion, planResolution, type TargetPlan } from './work-order-sla.policy';
import { reevaluateTargets } from './work-order-sla.service';
import { loadWorkOrderCalendar, loadWorkOrderRules } from './work-order-rules';
import { toWorkOrderDetailJson } from './work-order.serializer';
import { publishWorkOrderTicket } from '../tmf/work-order.ticket-resource';

/** Tracking codes: 10 characters from an alphabet without 0/O, 1/I/L (31^10 ≈ 8 × 10^14). */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE = /^[2-9A-HJKMNP-Z]{10}$/;

export function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < 10; i += 1) code += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return code;
}

const CIRCUIT_ITEMS = new Set(['digital_circuit_provisioning', 'data_circuit_provisioning']);

async function insertTargets(
  tx: Executor,
  workOrderId: number,
  cycle: number,
  plans: readonly TargetPlan[],
  now: Date,
): Promise<NewWorkOrderEvent[]> {
  const events: NewWorkOrderEvent[] = [];
  for (const plan of plans) {
    const targetId = await insertSlaTarget(tx, {
      workOrderId,
      target: plan.target,
      cycle,
      budget: plan.budget,
      source: plan.source,
      ruleVersion: plan.ruleVersion,
      budgetMinutes: budgetMinutes(plan.budget),
      evaluatedAt: now,
    });
    events.push({ kind: 'clock', targetId, clock: 'start' });
  }
  return events;
}

async function reevaluateOrder(tx: Executor, calendar: BusinessCalendar, workOrderId: number, now: Date): Promise<void> {
  await reevaluateTargets(tx, calendar, await loadSlaTargetWork(tx, workOrderId), now);
}

function actorOf(access: AccessContext) {
  return { id: access.userId, name: access.username };
}

// ---------------------------------------------------------------------------------------------
// Create
// ---------------------------------------------------------------------------------------------

/** `afterInsert` lets a channel store its own attributes in the same transaction (the TMF façade does). */
export async function createWorkOrder(
  db: Executor,
  request: FastifyRequest,
  body: WorkOrderCreateBody,
  now: Date,
  afterInsert?: (id: number) => Promise<void>,
): Promise<number> {
  const access = request.access!;
  const rules = await loadWorkOrderRules(db, now);
  const customer = await findWorkOrderCustomer(
    db,
    access,
    body.customerId !== undefined ? { id: body.customerId } : { customerNo: body.customerNo ?? '' },
  );
  if (!customer) {
    throw body.customerId !== undefined
      ? invalid('body.customerId', `No customer ${body.customerId} in your scope`)
      : invalid('body.customerNo', `No customer ${body.customerNo} in your scope`);
  }
  if (customer.archive !== 'in_network') throw conflict(`Customer ${customer.customerNo} is in the retained archive`);
  if (body.lineId !== undefined && !(await lineBelongsTo(db, body.lineId, customer.id))) {
    throw invalid('body.lineId', `Line ${body.lineId} does not belong to customer ${customer.customerNo}`);
  }
  const assignee = body.assignee === undefined ? undefined : await findAssignableUser(db, body.assignee);
  if (body.assignee !== undefined && !assignee) throw invalid('body.assignee', `No active user ${body.assignee}`);
  const dispatch = body.dispatchOrgUnit === undefined ? undefined : await findActiveOrgUnitId(db, body.dispatchOrgUnit);
  if (body.dispatchOrgUnit !== undefined && !dispatch) throw invalid('body.dispatchOrgUnit', `No active org unit ${body.dispatchOrgUnit}`);

  const plan = planResolution({
    calendar: rules.calendar,
    catalogue: rules.catalogue,
    slaRules: rules.slaRules,
    serviceItem: body.serviceItem ?? null,
    star: customer.star,
    circuitScope: body.circuitScope ?? null,
    slaService: body.slaService ?? null,
    slaTier: body.slaTier ?? null,
    standardFeeFen: body.standardFee ?? null,
    contractLimitWorkdays: body.contractLimitWorkdays ?? null,
    acceptedAt: now,
    appointmentEnd: body.appointment?.end ?? null,
  });
  const deliveryPack = body.deliveryPack ?? (body.slaService !== undefined || CIRCUIT_ITEMS.has(body.serviceItem ?? ''));

  return db.transaction(async (tx) => {
    const orderNo = await nextOrderNo(tx, businessDateOf(rules.calendar, now));
    let id: number | undefined;
    for (let attempt = 0; id === undefined; attempt += 1) {
      if (attempt === 5) throw new Error('could not draw a free tracking code');
      id = await insertWorkOrder(tx, {
        orderNo,
        trackingCode: newTrackingCode(),
        customerId: customer.id,
        lineId: body.lineId ?? null,
        type: body.type,
        channel: body.channel,
        priority: body.priority,
        serviceItem: body.serviceItem ?? null,
        star: customer.star,
        circuitScope: body.circuitScope ?? null,
        slaService: body.slaService ?? null,
        slaTier: body.slaTier ?? null,
        standardFeeFen: body.standardFee ?? null,
        chargedFeeFen: plan.chargedFeeFen,
        contractLimitWorkdays: body.contractLimitWorkdays ?? null,
        appointmentStart: body.appointment?.start ?? null,
        appointmentEnd: body.appointment?.end ?? null,
        dispatchOrgUnitId: dispatch?.id ?? null,
        assigneeId: assignee?.id ?? null,
        deliveryPack,
        title: body.title,
        description: body.description ?? null,
        catalogueVersion: plan.catalogueVersion,
        slaRuleVersion: plan.slaRuleVersion,
        calendarVersion: rules.calendar.version,
        acceptedAt: now,
        createdBy: access.userId,
      });
    }
    const events: NewWorkOrderEvent[] = [{ kind: 'status', fromStatus: null, toStatus: 'received' }];
    events.push(...(await insertTargets(tx, id, 1, plan.target === null ? [] : [plan.target], now)));
    await appendWorkOrderEvents(tx, id, now, actorOf(access), events);
    await reevaluateOrder(tx, rules.calendar, id, now);
    await afterInsert?.(id);
    await audit(tx, request, {
      action: 'work_order.create',
      entityType: 'work_order',
      entityId: id,
      after: {
        orderNo,
        customerNo: customer.customerNo,
        type: body.type,
        serviceItem: body.serviceItem ?? null,
        slaTier: body.slaTier ?? null,
        star: customer.star,
        budget: plan.target?.budget ?? null,
        source: plan.target?.source ?? null,
      },
    });
    await publishWorkOrderTicket(tx, request, id, 'Create', now);
    return id;
  });
}

// ---------------------------------------------------------------------------------------------
// Transitions: the only way a status changes
// ---------------------------------------------------------------------------------------------

export interface TransitionInput {
  to: WorkOrderState;
  note?: string;
  reason?: string;
  assignee?: string;
  dispatchOrgUnit?: string;
  appointment?: { start: Date; end: Date };
}

const STAMPS: Partial<Record<WorkOrderState, WorkOrderChange['stamp']>> = {
  completed: 'completed_at',
  delivered: 'delivered_at',
  archived: 'archived_at',
  cancelled: 'cancelled_at',
};

/**
 * Clock events a transition implies, on top of the state machine's own effect (pause, resume, stop
 * of the resolution clock): completion starts delivery and revisit, delivery stops the delivery
 * clock, the revisit's outcome (archived or reopened) stops the revisit, a reopen ends the cycle's
 * open clocks, and a cancellation stops everything.
 */
function clockEventsFor(
  effect: 'none' | 'pause' | 'resume' | 'stop',
  to: WorkOrderState,
  targets: readonly SlaTargetRecord[],
  reason: string | undefined,
): NewWorkOrderEvent[] {
  const events: NewWorkOrderEvent[] = [];
  const open = (t: SlaTargetRecord) => t.clockStatus === 'running' || t.clockStatus === 'paused';
  const stop = (which: (t: SlaTargetRecord) => boolean) => {
    for (const t of targets) if (open(t) && which(t)) events.push({ kind: 'clock', targetId: t.id, clock: 'stop' });
  };
  if (effect === 'pause') {
    for (const t of targets) if (t.clockStatus === 'running') events.push({ kind: 'clock', targetId: t.id, clock: 'pause', reason: reason ?? null });
  } else if (effect === 'resume') {
    for (const t of targets) if (t.clockStatus === 'paused') events.push({ kind: 'clock', targetId: t.id, clock: 'resume' });
  }
  switch (to) {
    case 'completed':
      stop((t) => t.target === 'resolution');
      break;
    case 'delivered':
      stop((t) => t.target === 'delivery');
      break;
    case 'archived':
    case 'reopened':
    case 'cancelled':
      stop(() => true);
      break;
    default:
      break;
  }
  return events;
}

/**
 * `access` defaults to the caller's; the revisit desk passes a wider one for the order of a revisit
 * it already reached through its own scope (an unsatisfied customer reopens the order).
 */
export async function transitionWorkOrder(
  db: Executor,
  request: FastifyRequest,
  id: number,
  input: TransitionInput,
  now: Date,
  access: AccessContext = request.access!,
): Promise<void> {
  const rules = await loadWorkOrderRules(db, now);
  const assignee = input.assignee === undefined ? undefined : await findAssignableUser(db, input.assignee);
  if (input.assignee !== undefined && !assignee) throw invalid('body.assignee', `No active user ${input.assignee}`);
  const dispatch = input.dispatchOrgUnit === undefined ? undefined : await findActiveOrgUnitId(db, input.dispatchOrgUnit);
  if (input.dispatchOrgUnit !== undefined && !dispatch) throw invalid('body.dispatchOrgUnit', `No active org unit ${input.dispatchOrgUnit}`);

  await db.transaction(async (tx) => {
    const order = await lockWorkOrder(tx, access, id);
    if (!order) throw notFound('Work order');
    const from = order.status as WorkOrderState;
    const result = transition(from, input.to, {
      ...(order.heldFrom === null ? {} : { heldFrom: order.heldFrom as WorkOrderState }),
      deliveryRequired: order.deliveryPack,
    });
    if (!result.ok) {
      const allowed = result.error.allowed;
      throw new AppError('state.illegal_transition', result.error.message, [
        { path: 'body.to', message: `allowed from ${from}: ${allowed.length === 0 ? 'none (terminal state)' : allowed.join(', ')}` },
      ]);
    }
    if (input.to === 'on_hold' && input.reason === undefined) {
      throw invalid('body.reason', 'A hold pauses the SLA clock for a customer-caused reason: give its code (e.g. customer_absent)');
    }

    const change: WorkOrderChange = { status: input.to, heldFrom: input.to === 'on_hold' ? from : null };
    if (input.to === 'reopened') change.cycle = order.cycle + 1;
    const stamp = STAMPS[input.to];
    if (stamp !== undefined) change.stamp = stamp;
    if (assignee) change.assigneeId = assignee.id;
    if (dispatch) change.dispatchOrgUnitId = dispatch.id;
    if (input.appointment) {
      change.appointmentStart = input.appointment.start;
      change.appointmentEnd = input.appointment.end;
    }
    await updateWorkOrderStatus(tx, id, change, now);

    const targets = await listSlaTargets(tx, id);
    const events: NewWorkOrderEvent[] = [
      { kind: 'status', fromStatus: from, toStatus: input.to, note: input.note ?? null, reason: input.reason ?? null },
      ...clockEventsFor(result.transition.clock, input.to, targets, input.reason),
    ];
    if (input.to === 'completed') {
      events.push(...(await insertTargets(tx, id, order.cycle, planAfterCompletion(rules.catalogue, order.type, order.deliveryPack), now)));
      const trigger = revisitTriggerForOrder(order.type);
      if (trigger !== undefined) {
        await insertRevisit(tx, { trigger, workOrderId: id, complaintId: null, round: order.cycle, customerId: order.customerId, dueAt: revisitDueAt(trigger, now) }, now);
      }
    }
    await appendWorkOrderEvents(tx, id, now, actorOf(access), events);
    await reevaluateOrder(tx, rules.calendar, id, now);
    await audit(tx, request, {
      action: 'work_order.transition',
      entityType: 'work_order',
      entityId: id,
      before: { status: from },
      after: {
        status: input.to,
        event: result.transition.event,
        clock: result.transition.clock,
        ...(assignee ? { assignee: input.assignee } : {}),
        ...(dispatch ? { dispatchOrgUnit: input.dispatchOrgUnit } : {}),
        ...(input.appointment ? { appointment: input.appointment } : {}),
      },
      reason: input.reason ?? input.note ?? null,
    });
    await publishWorkOrderTicket(tx, request, id, 'StateChange', now);
  });
}

// ---------------------------------------------------------------------------------------------
// Read
// ---------------------------------------------------------------------------------------------

export async function workOrderDetail(db: Database, access: AccessContext, id: number, now: Date) {
  const order = await findWorkOrder(db, access, id);
  if (!order) throw notFound('Work order');
  const [calendar, targets, events, compensation] = await Promise.all([
    loadWorkOrderCalendar(db),
    loadSlaTargetWork(db, id),
    listWorkOrderEvents(db, id),
    findCompensationForOrder(db, id),
  ]);
  return toWorkOrderDetailJson(access, order, targets, events, compensation, calendar, now);
}
