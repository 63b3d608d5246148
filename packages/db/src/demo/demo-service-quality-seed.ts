import { sql } from 'drizzle-orm';
import { AM_APPROVAL_QUESTIONNAIRE, DEFAULT_COMPLAINT_RULES, KA_SATISFACTION_QUESTIONNAIRE } from '@patron/domain';
import type { Executor } from '../database';
import { ensureQuestionnaire } from '../repositories/survey.repository';
import { insertRows } from './demo-insert';
import type { DemoServiceQuality, PlannedComplaint, PlannedComplaintEvent, PlannedRevisit, PlannedSurvey } from './demo-service-quality';

/** How the loader turns the plan's codes and usernames into the ids it inserted. */
export interface DemoReferences {
  customerId(customerNo: string): number;
  userId(username: string): number;
  orgId(code: string): number;
  displayName(username: string): string;
}

/** Tables this loader fills; the seed drops and re-checks their foreign keys like the archive's. */
export const SERVICE_QUALITY_TABLES = ['complaints', 'complaint_events', 'revisits', 'survey_invitations', 'survey_responses'];

const json = (value: unknown) => JSON.stringify(value);

/**
 * Loads the planned complaints (with their timeline and revisits) and survey answers, and moves the
 * complaint number sequences past the demo's numbers, so a complaint logged later for one of those
 * days (a letter received back then) gets a fresh number.
 */
