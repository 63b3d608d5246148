import type { ComplaintCreateBody, ComplaintTransitionInput } from '@patron/contracts';
import {
  appendAudit,
  appendComplaintEvent,
  complaintLevelManagers,
  currentComplaintRules,
  dueComplaintIds,
  earlierComplaintTimes,
  findAssignableUser,
  findComplaint,
  findComplaintCustomer,
  findCustomerWorkOrder,
  insertComplaint,
  insertNotifications,
  insertRevisit,
  linkComplaintWorkOrder,
  listAppeals,
  listComplaintEvents,
  listComplaintWorkOrders,
  listCompensationOffers,
  loadBusinessCalendar,
  lockComplaint,
  lockComplaintById,
  markComplaintBreachesNoticed,
  nextComplaintNo,
  updateComplaint,
  type ComplaintChange,
  type ComplaintRecord,
  type Database,
  type Executor,
  type NewNotification,
} from '@patron/db';
import {
  type AccessContext,
  type BreachState,
  type ComplaintBreach,
  type ComplaintFacts,
  type ComplaintLevel,
  type ComplaintState,
  DAY_MS,
  type EscalationStep,
  OPEN_COMPLAINT_STATES,
  TOP_COMPLAINT_LEVEL,
  breachesToNotice,
  businessDateOf,
  complaintTransition,
  escalationsDue,
  finalDeadline,
  hotKeywordsIn,
  isRepeatComplaint,
  levelDeadline,
  revisitDueAt,
} from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../audit';
import { AppError, invalid, notFound } from '../../errors';
import { publishComplaintTicket, publishComplaintTransition } from '../tmf/complaint.ticket-resource';
import { toComplaintDetailJson } from './complaint.serializer';

/** How far back a complaint may be dated when it is logged after it arrived (a letter, an appeal). */
const MAX_BACKDATE_DAYS = 30;

const actorOf = (access: AccessContext) => ({ id: access.userId, name: access.username });

function levelNotifications(userIds: readonly number[], complaint: Pick<ComplaintRecord, 'id' | 'complaintNo'>, level: number, automatic: boolean): NewNotification[] {
  const how = automatic ? '超时自动升级' : '升级';
  return userIds.map((userId) => ({
    userId,
    kind: 'complaint.escalated',
    title: `投诉 ${complaint.complaintNo} 已${how}至第 ${level} 级`,
    body: null,
    params: { complaintNo: complaint.complaintNo, level, automatic },
    entityType: 'complaint',
    entityId: String(complaint.id),
  }));
}

// ---------------------------------------------------------------------------------------------
// Intake
// ---------------------------------------------------------------------------------------------

/** `onInserted` adds to the new complaint in the same transaction (the TMF façade's own attributes). */
export async function createComplaint(
  db: Database,
  request: FastifyRequest,
  body: ComplaintCreateBody,
  now: Date,
  onInserted?: (tx: Executor, id: number) => Promise<void>,
): Promise<number> {
  const access = request.access!;
  const [rules, calendar] = await Promise.all([currentComplaintRules(db), loadBusinessCalendar(db)]);
  const customer = await findComplaintCustomer(db, access, body.customerId !== undefined ? { id: body.customerId } : { customerNo: body.customerNo ?? '' });
  if (!customer) {
    throw body.customerId !== undefined
      ? invalid('body.customerId', `No customer ${body.customerId} in your scope`)
      : invalid('body.customerNo', `No customer ${body.customerNo} in your scope`);
  }
  const receivedAt = body.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime()) throw invalid('body.receivedAt', 'A complaint cannot be received in the future');
  if (now.getTime() - receivedAt.getTime() > MAX_BACKDATE_DAYS * DAY_MS) {
    throw invalid('body.receivedAt', `A complaint is logged within ${MAX_BACKDATE_DAYS} days of receipt`);
  }
  for (const [i, workOrderId] of (body.workOrderIds ?? []).entries()) {
    if (!(await findCustomerWorkOrder(db, customer.id, workOrderId))) {
      throw invalid(`body.workOrderIds.${i}`, `Work order ${workOrderId} is not one of customer ${customer.customerNo}'s`);
    }
  }

  const earlier = await earlierComplaintTimes(db, customer.id, body.category, new Date(receivedAt.getTime() - (rules.repeatWindowDays + 1) * DAY_MS));
  const repeat = isRepeatComplaint(calendar, receivedAt, earlier, rules.repeatWindowDays);
  const hotKeywords = hotKeywordsIn(body.description, rules.hotKeywords);
  const level: ComplaintLevel = hotKeywords.length > 0 ? 2 : 1;
  const deadline = levelDeadline(calendar, rules, level, receivedAt, receivedAt);

  return db.transaction(async (tx) => {
    const complaintNo = await nextComplaintNo(tx, businessDateOf(calendar, receivedAt));
    const id = await insertComplaint(tx, {
      complaintNo,
      customerId: customer.id,
      lineId: body.lineId ?? null,
      channel: body.channel,
      category: body.category,
      severity: body.severity,
      description: body.description,
      level,
      repeat,
      hot: hotKeywords.length > 0,
      hotKeywords,
      assigneeId: null,
      receivedAt,
      levelDeadline: deadline.deadline,
      finalDeadline: finalDeadline(rules, receivedAt),
      rulesVersion: rules.version,
      calendarVersion: calendar.version,
      createdBy: access.userId,
    });
    for (const workOrderId of body.workOrderIds ?? []) await linkComplaintWorkOrder(tx, id, workOrderId);
    await appendComplaintEvent(tx, id, now, actorOf(access), { fromStatus: null, toStatus: 'received', fromLevel: null, toLevel: level });
    if (level > 1) await insertNotifications(tx, levelNotifications(await complaintLevelManagers(tx, id, level), { id, complaintNo }, level, false), now);
    await audit(tx, request, {
      action: 'complaint.create',
      entityType: 'complaint',
      entityId: id,
      after: { complaintNo, customerNo: customer.customerNo, channel: body.channel, category: body.category, severity: body.severity, level, repeat, hotKeywords },
    });
    if (onInserted) await onInserted(tx, id);
    await publishComplaintTicket(tx, id, 'Create', now);
    return id;
  });
}

