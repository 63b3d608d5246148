import { DomainError } from '../errors';
import type { Questionnaire } from './questionnaire.data';

export const SURVEY_ERROR_CODES = ['survey.score_out_of_scale', 'survey.unknown_question', 'survey.answer_missing', 'survey.invalid_questionnaire'] as const;
export type SurveyErrorCode = (typeof SURVEY_ERROR_CODES)[number];

export type SurveyAnswers = Readonly<Record<string, number>>;

export interface SurveyScore {
  /** Per dimension, 0–100: the mean of its questions, each scaled from its own range. */
  readonly dimensions: Readonly<Record<string, number>>;
  /** Σ weight × dimension score over the weighted dimensions, 0–100, one decimal. */
  readonly index: number;
  /** Approval questionnaires only: whether the customer approves. */
  readonly approves: boolean | null;
}

/** Checks the answers against the questionnaire (every question, whole numbers inside each scale). */
export function checkAnswers(questionnaire: Questionnaire, answers: SurveyAnswers): void {
  for (const code of Object.keys(answers)) {
    if (!questionnaire.questions.some((q) => q.code === code)) {
      throw new DomainError<SurveyErrorCode>('survey.unknown_question', `No question ${code} in ${questionnaire.code} v${questionnaire.version}`, { path: `answers.${code}` });
    }
  }
  for (const question of questionnaire.questions) {
    const value = answers[question.code];
    if (value === undefined) throw new DomainError<SurveyErrorCode>('survey.answer_missing', `Question ${question.code} is not answered`, { path: `answers.${question.code}` });
    if (!Number.isInteger(value) || value < question.scale.min || value > question.scale.max) {
      throw new DomainError<SurveyErrorCode>(
        'survey.score_out_of_scale',
        `${question.code}: ${value} is outside the scale ${question.scale.min}–${question.scale.max}`,
        { path: `answers.${question.code}` },
      );
    }
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function scoreSurvey(questionnaire: Questionnaire, answers: SurveyAnswers): SurveyScore {
  checkAnswers(questionnaire, answers);
  const dimensions: Record<string, number> = {};
  let index = 0;
  for (const dimension of questionnaire.dimensions) {
    const questions = questionnaire.questions.filter((q) => q.dimension === dimension.code);
    const scaled = questions.map((q) => ((answers[q.code]! - q.scale.min) / (q.scale.max - q.scale.min)) * 100);
    const score = scaled.reduce((sum, value) => sum + value, 0) / scaled.length;
    dimensions[dimension.code] = round1(score);
    index += (dimension.weight * score) / 100;
  }
  const approval = questionnaire.approvalQuestion;
  return { dimensions, index: round1(index), approves: approval === undefined ? null : answers[approval] === 1 };
}

/** Approval rate (§5.1) = approving ÷ surveyed, as a fraction; null when nobody was surveyed. */
export function approvalRate(approving: number, surveyed: number): number | null {
  return surveyed === 0 ? null : approving / surveyed;
}
