import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { complaintCategories, complaintChannels, complaintKeys, complaintSeverities, complaintsApi } from '../../api/complaints';
import { buttonTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { useComplaintLabels } from './complaint-labels';

interface Values {
  customerNo: string;
  channel: string;
  category: string;
  severity: string;
  description: string;
  receivedAt?: Dayjs;
}

const FIELDS = ['customerNo', 'channel', 'category', 'severity', 'description', 'receivedAt'] as const;

export function ComplaintFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (values: Values) =>
      complaintsApi.create({ ...values, ...(values.receivedAt ? { receivedAt: values.receivedAt.toISOString() } : { receivedAt: undefined }) }),
    onSuccess: (complaint) => {
      void message.success(t('complaints.created', { no: complaint.complaintNo }));
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      form.resetFields();
      onClose();
      void navigate(`/complaints/${complaint.id}`);
    },
    onError: (error) => applyFieldErrors(form, error, FIELDS),
  });

  return (
    <Modal
      open={open}
      title={t('complaints.newComplaint')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={buttonTestId('complaint-form-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={create.error} />
      <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)} initialValues={{ channel: 'hotline', severity: 'medium' }}>
        <Form.Item name="customerNo" label={t('complaints.fields.customerNo')} rules={[{ required: true }]}>
          <Input data-testid="complaint-form-customer" />
        </Form.Item>
        <Form.Item name="channel" label={t('complaints.fields.channel')} rules={[{ required: true }]}>
          <Select data-testid="complaint-form-channel" options={complaintChannels.map((v) => ({ value: v, label: labels.channel(v) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('complaints.fields.category')} rules={[{ required: true }]}>
          <Select
            data-testid="complaint-form-category"
            options={complaintCategories.map((v) => ({ value: v, label: <span data-testid={`complaint-category-${v}`}>{labels.category(v)}</span> }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('complaints.fields.severity')} rules={[{ required: true }]}>
          <Select data-testid="complaint-form-severity" options={complaintSeverities.map((v) => ({ value: v, label: labels.severity(v) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('complaints.fields.description')} rules={[{ required: true }]}>
          <Input.TextArea data-testid="complaint-form-description" rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('complaints.fields.receivedAt')}>
          <DatePicker data-testid="complaint-form-received-at" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
