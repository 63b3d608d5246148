import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Row, Segmented, Select, Space, Table, Tag, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { questionnaireCodes, surveyKeys, surveysApi, type Questionnaire, type QuestionnaireCode, type QuestionnaireDraft } from '../../api/surveys';
import { PageContainer } from '../../components/page-container';
import { formatDateTime } from '../../lib/format';
import { FormErrorAlert } from '../../lib/use-api-error';
import { fieldNameOfPath } from './field-name';

function showServerErrors(form: FormInstance<QuestionnaireDraft>, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  // Paths come from the server, so they are not the form's typed names; antd looks them up at run time.
  const untyped = form as FormInstance<unknown>;
  untyped.setFields(error.details.map((detail) => ({ name: fieldNameOfPath(detail.path), errors: [detail.message] })));
}

function WeightTotal({ form }: { form: FormInstance<QuestionnaireDraft> }) {
  const { t } = useTranslation();
  const dimensions = Form.useWatch('dimensions', form) ?? [];
  const total = dimensions.reduce((sum, d) => sum + (d?.weight ?? 0), 0);
  return (
    <Tag color={total === 100 ? 'green' : 'red'} data-testid="questionnaire-weight-total" data-total={total}>
      {t('complaints.questionnaires.weightTotal', { total: String(total) })}
    </Tag>
  );
}

function DimensionsEditor({ form }: { form: FormInstance<QuestionnaireDraft> }) {
  const { t } = useTranslation();
  return (
    <Card title={t('complaints.questionnaires.dimensions')} extra={<WeightTotal form={form} />} style={{ marginTop: 16 }}>
      <Form.List name="dimensions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="top" data-testid={`dimension-row-${field.name}`}>
                <Col span={5}>
                  <Form.Item name={[field.name, 'code']} rules={[{ required: true, pattern: /^[a-z_]{1,40}$/ }]}>
                    <Input placeholder={t('complaints.questionnaires.code')} data-testid={`dimension-code-${field.name}`} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'label', 'zh']} rules={[{ required: true }]}>
                    <Input placeholder={t('complaints.questionnaires.labelZh')} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'label', 'en']}>
                    <Input placeholder={t('complaints.questionnaires.labelEn')} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[field.name, 'weight']} rules={[{ required: true }]}>
                    <InputNumber min={0} max={100} precision={0} addonAfter="%" data-testid={`dimension-weight-${field.name}`} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Button icon={<DeleteOutlined />} aria-label={t('complaints.questionnaires.remove')} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ code: '', label: { zh: '', en: '' }, weight: 0 })} data-testid="dimension-add">
              {t('complaints.questionnaires.addDimension')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

function QuestionsEditor({ form, kind }: { form: FormInstance<QuestionnaireDraft>; kind: Questionnaire['kind'] }) {
  const { t } = useTranslation();
  const dimensions = Form.useWatch('dimensions', form) ?? [];
  const questions = Form.useWatch('questions', form) ?? [];
  const dimensionOptions = dimensions.filter((d) => d?.code).map((d) => ({ value: d.code, label: `${d.label?.zh ?? ''} (${d.code})` }));
  return (
    <Card title={t('complaints.questionnaires.questions')} style={{ marginTop: 16 }}>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="top" data-testid={`question-row-${field.name}`}>
                <Col span={4}>
                  <Form.Item name={[field.name, 'code']} rules={[{ required: true, pattern: /^[a-z_]{1,40}$/ }]}>
                    <Input placeholder={t('complaints.questionnaires.code')} data-testid={`question-code-${field.name}`} />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={[field.name, 'text', 'zh']} rules={[{ required: true }]}>
                    <Input.TextArea autoSize placeholder={t('complaints.questionnaires.textZh')} data-testid={`question-text-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'text', 'en']}>
                    <Input.TextArea autoSize placeholder={t('complaints.questionnaires.textEn')} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[field.name, 'dimension']} rules={[{ required: true }]}>
                    <Select options={[...dimensionOptions, ...(kind === 'approval' ? [{ value: 'overall', label: t('complaints.questionnaires.overall') }] : [])]} data-testid={`question-dimension-${field.name}`} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Space.Compact>
                    <Form.Item name={[field.name, 'scale', 'min']} rules={[{ required: true }]}>
                      <InputNumber precision={0} addonBefore={t('complaints.questionnaires.scaleMin')} style={{ width: 120 }} data-testid={`question-min-${field.name}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'scale', 'max']} rules={[{ required: true }]}>
                      <InputNumber precision={0} addonBefore={t('complaints.questionnaires.scaleMax')} style={{ width: 120 }} data-testid={`question-max-${field.name}`} />
                    </Form.Item>
                  </Space.Compact>
                </Col>
                <Col span={2}>
                  <Button icon={<DeleteOutlined />} aria-label={t('complaints.questionnaires.remove')} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <Button
              icon={<PlusOutlined />}
              data-testid="question-add"
              onClick={() => add({ code: '', text: { zh: '', en: '' }, dimension: dimensionOptions[0]?.value ?? '', scale: { min: 0, max: 10 } })}
            >
              {t('complaints.questionnaires.addQuestion')}
            </Button>
          </>
        )}
      </Form.List>
      {kind === 'approval' ? (
        <Form.Item name="approvalQuestion" label={t('complaints.questionnaires.approvalQuestion')} style={{ marginTop: 16 }} rules={[{ required: true }]}>
          <Select style={{ width: 240 }} options={questions.filter((q) => q?.code).map((q) => ({ value: q.code, label: q.code }))} />
        </Form.Item>
      ) : null}
    </Card>
  );
}