// ---------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------

function factsOf(complaint: ComplaintRecord, input: ComplaintTransitionInput): ComplaintFacts {
  return {
    level: complaint.level,
    resolution: input.resolution ?? complaint.resolution,
    rootCause: input.rootCause ?? complaint.rootCause,
    rootCauseDetail: input.rootCauseDetail ?? complaint.rootCauseDetail,
    customerConfirmed: input.customerConfirmed ?? complaint.customerConfirmed,
    noConfirmationReason: input.noConfirmationReason ?? complaint.noConfirmationReason,
  };
}

function rejectTransition(result: Extract<ReturnType<typeof complaintTransition>, { ok: false }>, from: ComplaintState): never {
  switch (result.code) {
    case 'complaint.close_incomplete':
    case 'complaint.resolution_required':
      throw new AppError(
        'complaint.close_incomplete',
        result.message,
        result.missing.map((field) => ({ path: `body.${field}`, message: 'required to close a complaint' })),
      );
    case 'complaint.top_level_reached':
      throw new AppError('complaint.top_level_reached', result.message, [{ path: 'body.to', message: 'level 3 (province) is the top level' }]);
    case 'complaint.illegal_transition':
      throw new AppError('state.illegal_transition', result.message, [
        { path: 'body.to', message: `allowed from ${from}: ${result.allowed.length === 0 ? 'none (terminal state)' : result.allowed.join(', ')}` },
      ]);
  }
}

/**
 * Applies one transition to a locked complaint: the record, its timeline, the next level's
 * deadline, the revisit a resolution owes and the notifications. Shared by people (through HTTP)
 * and the revisit desk's outcome; `actor` is who the timeline names.
 */
