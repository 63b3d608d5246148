import { randomBytes } from 'node:crypto';
import {
  ComplaintMeasuresQuery,
  IdParam,
  PublicQuestionnaire,
  SurveyAnswerBody,
  SurveyInvitationCreate,
  SurveyInvitationCreated,
  SurveyMeasuresSchema,
  SurveyScoreSchema,
  TokenParam,
} from '@patron/contracts';
import {
  currentQuestionnaire,
  ensureQuestionnaire,
  findComplaintCustomer,
  insertSurveyInvitation,
  insertSurveyResponse,
  lockInvitation,
  lockInvitationByToken,
  surveyMeasures,
  type Executor,
  type SurveyInvitationRecord,
} from '@patron/db';
import { DAY_MS, type Questionnaire, approvalRate, scoreSurvey } from '@patron/domain';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../context';
import { audit } from '../../audit';
import { AppError, invalid, notFound } from '../../errors';
import { authorizeAny } from '../../plugins/authenticate';
import { hashToken } from '../auth/tokens';

/** A mobile link stays valid for 14 days. */
const LINK_DAYS = 14;

function usable(invitation: SurveyInvitationRecord | undefined, now: Date): SurveyInvitationRecord {
  // An unknown, expired or used token reads the same to the holder: nothing to answer.
  if (!invitation || (invitation.expiresAt !== null && invitation.expiresAt.getTime() < now.getTime())) throw notFound('Survey');
  if (invitation.status === 'answered') {
    throw new AppError('survey.already_answered', 'This survey has already been answered', [{ path: 'token', message: 'answered once already' }]);
  }
  return invitation;
}

/** What the customer's page and the agent's call script show of a version. */
function scriptOf({ code, version, title, questions }: Questionnaire) {
  return { code, version, title, questions: questions.map(({ code: q, text, scale }) => ({ code: q, text, scale })) };
}

/** Scores against the version the invitation was sent with, and stores answer and score together. */
async function answer(tx: Executor, request: FastifyRequest, invitation: SurveyInvitationRecord, answers: Record<string, number>, now: Date) {
  const score = scoreSurvey(invitation.definition, answers);
  await insertSurveyResponse(tx, invitation, answers, score, now, request.access?.userId ?? null);
  await audit(tx, request, {
    action: 'survey.answered',
    entityType: 'survey_invitation',
    entityId: invitation.id,
    after: { questionnaire: invitation.questionnaireCode, version: invitation.questionnaireVersion, index: score.index, approves: score.approves },
  });
  return score;
}

export async function surveyRoutes(app: App) {
  const { db } = app.deps;
  const desk = authorizeAny('service.desk', 'customer.write');

  app.post(
    '/surveys/invitations',
    { preHandler: desk, schema: { tags: ['surveys'], body: SurveyInvitationCreate, response: { 201: SurveyInvitationCreated } } },
    async (request, reply) => {
      const now = app.deps.now();
      // The version in force (the newest the editor saved) is the one sent and later scored.
      const questionnaire = await currentQuestionnaire(db, request.body.questionnaire);
      if (!questionnaire) throw invalid('body.questionnaire', `No questionnaire ${request.body.questionnaire}`);
      const customer = await findComplaintCustomer(db, request.access!, { customerNo: request.body.customerNo });
      if (!customer) throw invalid('body.customerNo', `No customer ${request.body.customerNo} in your scope`);
      const token = request.body.channel === 'mobile_link' ? randomBytes(24).toString('base64url') : null;
      const id = await db.transaction(async (tx) => {
        await ensureQuestionnaire(tx, questionnaire);
        const created = await insertSurveyInvitation(
          tx,
          {
            questionnaire,
            customerId: customer.id,
            channel: request.body.channel,
            tokenHash: token === null ? null : hashToken(token),
            expiresAt: token === null ? null : new Date(now.getTime() + LINK_DAYS * DAY_MS),
          },
          request.access!.userId,
          now,
        );
        await audit(tx, request, { action: 'survey.sent', entityType: 'survey_invitation', entityId: created, after: { ...request.body, customerNo: customer.customerNo } });
        return created;
      });
      return reply.code(201).send({ id, token, questionnaire: questionnaire.code, version: questionnaire.version, script: scriptOf(questionnaire) });
    },
  );

  // The outbound agent records the answers read out on the call script.
  app.post(
    '/surveys/invitations/:id/answers',
    { preHandler: desk, schema: { tags: ['surveys'], params: IdParam, body: SurveyAnswerBody, response: { 201: SurveyScoreSchema } } },
    async (request, reply) => {
      const now = app.deps.now();
      const score = await db.transaction(async (tx) => answer(tx, request, usable(await lockInvitation(tx, request.access!, request.params.id), now), request.body.answers, now));
      return reply.code(201).send(score);
    },
  );

  // The customer's mobile page: no login, the one-time token is the key.
  app.get(
    '/public/surveys/:token',
    { schema: { tags: ['surveys'], params: TokenParam, response: { 200: PublicQuestionnaire } } },
    async (request) => {
      const invitation = await db.transaction(async (tx) => usable(await lockInvitationByToken(tx, hashToken(request.params.token)), app.deps.now()));
      return scriptOf(invitation.definition);
    },
  );

  app.post(
    '/public/surveys/:token',
    { schema: { tags: ['surveys'], params: TokenParam, body: SurveyAnswerBody, response: { 201: SurveyScoreSchema } } },
    async (request, reply) => {
      const now = app.deps.now();
      const score = await db.transaction(async (tx) => answer(tx, request, usable(await lockInvitationByToken(tx, hashToken(request.params.token)), now), request.body.answers, now));
      return reply.code(201).send(score);
    },
  );

  app.get(
    '/survey-measures',
    {
      preHandler: authorizeAny('customer.read', 'service.desk', 'report.read'),
      schema: { tags: ['surveys'], querystring: ComplaintMeasuresQuery, response: { 200: SurveyMeasuresSchema } },
    },
    async (request) => {
      const measures = await surveyMeasures(db, request.access!, request.query.month);
      return {
        month: request.query.month,
        approval: measures.approval.map((row) => ({ ...row, rate: approvalRate(row.approving, row.surveyed) })),
        satisfaction: measures.satisfaction.map((row) => ({ ...row, dimensions: row.dimensions ?? {} })),
      };
    },
  );
}