function draftOf(questionnaire: Questionnaire): QuestionnaireDraft {
  const { title, dimensions, questions, approvalQuestion } = questionnaire;
  return { title, dimensions, questions, ...(approvalQuestion ? { approvalQuestion } : {}) };
}

/**
 * Questionnaires are versioned data: saving never changes the version in force in place but adds
 * the next one, so answers already given keep meaning what they meant.
 */
export function QuestionnaireEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [code, setCode] = useState<QuestionnaireCode>('ka_satisfaction');
  const [form] = Form.useForm<QuestionnaireDraft>();
  const { data: questionnaire, error } = useQuery({ queryKey: surveyKeys.questionnaire(code), queryFn: ({ signal }) => surveysApi.questionnaire(code, signal) });
  const save = useMutation({
    mutationFn: (draft: QuestionnaireDraft) => surveysApi.saveVersion(code, draft),
    onSuccess: (saved) => {
      queryClient.setQueryData(surveyKeys.questionnaire(code), saved);
      void message.success(t('complaints.questionnaires.saved', { version: String(saved.version) }));
    },
    onError: (failure) => showServerErrors(form, failure),
  });
  return (
    <PageContainer
      title={t('complaints.questionnaires.title')}
      testId="questionnaire-editor-page"
      extra={
        <Segmented<QuestionnaireCode>
          data-testid="questionnaire-code"
          value={code}
          onChange={(value) => {
            save.reset();
            setCode(value);
          }}
          options={questionnaireCodes.map((value) => ({ value, label: t(`complaints.questionnaires.codes.${value}`) }))}
        />
      }
    >
      <FormErrorAlert error={error ?? save.error} />
      {questionnaire ? (
        <Form form={form} layout="vertical" onFinish={(draft) => save.mutate(draft)} key={`${code}-${questionnaire.version}`} initialValues={draftOf(questionnaire)}>
          <Card>
            <Space style={{ marginBottom: 12 }}>
              <Typography.Text>{t('complaints.questionnaires.inForce')}</Typography.Text>
              <Tag color="blue" data-testid="questionnaire-version" data-version={questionnaire.version}>
                v{questionnaire.version}
              </Tag>
              <Typography.Text type="secondary">{t('complaints.questionnaires.saveHint')}</Typography.Text>
            </Space>
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item name={['title', 'zh']} label={t('complaints.questionnaires.titleZh')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['title', 'en']} label={t('complaints.questionnaires.titleEn')}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <DimensionsEditor form={form} />
          <QuestionsEditor form={form} kind={questionnaire.kind} />
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="questionnaire-save">
              {t('complaints.questionnaires.save', { version: String(questionnaire.version + 1) })}
            </Button>
            <Button onClick={() => form.setFieldsValue(draftOf(questionnaire))}>{t('complaints.questionnaires.revert')}</Button>
          </Space>
          <Card title={t('complaints.questionnaires.history')} style={{ marginTop: 16 }}>
            <Table
              rowKey="version"
              size="small"
              pagination={false}
              dataSource={questionnaire.versions}
              locale={{ emptyText: <Empty description={t('complaints.questionnaires.builtIn')} /> }}
              columns={[
                { key: 'version', title: t('complaints.questionnaires.version'), render: (_, v) => `v${v.version}` },
                { key: 'createdAt', title: t('complaints.questionnaires.savedAt'), render: (_, v) => formatDateTime(v.createdAt) },
                { key: 'createdBy', title: t('complaints.questionnaires.savedBy'), render: (_, v) => v.createdBy ?? t('complaints.questionnaires.builtIn') },
              ]}
            />
          </Card>
        </Form>
      ) : null}
    </PageContainer>
  );
}