export async function applyComplaintTransition(
  tx: Executor,
  complaint: ComplaintRecord,
  input: ComplaintTransitionInput,
  actor: { id: number | null; name: string | null },
  now: Date,
  assigneeId: number | null = actor.id,
): Promise<{ from: ComplaintState; level: ComplaintLevel }> {
  const from = complaint.status as ComplaintState;
  const result = complaintTransition(from, input.to, factsOf(complaint, input));
  if (!result.ok) rejectTransition(result, from);

  const [rules, calendar] = await Promise.all([currentComplaintRules(tx), loadBusinessCalendar(tx)]);
  const change: ComplaintChange = { status: input.to, level: result.level };
  const facts = factsOf(complaint, input);
  let onTime: boolean | null = null;
  switch (result.transition.event) {
    case 'assign':
      if (assigneeId !== null) change.assigneeId = assigneeId;
      break;
    case 'start':
      break;
    case 'escalate':
      onTime = now.getTime() <= complaint.levelDeadline.getTime();
      change.levelStartedAt = now;
      change.levelDeadline = levelDeadline(calendar, rules, result.level, now, complaint.receivedAt).deadline;
      change.escalatedOnce = true;
      break;
    case 'resolve':
      onTime = now.getTime() <= complaint.levelDeadline.getTime();
      change.resolution = facts.resolution ?? null;
      change.resolvedAt = now;
      change.resolvedLevel = complaint.level;
      change.firstContactResolved = complaint.level === 1 && !complaint.escalatedOnce && complaint.reopenCount === 0;
      break;
    case 'confirm':
      change.closedAt = now;
      break;
    case 'reopen':
      change.reopenCount = complaint.reopenCount + 1;
      change.levelStartedAt = now;
      change.levelDeadline = levelDeadline(calendar, rules, complaint.level, now, complaint.receivedAt).deadline;
      change.resolvedAt = null;
      change.resolvedLevel = null;
      change.firstContactResolved = null;
      change.customerConfirmed = null;
      break;
  }
  if (input.rootCause !== undefined) change.rootCause = input.rootCause;
  if (input.rootCauseDetail !== undefined) change.rootCauseDetail = input.rootCauseDetail;
  if (input.customerConfirmed !== undefined) change.customerConfirmed = input.customerConfirmed;
  if (input.noConfirmationReason !== undefined) change.noConfirmationReason = input.noConfirmationReason;
  if (input.resolution !== undefined) change.resolution = input.resolution;

  await updateComplaint(tx, complaint.id, change, now);
  await appendComplaintEvent(tx, complaint.id, now, actor, {
    fromStatus: from,
    toStatus: input.to,
    fromLevel: complaint.level,
    toLevel: result.level,
    onTime,
    note: input.note ?? null,
  });
  if (result.transition.event === 'resolve') {
    await insertRevisit(
      tx,
      { trigger: 'complaint', workOrderId: null, complaintId: complaint.id, round: complaint.reopenCount, customerId: complaint.customerId, dueAt: revisitDueAt('complaint', now) },
      now,
    );
  }
  if (result.transition.event === 'escalate') {
    await insertNotifications(tx, levelNotifications(await complaintLevelManagers(tx, complaint.id, result.level), complaint, result.level, false), now);
  }
  await publishComplaintTransition(tx, complaint.id, from, input.to, now);
  return { from, level: result.level };
}

export async function transitionComplaint(db: Database, request: FastifyRequest, id: number, input: ComplaintTransitionInput, now: Date): Promise<void> {
  const assignee = input.assignee === undefined ? undefined : await findAssignableUser(db, input.assignee);
  if (input.assignee !== undefined && !assignee) throw invalid('body.assignee', `No active user ${input.assignee}`);
  await db.transaction((tx) => transitionComplaintIn(tx, request, id, input, now, assignee?.id));
}

/** One transition with its audit entry, inside the caller's transaction (the TMF façade adds its attributes to it). */
export async function transitionComplaintIn(tx: Executor, request: FastifyRequest, id: number, input: ComplaintTransitionInput, now: Date, assigneeId?: number): Promise<void> {
  const access = request.access!;
  const complaint = await lockComplaint(tx, access, id);
  if (!complaint) throw notFound('Complaint');
  const { from, level } = await applyComplaintTransition(tx, complaint, input, actorOf(access), now, assigneeId ?? access.userId);
  await audit(tx, request, {
    action: 'complaint.transition',
    entityType: 'complaint',
    entityId: id,
    before: { status: from, level: complaint.level },
    after: {
      status: input.to,
      level,
      ...(input.assignee ? { assignee: input.assignee } : {}),
      ...(input.rootCause ? { rootCause: input.rootCause, rootCauseDetail: input.rootCauseDetail ?? null } : {}),
    },
    reason: input.note ?? null,
  });
}

// ---------------------------------------------------------------------------------------------
// Escalation scan
// ---------------------------------------------------------------------------------------------

export interface EscalationScanResult {
  examined: number;
  escalated: number;
  /** Breach notices sent: level 3's limit or the final answer ran out. */
  breaches: number;
  notifications: number;
}

const BREACH_TITLES: Record<ComplaintBreach, (complaintNo: string) => string> = {
  top_level: (complaintNo) => `投诉 ${complaintNo} 已超过第 3 级（省公司）处理时限`,
  final: (complaintNo) => `投诉 ${complaintNo} 已超过最终答复时限，仍未答复客户`,
};

function breachNotifications(userIds: readonly number[], complaint: ComplaintRecord, breaches: readonly ComplaintBreach[], deadlines: Record<ComplaintBreach, Date>): NewNotification[] {
  return breaches.flatMap((breach) =>
    userIds.map((userId) => ({
      userId,
      kind: `complaint.${breach}_breached`,
      title: BREACH_TITLES[breach](complaint.complaintNo),
      body: null,
      params: { complaintNo: complaint.complaintNo, breach, deadline: deadlines[breach].toISOString() },
      entityType: 'complaint',
      entityId: String(complaint.id),
    })),
  );
}

