import type { AppealRecord, ComplaintEventRecord, ComplaintRecord, CompensationOfferRecord } from '@patron/db';
import { type AccessContext, type ComplaintState, allowedAppealTransitions, allowedComplaintTransitions, formatFen } from '@patron/domain';
import { maskLineNo } from '../customers/customer.serializer';

const OPEN = new Set(['received', 'assigned', 'processing', 'escalated']);

/** The line number follows the caller's phone policy, as it does in the 360 view and on work orders. */
export function toComplaintSummaryJson(complaint: ComplaintRecord, access: AccessContext, now: Date) {
  return {
    id: complaint.id,
    complaintNo: complaint.complaintNo,
    customerId: complaint.customerId,
    customerNo: complaint.customerNo,
    customerName: complaint.customerName,
    customerOrgUnit: complaint.customerOrgUnit,
    lineId: complaint.lineId,
    lineNo: complaint.lineNo === null ? null : maskLineNo(complaint.lineNo, access),
    channel: complaint.channel,
    category: complaint.category,
    severity: complaint.severity,
    description: complaint.description,
    status: complaint.status as ComplaintState,
    level: complaint.level,
    repeat: complaint.repeat,
    hot: complaint.hot,
    hotKeywords: complaint.hotKeywords,
    assignee: complaint.assignee,
    assigneeName: complaint.assigneeName,
    reopenCount: complaint.reopenCount,
    receivedAt: complaint.receivedAt,
    levelDeadline: complaint.levelDeadline,
    finalDeadline: complaint.finalDeadline,
    overdue: OPEN.has(complaint.status) && complaint.levelDeadline.getTime() <= now.getTime(),
    resolvedAt: complaint.resolvedAt,
    closedAt: complaint.closedAt,
    updatedAt: complaint.updatedAt,
  };
}

export function toCompensationOfferJson(offer: CompensationOfferRecord) {
  return {
    id: offer.id,
    kind: offer.kind,
    amount: formatFen(offer.amountFen),
    requiredLevel: offer.requiredLevel,
    status: offer.status,
    note: offer.note,
    proposedAt: offer.proposedAt,
    decidedAt: offer.decidedAt,
    decidedBy: offer.decidedBy,
  };
}

export function toComplaintDetailJson(
  complaint: ComplaintRecord,
  related: {
    events: ComplaintEventRecord[];
    workOrders: { id: number; orderNo: string; type: string; status: string }[];
    appeals: AppealRecord[];
    compensations: CompensationOfferRecord[];
  },
  access: AccessContext,
  now: Date,
) {
  return {
    ...toComplaintSummaryJson(complaint, access, now),
    resolution: complaint.resolution,
    rootCause: complaint.rootCause,
    rootCauseDetail: complaint.rootCauseDetail,
    customerConfirmed: complaint.customerConfirmed,
    noConfirmationReason: complaint.noConfirmationReason,
    firstContactResolved: complaint.firstContactResolved,
    rulesVersion: complaint.rulesVersion,
    allowedTransitions: allowedComplaintTransitions(complaint.status as ComplaintState),
    events: related.events.map(({ id: _id, ...event }) => event),
    workOrders: related.workOrders,
    appeals: related.appeals.map(({ complaintId: _complaint, ...appeal }) => ({ ...appeal, allowedTransitions: [...allowedAppealTransitions(appeal.status)] })),
    compensations: related.compensations.map(toCompensationOfferJson),
  };
}
