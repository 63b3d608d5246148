import { sql, type SQL } from 'drizzle-orm';
import type { AccessContext, Questionnaire, SurveyScore } from '@patron/domain';
import type { Executor } from '../database';
import { complaintScope } from './complaint.repository';
import { drillDownConditions, type DrillDownFilter } from './measure-groups';
import { offsetOf, type Page, type PageRequest } from './paging';
import { customerAggregateScope } from './scope';

/** Stores a questionnaire version once (built-in ones are written on first use). */
export async function ensureQuestionnaire(tx: Executor, questionnaire: Questionnaire): Promise<void> {
  await tx.run(sql`INSERT INTO questionnaires (code, version, kind, definition)
    VALUES (${questionnaire.code}, ${questionnaire.version}, ${questionnaire.kind}, ${JSON.stringify(questionnaire)}::jsonb)
    ON CONFLICT (code, version) DO NOTHING`);
}

export interface SurveyInvitationRecord {
  id: number;
  questionnaireCode: string;
  questionnaireVersion: number;
  definition: Questionnaire;
  customerId: number;
  customerNo: string;
  customerGrade: string;
  orgUnitId: number;
  accountManagerId: number | null;
  channel: 'outbound_call' | 'mobile_link';
  status: 'sent' | 'answered';
  expiresAt: Date | null;
}

const invitationColumns = sql`i.id, i.questionnaire_code AS "questionnaireCode", i.questionnaire_version AS "questionnaireVersion", q.definition,
  i.customer_id AS "customerId", c.customer_no AS "customerNo", c.grade AS "customerGrade", c.org_unit_id AS "orgUnitId",
  c.account_manager_id AS "accountManagerId", i.channel, i.status, i.expires_at AS "expiresAt"`;
const invitationFrom = sql`FROM survey_invitations i JOIN questionnaires q ON q.code = i.questionnaire_code AND q.version = i.questionnaire_version
  JOIN customers c ON c.id = i.customer_id`;

export async function insertSurveyInvitation(
  tx: Executor,
  invitation: { questionnaire: Questionnaire; customerId: number; channel: 'outbound_call' | 'mobile_link'; tokenHash: string | null; expiresAt: Date | null },
  userId: number,
  at: Date,
): Promise<number> {
  const row = await tx.first<{ id: number }>(sql`INSERT INTO survey_invitations (questionnaire_code, questionnaire_version, customer_id, channel, token_hash, sent_at, expires_at, sent_by)
    VALUES (${invitation.questionnaire.code}, ${invitation.questionnaire.version}, ${invitation.customerId}, ${invitation.channel}, ${invitation.tokenHash},
      ${at.toISOString()}, ${invitation.expiresAt?.toISOString() ?? null}, ${userId}) RETURNING id`);
  return row!.id;
}

/** Unscoped: the mobile page holds only the token. */
export function lockInvitationByToken(tx: Executor, tokenHash: string): Promise<SurveyInvitationRecord | undefined> {
  return tx.first<SurveyInvitationRecord>(sql`SELECT ${invitationColumns} ${invitationFrom} WHERE i.token_hash = ${tokenHash} FOR UPDATE OF i`);
}

export function lockInvitation(tx: Executor, ctx: AccessContext, id: number): Promise<SurveyInvitationRecord | undefined> {
  return tx.first<SurveyInvitationRecord>(sql`SELECT ${invitationColumns} ${invitationFrom} WHERE i.id = ${id} AND ${complaintScope(ctx)} FOR UPDATE OF i`);
}

/** Records the answer and marks the invitation answered; the caller has checked it was not. */
export async function insertSurveyResponse(
  tx: Executor,
  invitation: SurveyInvitationRecord,
  answers: Readonly<Record<string, number>>,
  score: SurveyScore,
  at: Date,
  recordedBy: number | null,
): Promise<void> {
  const grade = invitation.customerGrade;
  const customerClass = grade === 'guest' ? 'guest' : ['diamond', 'gold', 'silver'].includes(grade) ? 'vip' : 'other';
  await tx.run(sql`INSERT INTO survey_responses (invitation_id, questionnaire_code, questionnaire_version, kind, customer_id, account_manager_id,
      org_unit_id, customer_class, answers, dimension_scores, score_index, approves, answered_at, recorded_by)
    VALUES (${invitation.id}, ${invitation.questionnaireCode}, ${invitation.questionnaireVersion}, ${invitation.definition.kind}, ${invitation.customerId},
      ${invitation.accountManagerId}, ${invitation.orgUnitId}, ${customerClass}, ${JSON.stringify(answers)}::jsonb,
      ${JSON.stringify(score.dimensions)}::jsonb, ${score.index}, ${score.approves}, ${at.toISOString()}, ${recordedBy})`);
  await tx.run(sql`UPDATE survey_invitations SET status = 'answered' WHERE id = ${invitation.id}`);
}

export interface SurveyMeasureRow {
  accountManager: string | null;
  customerClass: string;
  surveyed: number;
  approving: number;
}

