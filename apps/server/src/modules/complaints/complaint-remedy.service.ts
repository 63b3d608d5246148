import {
  currentComplaintRules,
  decideCompensationOffer,
  insertAppeal,
  insertCompensationOffer,
  loadBusinessCalendar,
  lockAppeal,
  lockComplaint,
  lockCompensationOffer,
  updateAppealStatus,
  type Database,
} from '@patron/db';
import {
  type AccessContext,
  type CompensationKind,
  type ComplaintLevel,
  type RoleCode,
  allowedAppealTransitions,
  appealDeadlines,
  approvalLevelFor,
} from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import { audit } from '../../audit';
import { AppError, conflict, invalid, notFound } from '../../errors';

/** The complaint level a role answers for: front line 1, district and city 2, province 3. */
const ROLE_LEVEL: Partial<Record<RoleCode, ComplaintLevel>> = {
  account_manager: 1,
  phone_manager: 1,
  outbound_agent: 1,
  team_lead: 1,
  district_manager: 2,
  city_manager: 2,
  province_manager: 3,
};

export function approverLevel(access: AccessContext): ComplaintLevel | undefined {
  const levels = access.roles.map((role) => ROLE_LEVEL[role]).filter((level): level is ComplaintLevel => level !== undefined);
  return levels.length === 0 ? undefined : (Math.max(...levels) as ComplaintLevel);
}

/** Links an external appeal (申诉) to its complaint, with its own acceptance and handling limits. */
export async function addAppeal(
  db: Database,
  request: FastifyRequest,
  complaintId: number,
  input: { reference: string; authority: string; receivedAt?: Date | undefined },
  now: Date,
): Promise<void> {
  const calendar = await loadBusinessCalendar(db);
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime()) throw invalid('body.receivedAt', 'An appeal cannot be received in the future');
  const due = appealDeadlines(calendar, receivedAt);
  await db.transaction(async (tx) => {
    const complaint = await lockComplaint(tx, request.access!, complaintId);
    if (!complaint) throw notFound('Complaint');
    const id = await insertAppeal(
      tx,
      { complaintId, reference: input.reference, authority: input.authority, receivedAt, acceptanceDue: due.acceptanceDue, handlingDue: due.handlingDue },
      request.access!.userId,
    );
    if (id === undefined) throw conflict(`Appeal ${input.reference} of ${input.authority} is already recorded`, [{ path: 'body.reference', message: 'already recorded' }]);
    await audit(tx, request, { action: 'complaint.appeal_linked', entityType: 'complaint', entityId: complaintId, after: { appealId: id, ...input } });
  });
}

/** Records the appeal body's decision on an appeal (accepted or rejected, then answered). */
export async function moveAppeal(
  db: Database,
  request: FastifyRequest,
  complaintId: number,
  appealId: number,
  to: 'accepted' | 'rejected' | 'answered',
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const complaint = await lockComplaint(tx, request.access!, complaintId);
    if (!complaint) throw notFound('Complaint');
    const appeal = await lockAppeal(tx, complaintId, appealId);
    if (!appeal) throw notFound('Appeal');
    const allowed = allowedAppealTransitions(appeal.status);
    if (!allowed.includes(to)) {
      throw new AppError('state.illegal_transition', `The appeal is ${appeal.status}`, [
        { path: 'body.to', message: `allowed from ${appeal.status}: ${allowed.length === 0 ? 'none' : allowed.join(', ')}` },
      ]);
    }
    await updateAppealStatus(tx, appealId, to, now);
    await audit(tx, request, {
      action: `complaint.appeal_${to}`,
      entityType: 'complaint',
      entityId: complaintId,
      before: { appealId, status: appeal.status },
      after: { appealId, status: to },
    });
  });
}

/** A symbolic compensation (credit, points, gift); the amount decides which level must approve it. */
export async function offerCompensation(
  db: Database,
  request: FastifyRequest,
  complaintId: number,
  input: { kind: CompensationKind; amount: number; note?: string | undefined },
  now: Date,
): Promise<void> {
  const rules = await currentComplaintRules(db);
  const requiredLevel = approvalLevelFor(rules, input.amount);
  if (requiredLevel === undefined) {
    throw new AppError('complaint.compensation_over_limit', `Above the province's approval limit of ${rules.compensationLimitsFen[3]} fen`, [
      { path: 'body.amount', message: 'above every approval limit' },
    ]);
  }
  await db.transaction(async (tx) => {
    const complaint = await lockComplaint(tx, request.access!, complaintId);
    if (!complaint) throw notFound('Complaint');
    if (complaint.status === 'closed') throw conflict('The complaint is closed');
    const id = await insertCompensationOffer(tx, { complaintId, kind: input.kind, amountFen: input.amount, requiredLevel, note: input.note ?? null, proposedAt: now }, request.access!.userId);
    await audit(tx, request, { action: 'complaint.compensation_offered', entityType: 'complaint', entityId: complaintId, after: { offerId: id, kind: input.kind, amountFen: input.amount, requiredLevel } });
  });
}

export async function decideCompensation(db: Database, request: FastifyRequest, complaintId: number, offerId: number, to: 'approved' | 'rejected', now: Date): Promise<void> {
  const access = request.access!;
  await db.transaction(async (tx) => {
    const complaint = await lockComplaint(tx, access, complaintId);
    if (!complaint) throw notFound('Complaint');
    const offer = await lockCompensationOffer(tx, complaintId, offerId);
    if (!offer) throw notFound('Compensation offer');
    if (offer.status !== 'proposed') throw new AppError('state.illegal_transition', `The offer is already ${offer.status}`, [{ path: 'body.to', message: 'allowed: none' }]);
    const level = approverLevel(access) ?? 0;
    if (level < offer.requiredLevel) {
      throw new AppError('complaint.approval_over_limit', `This amount needs a level-${offer.requiredLevel} approver; you decide up to level ${level}`, [
        { path: 'body.to', message: `needs level ${offer.requiredLevel}, you are level ${level}` },
      ]);
    }
    await decideCompensationOffer(tx, offerId, to, access.userId, now);
    await audit(tx, request, {
      action: `complaint.compensation_${to}`,
      entityType: 'complaint',
      entityId: complaintId,
      before: { offerId, status: offer.status },
      after: { offerId, status: to, amountFen: offer.amountFen },
    });
  });
}
