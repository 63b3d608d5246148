/**
 * Questionnaires as versioned data (DOMAIN §5.1, §5.4, §8 #10). Answers store the code and version
 * they were given under, because a changed question is not comparable with the old one.
 */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

export interface QuestionScale {
  readonly min: number;
  readonly max: number;
}

export interface Question {
  readonly code: string;
  readonly text: LocalizedText;
  readonly dimension: string;
  readonly scale: QuestionScale;
}

export interface Dimension {
  readonly code: string;
  readonly label: LocalizedText;
  /** Percent of the index; a questionnaire's weights add up to 100. */
  readonly weight: number;
}

export const QUESTIONNAIRE_KINDS = ['approval', 'satisfaction'] as const;
export type QuestionnaireKind = (typeof QUESTIONNAIRE_KINDS)[number];

export interface Questionnaire {
  readonly code: string;
  readonly version: number;
  readonly kind: QuestionnaireKind;
  readonly title: LocalizedText;
  readonly dimensions: readonly Dimension[];
  readonly questions: readonly Question[];
  /** Approval questionnaires: the yes/no question whose "yes" counts the customer as approving. */
  readonly approvalQuestion?: string;
}

const FIVE: QuestionScale = { min: 1, max: 5 };
const TEN: QuestionScale = { min: 0, max: 10 };

/** Since April 2007 the AM approval question covers four aspects (S1). */
export const AM_APPROVAL_QUESTIONNAIRE: Questionnaire = {
  code: 'am_approval',
  version: 2,
  kind: 'approval',
  title: { zh: '客户经理服务认可度调查', en: 'Account-manager approval survey' },
  dimensions: [
    { code: 'proactive', label: { zh: '主动积极', en: 'Proactive' }, weight: 25 },
    { code: 'problem_solving', label: { zh: '解决问题', en: 'Problem solving' }, weight: 25 },
    { code: 'promises_kept', label: { zh: '按时兑现承诺', en: 'Promises kept on time' }, weight: 25 },
    { code: 'business_knowledge', label: { zh: '业务知识', en: 'Business knowledge' }, weight: 25 },
  ],
  questions: [
    { code: 'proactive', dimension: 'proactive', scale: FIVE, text: { zh: '客户经理是否主动积极地为您服务？', en: 'Does your account manager serve you proactively?' } },
    { code: 'problem_solving', dimension: 'problem_solving', scale: FIVE, text: { zh: '客户经理能否解决您的问题？', en: 'Does your account manager solve your problems?' } },
    { code: 'promises_kept', dimension: 'promises_kept', scale: FIVE, text: { zh: '客户经理是否按时兑现承诺？', en: 'Does your account manager keep promises on time?' } },
    { code: 'business_knowledge', dimension: 'business_knowledge', scale: FIVE, text: { zh: '客户经理的业务知识是否熟练？', en: 'Does your account manager know the business well?' } },
    { code: 'approve', dimension: 'overall', scale: { min: 0, max: 1 }, text: { zh: '总体上您是否认可客户经理的服务？（1 认可，0 不认可）', en: 'Overall, do you approve of your account manager’s service? (1 yes, 0 no)' } },
  ],
  approvalQuestion: 'approve',
};

/** China Telecom KA satisfaction index, 5 dimensions, 20% each (S2, §8 #10). */
export const KA_SATISFACTION_QUESTIONNAIRE: Questionnaire = {
  code: 'ka_satisfaction',
  version: 1,
  kind: 'satisfaction',
  title: { zh: '大客户满意度调查', en: 'Key-account satisfaction survey' },
  dimensions: [
    { code: 'product_quality', label: { zh: '产品质量', en: 'Product quality' }, weight: 20 },
    { code: 'pre_sales', label: { zh: '售前', en: 'Pre-sales' }, weight: 20 },
    { code: 'in_sales', label: { zh: '售中', en: 'In-sales' }, weight: 20 },
    { code: 'after_sales', label: { zh: '售后', en: 'After-sales' }, weight: 20 },
    { code: 'am_service', label: { zh: '客户经理', en: 'Account-manager service' }, weight: 20 },
  ],
  questions: [
    { code: 'reliability', dimension: 'product_quality', scale: TEN, text: { zh: '通信质量是否可靠？', en: 'How reliable is your communication service?' } },
    { code: 'fit', dimension: 'product_quality', scale: TEN, text: { zh: '产品与方案是否符合您的需要？', en: 'Do products and solutions fit your needs?' } },
    { code: 'promotion', dimension: 'pre_sales', scale: TEN, text: { zh: '是否主动向您推介？', en: 'Are offers presented to you proactively?' } },
    { code: 'consultation', dimension: 'pre_sales', scale: TEN, text: { zh: '咨询是否方便快捷？', en: 'Is consultation easy and quick?' } },
    { code: 'ordering', dimension: 'in_sales', scale: TEN, text: { zh: '办理业务是否方便？', en: 'Is ordering easy?' } },
    { code: 'provisioning_speed', dimension: 'in_sales', scale: TEN, text: { zh: '开通是否及时？', en: 'Is provisioning fast?' } },
    { code: 'billing_and_faults', dimension: 'after_sales', scale: TEN, text: { zh: '查询账单、报障是否方便？', en: 'Is it easy to query bills and report faults?' } },
    { code: 'repair_speed', dimension: 'after_sales', scale: TEN, text: { zh: '故障修复是否及时？', en: 'Are faults repaired quickly?' } },
    { code: 'am_timely', dimension: 'am_service', scale: TEN, text: { zh: '客户经理是否主动及时？', en: 'Is your account manager proactive and timely?' } },
    { code: 'am_competence', dimension: 'am_service', scale: TEN, text: { zh: '客户经理的协调与专业能力如何？', en: 'How good are your account manager’s coordination and competence?' } },
  ],
};

export const BUILT_IN_QUESTIONNAIRES: readonly Questionnaire[] = [AM_APPROVAL_QUESTIONNAIRE, KA_SATISFACTION_QUESTIONNAIRE];
