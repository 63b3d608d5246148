import { Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicQuestionnaire } from '../../api/complaints';

const range = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => min + i);

/** The text in the reader's language (zh-CN first; en when chosen and present). */
export function useLocalizedText(): (value: { zh: string; en: string }) => string {
  const { i18n } = useTranslation();
  return (value) => (i18n.language === 'en' && value.en ? value.en : value.zh);
}

/**
 * One required scale per question of the version sent: the customer's phone page and the outbound
 * agent's call script show the same items, so both record answers the same version scores.
 */
export function ScoredQuestions({ questions }: { questions: PublicQuestionnaire['questions'] }) {
  const text = useLocalizedText();
  return (
    <>
      {questions.map((question) => (
        <Form.Item key={question.code} name={question.code} label={text(question.text)} rules={[{ required: true }]}>
          <Radio.Group data-testid={`survey-question-${question.code}`}>
            {range(question.scale.min, question.scale.max).map((value) => (
              <Radio.Button key={value} value={value}>
                {value}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
      ))}
    </>
  );
}
