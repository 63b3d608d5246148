// Questionnaires (versioned) and survey invitations. Wire types mirror packages/contracts/src/surveys.ts.
import { http } from './http-client';
import type { PublicQuestionnaire } from './complaints';

export const questionnaireCodes = ['am_approval', 'ka_satisfaction'] as const;
export type QuestionnaireCode = (typeof questionnaireCodes)[number];
export const surveyChannels = ['outbound_call', 'mobile_link'] as const;
export type SurveyChannel = (typeof surveyChannels)[number];

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface QuestionnaireDimension {
  code: string;
  label: LocalizedText;
  /** Whole percent; a questionnaire's weights add up to 100. */
  weight: number;
}

export interface QuestionnaireQuestion {
  code: string;
  text: LocalizedText;
  dimension: string;
  scale: { min: number; max: number };
}

export interface QuestionnaireDraft {
  title: LocalizedText;
  dimensions: QuestionnaireDimension[];
  questions: QuestionnaireQuestion[];
  approvalQuestion?: string;
}

export interface Questionnaire extends QuestionnaireDraft {
  code: QuestionnaireCode;
  version: number;
  kind: 'approval' | 'satisfaction';
  versions: { version: number; createdAt: string; createdBy: string | null }[];
}

export interface SurveyInvitationInput {
  customerNo: string;
  questionnaire: QuestionnaireCode;
  channel: SurveyChannel;
}

export interface SurveyInvitationCreated {
  id: number;
  token: string | null;
  questionnaire: string;
  version: number;
  script: PublicQuestionnaire;
}

export interface SurveyScore {
  index: number;
  dimensions: Record<string, number>;
  approves: boolean | null;
}

export const surveyKeys = {
  questionnaire: (code: QuestionnaireCode) => ['surveys', 'questionnaire', code] as const,
};

export const surveysApi = {
  questionnaire: (code: QuestionnaireCode, signal?: AbortSignal) => http.get<Questionnaire>(`/questionnaires/${code}`, undefined, signal),
  saveVersion: (code: QuestionnaireCode, draft: QuestionnaireDraft) => http.post<Questionnaire>(`/questionnaires/${code}/versions`, draft),
  invite: (body: SurveyInvitationInput) => http.post<SurveyInvitationCreated>('/surveys/invitations', body),
  recordAnswers: (id: number, answers: Record<string, number>) => http.post<SurveyScore>(`/surveys/invitations/${id}/answers`, { answers }),
};
