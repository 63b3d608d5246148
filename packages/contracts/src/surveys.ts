import { z } from 'zod';
import { Timestamp } from './common';
import { CustomerNo } from './customers';

/** The questionnaires that can be sent and edited (each has versions). */
export const QuestionnaireCode = z.enum(['am_approval', 'ka_satisfaction']);

export const SurveyInvitationCreate = z.object({
  customerNo: CustomerNo,
  questionnaire: QuestionnaireCode,
  /** outbound_call: an agent reads the call script and records the answers; mobile_link: a one-time link. */
  channel: z.enum(['outbound_call', 'mobile_link']),
});

export const SurveyAnswerBody = z.object({ answers: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.number()) });

export const TokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });

const Localized = z.object({ zh: z.string(), en: z.string() });
export const PublicQuestionnaire = z.object({
  code: z.string(),
  version: z.number().int(),
  title: Localized,
  questions: z.array(z.object({ code: z.string(), text: Localized, scale: z.object({ min: z.number().int(), max: z.number().int() }) })),
});

export const SurveyInvitationCreated = z.object({
  id: z.number().int(),
  /** mobile_link only, shown once: the customer's page is /survey/{token}. */
  token: z.string().nullable(),
  questionnaire: z.string(),
  version: z.number().int(),
  /** The version sent, as the agent's call script reads it out. */
  script: PublicQuestionnaire,
});

export const SurveyScoreSchema = z.object({ index: z.number(), dimensions: z.record(z.string(), z.number()), approves: z.boolean().nullable() });

export const SurveyMeasuresSchema = z.object({
  month: z.string(),
  approval: z.array(z.object({ accountManager: z.string().nullable(), customerClass: z.string(), surveyed: z.number().int(), approving: z.number().int(), rate: z.number().nullable() })),
  satisfaction: z.array(z.object({ accountManager: z.string().nullable(), answers: z.number().int(), index: z.number(), dimensions: z.record(z.string(), z.number()) })),
});

// ---------------------------------------------------------------------------------------------
// Questionnaire editor: each save is a new version; answers keep the version they answered.
// ---------------------------------------------------------------------------------------------

export const QuestionnaireCodeParam = z.object({ code: QuestionnaireCode });

const EditorText = z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().max(200) });
const AnswerKey = z.string().regex(/^[a-z_]{1,40}$/);

/** What the editor sends: the definition without code and version, which the server assigns. */
export const QuestionnaireDraft = z.object({
  title: EditorText,
  dimensions: z.array(z.object({ code: AnswerKey, label: EditorText, weight: z.number() })).min(1).max(20),
  questions: z
    .array(z.object({ code: AnswerKey, text: EditorText, dimension: z.string().max(40), scale: z.object({ min: z.number().int(), max: z.number().int() }) }))
    .min(1)
    .max(60),
  approvalQuestion: AnswerKey.optional(),
});

export const QuestionnaireSchema = QuestionnaireDraft.extend({
  code: z.string(),
  version: z.number().int(),
  kind: z.enum(['approval', 'satisfaction']),
  title: Localized,
  dimensions: z.array(z.object({ code: z.string(), label: Localized, weight: z.number() })),
  questions: z.array(z.object({ code: z.string(), text: Localized, dimension: z.string(), scale: z.object({ min: z.number().int(), max: z.number().int() }) })),
  approvalQuestion: z.string().optional(),
  /** Saved versions, newest first. */
  versions: z.array(z.object({ version: z.number().int(), createdAt: Timestamp, createdBy: z.string().nullable() })),
});
