import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { questionnaireCodes, surveyChannels, surveysApi, type SurveyInvitationCreated, type SurveyInvitationInput } from '../../api/surveys';
import { PageContainer } from '../../components/page-container';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { ScoredQuestions, useLocalizedText } from './scored-questions';

const INVITE_FIELDS = ['customerNo', 'questionnaire', 'channel'] as const;

/** The agent reads the version sent out item by item and records what the customer says. */
function CallScript({ invitation, onDone }: { invitation: SurveyInvitationCreated; onDone: () => void }) {
  const { t } = useTranslation();
  const text = useLocalizedText();
  const [form] = Form.useForm<Record<string, number>>();
  const record = useMutation({ mutationFn: (answers: Record<string, number>) => surveysApi.recordAnswers(invitation.id, answers) });
  if (record.data) {
    return (
      <Result
        status="success"
        data-testid="survey-recorded"
        title={t('complaints.surveySend.recorded')}
        subTitle={t('complaints.surveySend.index', { index: String(record.data.index) })}
        extra={<Button onClick={onDone}>{t('complaints.surveySend.next')}</Button>}
      />
    );
  }
  return (
    <Card title={`${text(invitation.script.title)} · v${invitation.script.version}`} data-testid="survey-call-script">
      <Typography.Paragraph type="secondary">{t('complaints.surveySend.scriptIntro')}</Typography.Paragraph>
      <FormErrorAlert error={record.error} />
      <Form form={form} layout="vertical" onFinish={(answers) => record.mutate(answers)}>
        <ScoredQuestions questions={invitation.script.questions} />
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="survey-record">
          {t('complaints.surveySend.record')}
        </Button>
      </Form>
    </Card>
  );
}

/** A link is shown once: only its hash is stored, so it cannot be shown again. */
function LinkSent({ invitation, onDone }: { invitation: SurveyInvitationCreated; onDone: () => void }) {
  const { t } = useTranslation();
  const link = `${window.location.origin}/survey/${invitation.token ?? ''}`;
  return (
    <Card data-testid="survey-link-sent">
      <Alert type="info" showIcon message={t('complaints.surveySend.linkOnce')} style={{ marginBottom: 16 }} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('complaints.surveySend.link')}>
          <Typography.Text copyable data-testid="survey-link">
            {link}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('complaints.surveySend.version')}>v{invitation.version}</Descriptions.Item>
      </Descriptions>
      <Button style={{ marginTop: 16 }} onClick={onDone}>
        {t('complaints.surveySend.next')}
      </Button>
    </Card>
  );
}

/** Outbound agents (and account managers) send a survey: read it out on a call, or send a one-time phone link. */
export function SurveySendPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SurveyInvitationInput>();
  const [sent, setSent] = useState<SurveyInvitationCreated | null>(null);
  const invite = useMutation({
    mutationFn: (values: SurveyInvitationInput) => surveysApi.invite(values),
    onSuccess: setSent,
    onError: (error) => applyFieldErrors(form, error, INVITE_FIELDS),
  });
  const done = () => {
    setSent(null);
    invite.reset();
    form.resetFields(['customerNo']);
  };
  if (sent) {
    return (
      <PageContainer title={t('complaints.surveySend.title')} testId="survey-send-page">
        {sent.token === null ? <CallScript invitation={sent} onDone={done} /> : <LinkSent invitation={sent} onDone={done} />}
      </PageContainer>
    );
  }
  return (
    <PageContainer title={t('complaints.surveySend.title')} testId="survey-send-page">
      <Card style={{ maxWidth: 560 }}>
        <FormErrorAlert error={invite.error} />
        <Form form={form} layout="vertical" initialValues={{ questionnaire: 'ka_satisfaction', channel: 'outbound_call' }} onFinish={(values) => invite.mutate(values)}>
          <Form.Item name="customerNo" label={t('complaints.fields.customerNo')} rules={[{ required: true }]}>
            <Input data-testid="survey-customer" />
          </Form.Item>
          <Form.Item name="questionnaire" label={t('complaints.surveySend.questionnaire')} rules={[{ required: true }]}>
            <Select data-testid="survey-questionnaire" options={questionnaireCodes.map((code) => ({ value: code, label: t(`complaints.questionnaires.codes.${code}`) }))} />
          </Form.Item>
          <Form.Item name="channel" label={t('complaints.surveySend.channel')} rules={[{ required: true }]}>
            <Radio.Group data-testid="survey-channel">
              {surveyChannels.map((channel) => (
                <Radio key={channel} value={channel} data-testid={`survey-channel-${channel}`}>
                  {t(`complaints.surveySend.channels.${channel}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={invite.isPending} data-testid="survey-send">
            {t('complaints.surveySend.send')}
          </Button>
        </Form>
      </Card>
    </PageContainer>
  );
}
