import { QuestionnaireCodeParam, QuestionnaireDraft, QuestionnaireSchema } from '@patron/contracts';
import { type Questionnaire, validateQuestionnaire } from '@patron/domain';
import { currentQuestionnaire, ensureQuestionnaire, insertQuestionnaireVersion, listQuestionnaireVersions, type Executor } from '@patron/db';
import type { App } from '../../context';
import { audit } from '../../audit';
import { conflict, notFound } from '../../errors';
import { authorize, authorizeAny } from '../../plugins/authenticate';

async function questionnaireInForce(db: Executor, code: string): Promise<Questionnaire> {
  const questionnaire = await currentQuestionnaire(db, code);
  if (!questionnaire) throw notFound('Questionnaire');
  return questionnaire;
}

async function toQuestionnaireJson(db: Executor, questionnaire: Questionnaire) {
  const versions = await listQuestionnaireVersions(db, questionnaire.code);
  return {
    ...questionnaire,
    dimensions: [...questionnaire.dimensions],
    questions: [...questionnaire.questions],
    versions,
  };
}

/** The questionnaire editor (DOMAIN §5.1, §5.4): read the version in force, save the next one. */
export async function questionnaireRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    '/questionnaires/:code',
    { preHandler: authorizeAny('rule.manage', 'service.desk', 'report.read'), schema: { tags: ['surveys'], params: QuestionnaireCodeParam, response: { 200: QuestionnaireSchema } } },
    async (request) => toQuestionnaireJson(db, await questionnaireInForce(db, request.params.code)),
  );

  // Each save is version n + 1 of the same code and kind; invitations already sent keep their version.
  app.post(
    '/questionnaires/:code/versions',
    { preHandler: authorize('rule.manage'), schema: { tags: ['surveys'], params: QuestionnaireCodeParam, body: QuestionnaireDraft, response: { 201: QuestionnaireSchema } } },
    async (request, reply) => {
      const now = app.deps.now();
      const saved = await db.transaction(async (tx) => {
        const previous = await questionnaireInForce(tx, request.params.code);
        const { approvalQuestion, ...draft } = request.body;
        const next: Questionnaire = {
          ...draft,
          code: previous.code,
          kind: previous.kind,
          version: previous.version + 1,
          ...(approvalQuestion === undefined ? {} : { approvalQuestion }),
        };
        validateQuestionnaire(next);
        // The shipped version joins the history before the first edit replaces it.
        await ensureQuestionnaire(tx, previous);
        if (!(await insertQuestionnaireVersion(tx, next, request.access!.userId, now))) {
          throw conflict(`Version ${next.version} of ${next.code} was saved meanwhile`, [{ path: 'version', message: 'reload and edit the newest version' }]);
        }
        await audit(tx, request, { action: 'questionnaire.version_saved', entityType: 'questionnaire', entityId: `${next.code}/${next.version}`, after: next });
        return next;
      });
      return reply.code(201).send(await toQuestionnaireJson(db, saved));
    },
  );
}

