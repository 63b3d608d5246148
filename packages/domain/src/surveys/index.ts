export {
  AM_APPROVAL_QUESTIONNAIRE,
  BUILT_IN_QUESTIONNAIRES,
  type Dimension,
  KA_SATISFACTION_QUESTIONNAIRE,
  type LocalizedText,
  QUESTIONNAIRE_KINDS,
  type Question,
  type QuestionScale,
  type Questionnaire,
  type QuestionnaireKind,
} from './questionnaire.data';
export {
  SURVEY_ERROR_CODES,
  type SurveyAnswers,
  type SurveyErrorCode,
  type SurveyScore,
  approvalRate,
  checkAnswers,
  scoreSurvey,
} from './survey-score';
export { validateQuestionnaire } from './questionnaire-validation';