/** Escalates one locked complaint by the limits it passed and notifies the level reached; returns the notifications sent. */
async function escalateOverdue(tx: Executor, complaint: ComplaintRecord, steps: readonly EscalationStep[], now: Date): Promise<number> {
  let level = complaint.level;
  let status = complaint.status;
  for (const step of steps) {
    await appendComplaintEvent(tx, complaint.id, step.at, { id: null, name: 'system' }, {
      fromStatus: status,
      toStatus: 'escalated',
      fromLevel: level,
      toLevel: step.level,
      automatic: true,
      onTime: false,
    });
    level = step.level;
    status = 'escalated';
  }
  const last = steps[steps.length - 1]!;
  await updateComplaint(tx, complaint.id, { status: 'escalated', level: last.level, levelStartedAt: last.at, levelDeadline: last.deadline, escalatedOnce: true }, now);
  await publishComplaintTransition(tx, complaint.id, complaint.status, 'escalated', now);
  const sent = await insertNotifications(tx, levelNotifications(await complaintLevelManagers(tx, complaint.id, last.level), complaint, last.level, true), now);
  await appendAudit(tx, {
    actorName: 'system',
    action: 'complaint.escalated',
    entityType: 'complaint',
    entityId: complaint.id,
    before: { status: complaint.status, level: complaint.level },
    after: { status: 'escalated', level: last.level, automatic: true, breachedAt: steps[0]!.at.toISOString() },
  });
  return sent;
}

/**
 * Tells the province, once per breach, that level 3's limit or the final answer ran out: there is
 * no level left to escalate to, so the notice is the escalation. Returns [breaches, notifications].
 */
async function noticeBreaches(tx: Executor, complaint: ComplaintRecord, state: BreachState, now: Date): Promise<[number, number]> {
  const due = breachesToNotice(state, now);
  if (!due.topLevel && !due.final) return [0, 0];
  const managers = await complaintLevelManagers(tx, complaint.id, TOP_COMPLAINT_LEVEL);
  const sent = await insertNotifications(tx, breachNotifications(managers, complaint, due.notify, { top_level: state.levelDeadline, final: state.finalDeadline }), now);
  await markComplaintBreachesNoticed(tx, complaint.id, { ...(due.topLevel ? { topLevelFor: state.levelDeadline } : {}), ...(due.final ? { finalAt: now } : {}) });
  await appendAudit(tx, {
    actorName: 'system',
    action: 'complaint.breach_noticed',
    entityType: 'complaint',
    entityId: complaint.id,
    after: { breaches: due.notify, levelDeadline: state.levelDeadline.toISOString(), finalDeadline: state.finalDeadline.toISOString(), notified: managers.length },
  });
  return [due.notify.length, sent];
}

/**
 * Escalates every open complaint whose level limit ran out by `now`, one level per limit passed,
 * each new level timed from the breach, and notifies the managers of the level reached; past the top
 * level's limit and past the final answer it notifies the province instead, once per breach.
 * Idempotent: a complaint re-read under its lock that is no longer due is left alone.
 */
export async function runComplaintEscalationScan(db: Database, now: Date, batch = 500): Promise<EscalationScanResult> {
  const result: EscalationScanResult = { examined: 0, escalated: 0, breaches: 0, notifications: 0 };
  const [rules, calendar] = await Promise.all([currentComplaintRules(db), loadBusinessCalendar(db)]);
  for (const id of await dueComplaintIds(db, now, batch)) {
    result.examined += 1;
    await db.transaction(async (tx) => {
      const complaint = await lockComplaintById(tx, id);
      if (!complaint || !(OPEN_COMPLAINT_STATES as readonly string[]).includes(complaint.status)) return;
      const steps = escalationsDue(calendar, rules, complaint, now);
      const last = steps.at(-1);
      if (last) {
        result.notifications += await escalateOverdue(tx, complaint, steps, now);
        result.escalated += 1;
      }
      const state: BreachState = { ...complaint, level: last?.level ?? complaint.level, levelDeadline: last?.deadline ?? complaint.levelDeadline };
      const [breaches, sent] = await noticeBreaches(tx, complaint, state, now);
      result.breaches += breaches;
      result.notifications += sent;
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Read
// ---------------------------------------------------------------------------------------------

export async function complaintDetail(db: Executor, access: AccessContext, id: number, now: Date) {
  const complaint = await findComplaint(db, access, id);
  if (!complaint) throw notFound('Complaint');
  const [events, workOrders, appeals, compensations] = await Promise.all([
    listComplaintEvents(db, id),
    listComplaintWorkOrders(db, id),
    listAppeals(db, id),
    listCompensationOffers(db, id),
  ]);
  return toComplaintDetailJson(complaint, { events, workOrders, appeals, compensations }, access, now);
}
