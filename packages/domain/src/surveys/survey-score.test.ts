import { describe, expect, it } from 'vitest';
import { AM_APPROVAL_QUESTIONNAIRE, KA_SATISFACTION_QUESTIONNAIRE, type Questionnaire } from './questionnaire.data';
import { validateQuestionnaire } from './questionnaire-validation';
import { approvalRate, scoreSurvey } from './survey-score';

const all = (value: number) => Object.fromEntries(KA_SATISFACTION_QUESTIONNAIRE.questions.map((q) => [q.code, value]));

describe('satisfaction index', () => {
  it.each<[string, Record<string, number>, number, Record<string, number>]>([
    ['all top marks', all(10), 100, { product_quality: 100, am_service: 100 }],
    ['all zero', all(0), 0, { product_quality: 0 }],
    ['one dimension half', { ...all(10), reliability: 5, fit: 5 }, 90, { product_quality: 50, pre_sales: 100 }],
    ['mixed', { ...all(8), repair_speed: 3, am_timely: 10, am_competence: 9 }, 78, { after_sales: 55, am_service: 95 }],
  ])('%s', (_name, answers, index, dimensions) => {
    const score = scoreSurvey(KA_SATISFACTION_QUESTIONNAIRE, answers);
    expect(score.index).toBe(index);
    expect(score.dimensions).toMatchObject(dimensions);
    expect(score.approves).toBeNull();
  });

  it('weights other than equal move the index', () => {
    const weighted: Questionnaire = {
      ...KA_SATISFACTION_QUESTIONNAIRE,
      dimensions: KA_SATISFACTION_QUESTIONNAIRE.dimensions.map((d) => ({ ...d, weight: d.code === 'product_quality' ? 60 : 10 })),
    };
    validateQuestionnaire(weighted);
    expect(scoreSurvey(weighted, { ...all(10), reliability: 0, fit: 0 }).index).toBe(40);
  });

  it.each<[string, Record<string, number>, string]>([
    ['above the scale', { ...all(10), fit: 11 }, 'answers.fit'],
    ['below the scale', { ...all(10), fit: -1 }, 'answers.fit'],
    ['not a whole number', { ...all(10), fit: 7.5 }, 'answers.fit'],
    ['a question missing', Object.fromEntries(Object.entries(all(5)).filter(([code]) => code !== 'ordering')), 'answers.ordering'],
    ['an unknown question', { ...all(5), mood: 3 }, 'answers.mood'],
  ])('rejects a score %s', (_name, answers, path) => {
    expect(() => scoreSurvey(KA_SATISFACTION_QUESTIONNAIRE, answers)).toThrow(expect.objectContaining({ path }));
  });

  it('weights must add up to 100', () => {
    const broken = { ...KA_SATISFACTION_QUESTIONNAIRE, dimensions: KA_SATISFACTION_QUESTIONNAIRE.dimensions.slice(1) };
    expect(() => validateQuestionnaire(broken)).toThrow(/80/);
    expect(() => validateQuestionnaire(KA_SATISFACTION_QUESTIONNAIRE)).not.toThrow();
    expect(() => validateQuestionnaire(AM_APPROVAL_QUESTIONNAIRE)).not.toThrow();
  });

  const ka = KA_SATISFACTION_QUESTIONNAIRE;
  it.each<[string, Questionnaire, string]>([
    ['a weight that is not a whole percent', { ...ka, dimensions: ka.dimensions.map((d, i) => ({ ...d, weight: i === 0 ? 19.5 : d.weight })) }, 'dimensions.0.weight'],
    ['a dimension twice', { ...ka, dimensions: [...ka.dimensions.slice(0, 4), { ...ka.dimensions[0]!, weight: 20 }] }, 'dimensions.4.code'],
    ['a question twice', { ...ka, questions: [...ka.questions, ka.questions[0]!] }, 'questions.10.code'],
    ['a question in no dimension', { ...ka, questions: ka.questions.map((q, i) => (i === 2 ? { ...q, dimension: 'mood' } : q)) }, 'questions.2.dimension'],
    ['an empty scale', { ...ka, questions: ka.questions.map((q, i) => (i === 1 ? { ...q, scale: { min: 5, max: 5 } } : q)) }, 'questions.1.scale.max'],
    ['a code answers cannot carry', { ...ka, questions: ka.questions.map((q, i) => (i === 0 ? { ...q, code: 'Reliability!' } : q)) }, 'questions.0.code'],
    ['a question without text', { ...ka, questions: ka.questions.map((q, i) => (i === 3 ? { ...q, text: { zh: ' ', en: '' } } : q)) }, 'questions.3.text.zh'],
    ['an approval question that is not yes/no', { ...AM_APPROVAL_QUESTIONNAIRE, questions: AM_APPROVAL_QUESTIONNAIRE.questions.filter((q) => q.code !== 'approve'), approvalQuestion: 'proactive' }, 'approvalQuestion'],
  ])('rejects %s with its field path', (_name, questionnaire, path) => {
    expect(() => validateQuestionnaire(questionnaire)).toThrow(expect.objectContaining({ code: 'survey.invalid_questionnaire', path }));
  });
});

describe('approval', () => {
  const aspects = { proactive: 5, problem_solving: 4, promises_kept: 4, business_knowledge: 3 };
  it.each<[number, boolean, number]>([
    [1, true, 75],
    [0, false, 75],
  ])('approve=%i', (approve, approves, index) => {
    expect(scoreSurvey(AM_APPROVAL_QUESTIONNAIRE, { ...aspects, approve })).toMatchObject({ approves, index });
  });

  it.each<[number, number, number | null]>([
    [47, 49, 47 / 49],
    [7, 10, 0.7],
    [0, 0, null],
  ])('%i of %i', (approving, surveyed, rate) => {
    expect(approvalRate(approving, surveyed)).toBe(rate);
  });
});
