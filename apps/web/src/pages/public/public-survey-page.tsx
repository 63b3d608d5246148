import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { publicSurveyApi } from '../../api/complaints';
import { FormErrorAlert } from '../../lib/use-api-error';
import { ScoredQuestions, useLocalizedText } from '../surveys/scored-questions';

// The customer's survey on a phone: no sign-in, the one-time token in the link is the key.
export function PublicSurveyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [form] = Form.useForm<Record<string, number>>();
  const questionnaire = useQuery({ queryKey: ['public-survey', token], queryFn: ({ signal }) => publicSurveyApi.get(token, signal), retry: false });
  const submit = useMutation({ mutationFn: (answers: Record<string, number>) => publicSurveyApi.answer(token, answers) });
  const text = useLocalizedText();

  return (
    <Flex justify="center" style={{ padding: 16 }} data-testid="public-survey-page">
      <Card style={{ width: '100%', maxWidth: 520 }} title={questionnaire.data ? text(questionnaire.data.title) : t('complaints.survey.title')}>
        {questionnaire.isError ? <Alert type="warning" showIcon message={t('complaints.survey.unavailable')} data-testid="survey-unavailable" /> : null}
        {submit.isSuccess ? (
          <Result status="success" title={t('complaints.survey.thanks')} data-testid="survey-thanks" />
        ) : questionnaire.data ? (
          <Form form={form} layout="vertical" onFinish={(values) => submit.mutate(values)}>
            <Typography.Paragraph>{t('complaints.survey.intro')}</Typography.Paragraph>
            <FormErrorAlert error={submit.error} />
            <ScoredQuestions questions={questionnaire.data.questions} />
            <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="survey-submit">
              {t('complaints.survey.submit')}
            </Button>
          </Form>
        ) : null}
      </Card>
    </Flex>
  );
}