export async function insertServiceQuality(tx: Executor, quality: DemoServiceQuality, refs: DemoReferences, calendarVersion: string): Promise<void> {
  const complaints = await insertRows<PlannedComplaint, { id: number; complaintNo: string }>(
    tx,
    'complaints',
    [
      { name: 'complaint_no', type: 'text', value: (p) => p.complaintNo },
      { name: 'customer_id', type: 'bigint', value: (p) => refs.customerId(p.customerNo) },
      { name: 'channel', type: 'text', value: (p) => p.channel },
      { name: 'category', type: 'text', value: (p) => p.category },
      { name: 'severity', type: 'text', value: (p) => p.severity },
      { name: 'description', type: 'text', value: (p) => p.description },
      { name: 'status', type: 'text', value: () => 'closed' },
      { name: 'level', type: 'smallint', value: (p) => p.level },
      { name: 'repeat', type: 'boolean', value: (p) => String(p.repeat) },
      { name: 'hot', type: 'boolean', value: (p) => String(p.hot) },
      { name: 'assignee_id', type: 'bigint', value: (p) => refs.userId(p.assignee) },
      { name: 'received_at', type: 'timestamptz', value: (p) => p.receivedAt },
      { name: 'level_started_at', type: 'timestamptz', value: (p) => p.levelStartedAt },
      { name: 'level_deadline', type: 'timestamptz', value: (p) => p.levelDeadline },
      { name: 'final_deadline', type: 'timestamptz', value: (p) => p.finalDeadline },
      { name: 'escalated_once', type: 'boolean', value: (p) => String(p.escalatedOnce) },
      { name: 'reopen_count', type: 'integer', value: (p) => p.reopenCount },
      { name: 'resolution', type: 'text', value: (p) => p.resolution },
      { name: 'root_cause', type: 'text', value: (p) => p.rootCause },
      { name: 'root_cause_detail', type: 'text', value: (p) => p.rootCauseDetail },
      { name: 'customer_confirmed', type: 'boolean', value: (p) => (p.customerConfirmed === null ? null : String(p.customerConfirmed)) },
      { name: 'no_confirmation_reason', type: 'text', value: (p) => p.noConfirmationReason },
      { name: 'first_contact_resolved', type: 'boolean', value: (p) => String(p.firstContactResolved) },
      { name: 'resolved_at', type: 'timestamptz', value: (p) => p.resolvedAt },
      { name: 'resolved_level', type: 'smallint', value: (p) => p.level },
      { name: 'closed_at', type: 'timestamptz', value: (p) => p.closedAt },
      { name: 'rules_version', type: 'text', value: () => DEFAULT_COMPLAINT_RULES.version },
      { name: 'calendar_version', type: 'text', value: () => calendarVersion },
      { name: 'created_by', type: 'bigint', value: (p) => refs.userId(p.assignee) },
      { name: 'created_at', type: 'timestamptz', value: (p) => p.receivedAt },
      { name: 'updated_at', type: 'timestamptz', value: (p) => p.closedAt },
    ],
    quality.complaints,
    sql`id, complaint_no AS "complaintNo"`,
  );
  const complaintIds = new Map(complaints.map((row) => [row.complaintNo, row.id]));
  const complaintId = (complaintNo: string) => complaintIds.get(complaintNo)!;

  // text[] does not travel inside unnest's arrays: the few hot complaints get their words afterwards.
  const hot = quality.complaints.filter((p) => p.hotKeywords.length > 0);
  if (hot.length > 0) {
    await tx.run(sql`UPDATE complaints p SET hot_keywords = string_to_array(v.words, '|')
      FROM unnest(${sql.param(hot.map((p) => p.complaintNo))}::text[], ${sql.param(hot.map((p) => p.hotKeywords.join('|')))}::text[]) AS v(no, words)
      WHERE p.complaint_no = v.no`);
  }

  await insertRows<PlannedComplaintEvent>(
    tx,
    'complaint_events',
    [
      { name: 'complaint_id', type: 'bigint', value: (e) => complaintId(e.complaintNo) },
      { name: 'occurred_at', type: 'timestamptz', value: (e) => e.occurredAt },
      { name: 'from_status', type: 'text', value: (e) => e.fromStatus },
      { name: 'to_status', type: 'text', value: (e) => e.toStatus },
      { name: 'from_level', type: 'smallint', value: (e) => e.fromLevel },
      { name: 'to_level', type: 'smallint', value: (e) => e.toLevel },
      { name: 'automatic', type: 'boolean', value: (e) => String(e.automatic) },
      { name: 'on_time', type: 'boolean', value: (e) => (e.onTime === null ? null : String(e.onTime)) },
      { name: 'actor_id', type: 'bigint', value: (e) => (e.actor === null ? null : refs.userId(e.actor)) },
      { name: 'actor_name', type: 'text', value: (e) => (e.actor === null ? null : refs.displayName(e.actor)) },
    ],
    quality.complaintEvents,
  );

  await insertRows<PlannedRevisit>(
    tx,
    'revisits',
    [
      { name: 'trigger', type: 'text', value: () => 'complaint' },
      { name: 'complaint_id', type: 'bigint', value: (r) => complaintId(r.complaintNo) },
      { name: 'round', type: 'integer', value: (r) => r.round },
      { name: 'customer_id', type: 'bigint', value: (r) => refs.customerId(r.customerNo) },
      { name: 'channel', type: 'text', value: () => 'revisit_desk' },
      { name: 'owner_id', type: 'bigint', value: (r) => refs.userId(r.owner) },
      { name: 'due_at', type: 'timestamptz', value: (r) => r.dueAt },
      { name: 'status', type: 'text', value: (r) => r.status },
      { name: 'attempts', type: 'integer', value: (r) => r.attempts },
      { name: 'outcome', type: 'text', value: (r) => r.outcome },
      { name: 'satisfaction', type: 'smallint', value: (r) => r.satisfaction },
      { name: 'problems', type: 'text', value: (r) => r.problems },
      { name: 'last_attempt_at', type: 'timestamptz', value: (r) => r.lastAttemptAt },
      { name: 'done_at', type: 'timestamptz', value: (r) => r.doneAt },
      { name: 'done_by', type: 'bigint', value: (r) => (r.doneAt === null ? null : refs.userId(r.owner)) },
      { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    ],
    quality.revisits,
  );

  await tx.run(sql`INSERT INTO complaint_sequences (day, last_value)
    SELECT * FROM unnest(${sql.param([...quality.complaintDays.keys()])}::date[], ${sql.param([...quality.complaintDays.values()])}::integer[])
    ON CONFLICT (day) DO UPDATE SET last_value = greatest(complaint_sequences.last_value, excluded.last_value)`);

  await insertSurveys(tx, quality.surveys, refs);
}

/** Invitations first (answered), then one response each, matched by customer, questionnaire and send time. */
async function insertSurveys(tx: Executor, surveys: readonly PlannedSurvey[], refs: DemoReferences): Promise<void> {
  await ensureQuestionnaire(tx, AM_APPROVAL_QUESTIONNAIRE);
  await ensureQuestionnaire(tx, KA_SATISFACTION_QUESTIONNAIRE);
  const keyOf = (customerId: number, code: string, sentAt: Date | string) => `${customerId}|${code}|${new Date(sentAt).getTime()}`;
  const invitations = await insertRows<PlannedSurvey, { id: number; customerId: number; code: string; sentAt: Date }>(
    tx,
    'survey_invitations',
    [
      { name: 'questionnaire_code', type: 'text', value: (s) => s.questionnaire.code },
      { name: 'questionnaire_version', type: 'integer', value: (s) => s.questionnaire.version },
      { name: 'customer_id', type: 'bigint', value: (s) => refs.customerId(s.customerNo) },
      { name: 'channel', type: 'text', value: (s) => s.channel },
      { name: 'token_hash', type: 'text', value: (s) => s.tokenHash },
      { name: 'status', type: 'text', value: () => 'answered' },
      { name: 'sent_at', type: 'timestamptz', value: (s) => s.sentAt },
      { name: 'expires_at', type: 'timestamptz', value: (s) => s.expiresAt },
      { name: 'sent_by', type: 'bigint', value: (s) => (s.recordedBy === null ? null : refs.userId(s.recordedBy)) },
    ],
    surveys,
    sql`id, customer_id AS "customerId", questionnaire_code AS code, sent_at AS "sentAt"`,
  );
  const invitationIds = new Map(invitations.map((row) => [keyOf(row.customerId, row.code, row.sentAt), row.id]));
  await insertRows<PlannedSurvey>(
    tx,
    'survey_responses',
    [
      { name: 'invitation_id', type: 'bigint', value: (s) => invitationIds.get(keyOf(refs.customerId(s.customerNo), s.questionnaire.code, s.sentAt))! },
      { name: 'questionnaire_code', type: 'text', value: (s) => s.questionnaire.code },
      { name: 'questionnaire_version', type: 'integer', value: (s) => s.questionnaire.version },
      { name: 'kind', type: 'text', value: (s) => s.questionnaire.kind },
      { name: 'customer_id', type: 'bigint', value: (s) => refs.customerId(s.customerNo) },
      { name: 'account_manager_id', type: 'bigint', value: (s) => refs.userId(s.accountManager) },
      { name: 'org_unit_id', type: 'bigint', value: (s) => refs.orgId(s.orgUnit) },
      { name: 'customer_class', type: 'text', value: (s) => s.customerClass },
      { name: 'answers', type: 'jsonb', value: (s) => json(s.answers) },
      { name: 'dimension_scores', type: 'jsonb', value: (s) => json(s.dimensions) },
      { name: 'score_index', type: 'numeric', value: (s) => s.index },
      { name: 'approves', type: 'boolean', value: (s) => (s.approves === null ? null : String(s.approves)) },
      { name: 'answered_at', type: 'timestamptz', value: (s) => s.answeredAt },
      { name: 'recorded_by', type: 'bigint', value: (s) => (s.recordedBy === null ? null : refs.userId(s.recordedBy)) },
    ],
    surveys,
  );
}
