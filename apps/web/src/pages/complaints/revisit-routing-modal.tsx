import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { complaintKeys, complaintsApi, revisitChannels, revisitTriggers, type RevisitRouting } from '../../api/complaints';
import { grades } from '../../api/types';
import { buttonTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useComplaintLabels } from './complaint-labels';

/**
 * The routing that picks each new revisit task's one channel. Saving adds a version; tasks already
 * created keep their channel.
 */
export function RevisitRoutingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RevisitRouting>();
  const { data: routing } = useQuery({ queryKey: complaintKeys.routing, queryFn: ({ signal }) => complaintsApi.routing(signal), enabled: open });
  const save = useMutation({
    mutationFn: (values: RevisitRouting) => complaintsApi.saveRouting({ ...values, rules: values.rules ?? [] }),
    onSuccess: (saved) => {
      queryClient.setQueryData(complaintKeys.routing, saved);
      void message.success(t('complaints.revisits.routing.saved', { version: saved.version }));
      onClose();
    },
  });
  const channelOptions = revisitChannels.map((v) => ({ value: v, label: labels.revisitChannel(v) }));
  return (
    <Modal
      open={open}
      width={760}
      title={t('complaints.revisits.routing.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={buttonTestId('routing-submit')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('complaints.revisits.routing.hint')}</Typography.Paragraph>
      <FormErrorAlert error={save.error} />
      {routing ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ ...routing, version: `revisit-routing-${dayjs().format('YYYYMMDD-HHmm')}` }}
          onFinish={(values) => save.mutate(values)}
        >
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={8} align="top" data-testid={`routing-rule-${field.name}`}>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'triggers']} label={field.name === 0 ? t('complaints.revisits.trigger') : undefined}>
                        <Select
                          mode="multiple"
                          allowClear
                          data-testid={`routing-triggers-${field.name}`}
                          placeholder={t('complaints.revisits.routing.any')}
                          options={revisitTriggers.map((v) => ({ value: v, label: <span data-testid={`routing-trigger-option-${v}`}>{labels.trigger(v)}</span> }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'grades']} label={field.name === 0 ? t('complaints.revisits.routing.grades') : undefined}>
                        <Select
                          mode="multiple"
                          allowClear
                          data-testid={`routing-grades-${field.name}`}
                          placeholder={t('complaints.revisits.routing.any')}
                          options={grades.map((v) => ({ value: v, label: <span data-testid={`routing-grade-option-${v}`}>{t(`grades.${v}`)}</span> }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[field.name, 'channel']} label={field.name === 0 ? t('complaints.revisits.channel') : undefined} rules={[{ required: true }]}>
                        <Select data-testid={`routing-channel-${field.name}`} options={channelOptions} />
                      </Form.Item>
                    </Col>
                    <Col span={2} style={{ paddingTop: field.name === 0 ? 30 : 0 }}>
                      <Button icon={<DeleteOutlined />} aria-label={t('complaints.questionnaires.remove')} onClick={() => remove(field.name)} />
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} data-testid="routing-add-rule" onClick={() => add({ triggers: [], grades: [], channel: 'revisit_desk' })} style={{ marginBottom: 16 }}>
                  {t('complaints.revisits.routing.addRule')}
                </Button>
              </>
            )}
          </Form.List>
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item name="defaultChannel" label={t('complaints.revisits.routing.defaultChannel')} rules={[{ required: true }]}>
                <Select options={channelOptions} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="version" label={t('complaints.revisits.routing.version')} rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{1,60}$/ }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      ) : null}
    </Modal>
  );
}