export interface SatisfactionMeasureRow {
  accountManager: string | null;
  answers: number;
  index: number;
  dimensions: Record<string, number>;
}

/** Approval (VIP and 贵宾 apart) and the satisfaction index with dimension means, per account manager, for a month. */
export async function surveyMeasures(db: Executor, ctx: AccessContext, month: string): Promise<{ approval: SurveyMeasureRow[]; satisfaction: SatisfactionMeasureRow[] }> {
  const scope = ctx.dataScope === 'aggregate' ? customerAggregateScope(ctx) : complaintScope(ctx);
  const inMonth = sql`to_char(s.answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}`;
  const [approval, satisfaction] = await Promise.all([
    db.rows<SurveyMeasureRow>(sql`SELECT u.username AS "accountManager", s.customer_class AS "customerClass", count(*)::int AS surveyed,
        count(*) FILTER (WHERE s.approves)::int AS approving
      FROM survey_responses s JOIN customers c ON c.id = s.customer_id LEFT JOIN users u ON u.id = s.account_manager_id
      WHERE ${scope} AND s.kind = 'approval' AND ${inMonth} GROUP BY u.username, s.customer_class ORDER BY u.username, s.customer_class`),
    db.rows<SatisfactionMeasureRow>(sql`SELECT u.username AS "accountManager", count(*)::int AS answers, round(avg(s.score_index), 1)::float8 AS index,
        (SELECT jsonb_object_agg(d.key, d.mean) FROM (SELECT e.key, round(avg(e.value::numeric), 1)::float8 AS mean
          FROM survey_responses s2 JOIN customers c2 ON c2.id = s2.customer_id, jsonb_each_text(s2.dimension_scores) e
          WHERE s2.kind = 'satisfaction' AND to_char(s2.answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}
            AND s2.account_manager_id IS NOT DISTINCT FROM s.account_manager_id AND ${complaintScope(ctx, 'c2')}
          GROUP BY e.key) d) AS dimensions
      FROM survey_responses s JOIN customers c ON c.id = s.customer_id LEFT JOIN users u ON u.id = s.account_manager_id
      WHERE ${scope} AND s.kind = 'satisfaction' AND ${inMonth} GROUP BY u.username, s.account_manager_id ORDER BY u.username`),
  ]);
  return { approval, satisfaction };
}

export interface SurveyResponseFilter extends DrillDownFilter {
  kind?: 'approval' | 'satisfaction';
  customerClass?: 'vip' | 'guest' | 'other';
  approves?: boolean;
}

export interface SurveyResponseRecord {
  id: number;
  answeredAt: Date;
  questionnaire: string;
  version: number;
  kind: 'approval' | 'satisfaction';
  customerNo: string;
  customerName: string;
  customerClass: 'vip' | 'guest' | 'other';
  accountManager: string | null;
  accountManagerName: string | null;
  orgUnit: string;
  orgUnitName: string;
  index: number;
  approves: boolean | null;
  dimensions: Record<string, number>;
}

/** The answers behind a survey measure: the same frozen manager and org unit the roll-up groups by. */
export async function listSurveyResponses(db: Executor, ctx: AccessContext, filter: SurveyResponseFilter, paging: PageRequest): Promise<Page<SurveyResponseRecord>> {
  const parts: SQL[] = [
    complaintScope(ctx),
    ...drillDownConditions(filter, { orgUnitId: sql`s.org_unit_id`, managerId: sql`s.account_manager_id`, at: sql`s.answered_at` }),
  ];
  if (filter.kind !== undefined) parts.push(sql`s.kind = ${filter.kind}`);
  if (filter.customerClass !== undefined) parts.push(sql`s.customer_class = ${filter.customerClass}`);
  if (filter.approves !== undefined) parts.push(sql`s.approves = ${filter.approves}`);
  const where = sql.join(parts, sql` AND `);
  const from = sql`FROM survey_responses s JOIN customers c ON c.id = s.customer_id JOIN org_units o ON o.id = s.org_unit_id
    LEFT JOIN users u ON u.id = s.account_manager_id`;
  const [items, count] = await Promise.all([
    db.rows<SurveyResponseRecord>(sql`SELECT s.id, s.answered_at AS "answeredAt", s.questionnaire_code AS questionnaire, s.questionnaire_version AS version,
        s.kind, c.customer_no AS "customerNo", c.name AS "customerName", s.customer_class AS "customerClass", u.username AS "accountManager",
        u.display_name AS "accountManagerName", o.code AS "orgUnit", o.name AS "orgUnitName", s.score_index::float8 AS index, s.approves,
        s.dimension_scores AS dimensions
      ${from} WHERE ${where} ORDER BY s.answered_at DESC, s.id DESC LIMIT ${paging.pageSize} OFFSET ${offsetOf(paging)}`),
    db.first<{ total: number }>(sql`SELECT count(*)::int AS total ${from} WHERE ${where}`),
  ]);
  return { items, total: count?.total ?? 0, ...paging };
}
