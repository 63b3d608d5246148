import { DomainError } from '../errors';
import type { Questionnaire } from './questionnaire.data';
import type { SurveyErrorCode } from './survey-score';

/** Question and dimension codes are the keys answers are stored under (see the answer body). */
const CODE = /^[a-z_]{1,40}$/;
/** A scale wider than this is not something a customer scores on the phone. */
const MAX_SCALE_WIDTH = 100;

const invalid = (message: string, path: string) => new DomainError<SurveyErrorCode>('survey.invalid_questionnaire', message, { path });

function duplicateAt(codes: readonly string[]): number {
  return codes.findIndex((code, i) => codes.indexOf(code) !== i);
}

/**
 * Checks a questionnaire version before it is stored, with the path of the first problem: codes
 * unique and answer-safe, whole-percent weights adding up to 100 on dimensions that have questions,
 * whole-number scales, and for approval surveys a yes/no (0–1) approval question.
 */
export function validateQuestionnaire(questionnaire: Questionnaire): void {
  if (questionnaire.title.zh.trim() === '') throw invalid('The questionnaire needs a Chinese title', 'title.zh');
  const dimensionCodes = questionnaire.dimensions.map((d) => d.code);
  if (dimensionCodes.length === 0) throw invalid('At least one dimension', 'dimensions');
  questionnaire.dimensions.forEach((dimension, i) => {
    if (!CODE.test(dimension.code)) throw invalid('A code is 1–40 lower-case letters or underscores', `dimensions.${i}.code`);
    if (dimension.label.zh.trim() === '') throw invalid('A dimension needs a Chinese label', `dimensions.${i}.label.zh`);
    if (!Number.isInteger(dimension.weight) || dimension.weight < 0 || dimension.weight > 100) {
      throw invalid('A weight is a whole percent', `dimensions.${i}.weight`);
    }
  });
  const sameDimension = duplicateAt(dimensionCodes);
  if (sameDimension >= 0) throw invalid(`Dimension ${dimensionCodes[sameDimension]} appears twice`, `dimensions.${sameDimension}.code`);
  const total = questionnaire.dimensions.reduce((sum, d) => sum + d.weight, 0);
  if (total !== 100) throw invalid(`Weights add up to ${total}, not 100`, 'dimensions');

  const questionCodes = questionnaire.questions.map((q) => q.code);
  questionnaire.questions.forEach((question, i) => {
    if (!CODE.test(question.code)) throw invalid('A code is 1–40 lower-case letters or underscores', `questions.${i}.code`);
    if (question.text.zh.trim() === '') throw invalid('A question needs its Chinese text', `questions.${i}.text.zh`);
    const { min, max } = question.scale;
    if (!Number.isInteger(min)) throw invalid('A scale starts at a whole number', `questions.${i}.scale.min`);
    if (!Number.isInteger(max) || max <= min || max - min > MAX_SCALE_WIDTH) {
      throw invalid(`A scale ends at a whole number above its start, at most ${MAX_SCALE_WIDTH} wide`, `questions.${i}.scale.max`);
    }
    const unweighted = question.code === questionnaire.approvalQuestion;
    if (!unweighted && !dimensionCodes.includes(question.dimension)) throw invalid(`No dimension ${question.dimension}`, `questions.${i}.dimension`);
  });
  const sameQuestion = duplicateAt(questionCodes);
  if (sameQuestion >= 0) throw invalid(`Question ${questionCodes[sameQuestion]} appears twice`, `questions.${sameQuestion}.code`);
  questionnaire.dimensions.forEach((dimension, i) => {
    if (!questionnaire.questions.some((q) => q.dimension === dimension.code)) throw invalid(`Dimension ${dimension.code} has no question`, `dimensions.${i}`);
  });

  const approval = questionnaire.questions.find((q) => q.code === questionnaire.approvalQuestion);
  if (questionnaire.kind === 'approval' && (approval === undefined || approval.scale.min !== 0 || approval.scale.max !== 1)) {
    throw invalid('An approval survey names its yes/no (0–1) approval question', 'approvalQuestion');
  }
  if (questionnaire.kind === 'satisfaction' && questionnaire.approvalQuestion !== undefined) {
    throw invalid('Only approval surveys have an approval question', 'approvalQuestion');
  }
}
