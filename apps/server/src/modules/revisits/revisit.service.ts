import type { RevisitAttemptInput } from '@patron/contracts';
import {
  findWorkOrder,
  insertNotifications,
  lockComplaintById,
  lockRevisit,
  recordRevisitAttempt,
  updateComplaint,
  type Database,
  type Executor,
  type RevisitRecord,
  type NewNotification,
} from '@patron/db';
import { type AccessContext, type RevisitAttempt, missingForClose, revisitStatusAfter, worksRevisitChannel } from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../audit';
import { AppError, notFound } from '../../errors';
import { applyComplaintTransition } from '../complaints/complaint.service';
import { transitionWorkOrder } from '../work-orders/work-order.service';

const REOPENABLE_ORDER_STATES = new Set(['completed', 'delivered', 'revisit_pending']);

function unsatisfiedNotice(revisit: RevisitRecord, userId: number): NewNotification {
  const item = revisit.complaintNo ?? revisit.workOrderNo ?? '';
  return {
    userId,
    kind: 'revisit.unsatisfied',
    title: `回访不满意：${revisit.customerName} ${item} 已重新打开`,
    body: revisit.problems,
    params: { revisitId: revisit.id, item, customerNo: revisit.customerNo },
    entityType: revisit.complaintId !== null ? 'complaint' : 'work_order',
    entityId: String(revisit.complaintId ?? revisit.workOrderId),
  };
}

/** The complaint side of an outcome: satisfied confirms (and closes when nothing else is missing), unsatisfied reopens. */
async function applyToComplaint(tx: Executor, revisit: RevisitRecord, satisfied: boolean, access: AccessContext, now: Date): Promise<string | null> {
  const complaint = await lockComplaintById(tx, revisit.complaintId!);
  if (!complaint || complaint.status !== 'resolved') return null;
  const actor = { id: access.userId, name: access.username };
  if (!satisfied) {
    await applyComplaintTransition(tx, complaint, { to: 'processing', note: revisit.problems ?? '回访不满意' }, actor, now);
    return 'reopened';
  }
  if (missingForClose({ ...complaint, customerConfirmed: true }).length > 0) {
    // Confirmed, but the handler still owes the root cause: it closes once that is recorded.
    await updateComplaint(tx, complaint.id, { status: complaint.status, level: complaint.level, customerConfirmed: true }, now);
    return 'confirmed';
  }
  await applyComplaintTransition(tx, complaint, { to: 'closed', customerConfirmed: true }, actor, now);
  return 'closed';
}

async function applyToWorkOrder(tx: Executor, request: FastifyRequest, revisit: RevisitRecord, satisfied: boolean, access: AccessContext, now: Date): Promise<string | null> {
  // The desk reached this order's revisit through its own scope; it acts on the order with that reach.
  const deskAccess: AccessContext = { ...access, dataScope: 'subtree' };
  const order = await findWorkOrder(tx, deskAccess, revisit.workOrderId!);
  if (!order) return null;
  if (!satisfied && REOPENABLE_ORDER_STATES.has(order.status)) {
    await transitionWorkOrder(tx, request, order.id, { to: 'reopened', note: revisit.problems ?? '回访不满意' }, now, deskAccess);
    return 'reopened';
  }
  if (satisfied && order.status === 'revisit_pending') {
    await transitionWorkOrder(tx, request, order.id, { to: 'archived' }, now, deskAccess);
    return 'archived';
  }
  return null;
}

/**
 * One call of a revisit: not reached (a retry, unreachable after the last), or reached with the
 * customer's verdict. Only the people of the task's channel call it; the caller becomes its one
 * owner. All in one transaction with what the verdict does to the order or complaint and the account
 * manager's notification.
 */
export async function recordRevisitCall(db: Database, request: FastifyRequest, id: number, input: RevisitAttemptInput, now: Date): Promise<void> {
  const access = request.access!;
  await db.transaction(async (tx) => {
    const revisit = await lockRevisit(tx, access, id);
    if (!revisit) throw notFound('Revisit');
    if (revisit.status !== 'pending') {
      throw new AppError('state.illegal_transition', `The revisit is ${revisit.status}`, [{ path: 'id', message: 'only pending revisits take calls' }]);
    }
    if (!worksRevisitChannel(access, revisit.channel)) {
      throw new AppError('revisit.wrong_channel', `The revisit is routed to the ${revisit.channel}; only its people call it`, [
        { path: 'id', message: `routed to ${revisit.channel}` },
      ]);
    }
    // A revisit checks the manager's work, so the customer's own account manager does not make it.
    if (revisit.accountManagerId === access.userId) {
      throw new AppError('revisit.wrong_channel', 'The customer’s own account manager does not make their revisit', [
        { path: 'id', message: 'own customer' },
      ]);
    }
    if (revisit.ownerId !== null && revisit.ownerId !== access.userId) {
      throw new AppError('conflict', `The revisit belongs to ${revisit.owner}`, [{ path: 'id', message: 'one owner per revisit' }]);
    }
    const attempt: RevisitAttempt = input.reached ? { reached: true, outcome: input.outcome! } : { reached: false };
    const next = revisitStatusAfter(attempt, revisit.attempts);
    const outcome = input.reached ? input.outcome! : null;
    await recordRevisitAttempt(
      tx,
      id,
      { status: next.status, attempts: next.attempts, ownerId: access.userId, outcome, satisfaction: input.satisfaction ?? null, problems: input.problems ?? null },
      now,
    );
    let effect: string | null = null;
    if (outcome !== null) {
      const satisfied = outcome === 'satisfied';
      const recorded = { ...revisit, problems: input.problems ?? null };
      effect = revisit.complaintId !== null
        ? await applyToComplaint(tx, recorded, satisfied, access, now)
        : await applyToWorkOrder(tx, request, recorded, satisfied, access, now);
      if (!satisfied && revisit.accountManagerId !== null) await insertNotifications(tx, [unsatisfiedNotice(recorded, revisit.accountManagerId)], now);
    }
    await audit(tx, request, {
      action: 'revisit.call',
      entityType: 'revisit',
      entityId: id,
      before: { status: revisit.status, attempts: revisit.attempts },
      after: { status: next.status, attempts: next.attempts, outcome, satisfaction: input.satisfaction ?? null, effect },
    });
  });
}
