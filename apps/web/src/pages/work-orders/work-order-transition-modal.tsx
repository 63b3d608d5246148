import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { holdReasons, type WorkOrderStatus } from '../../api/work-orders';
import { buttonTestId } from '../../lib/test-id';
import { useWorkOrderLabels } from './work-order-labels';

export interface TransitionValues {
  note?: string;
  reason?: string;
}

// Every move asks for an optional note; a hold (on_hold) also needs the customer-caused reason.
export function WorkOrderTransitionModal({
  to,
  pending,
  onCancel,
  onSubmit,
}: {
  to: WorkOrderStatus;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (values: TransitionValues) => void;
}) {
  const { t } = useTranslation();
  const labels = useWorkOrderLabels();
  const [form] = Form.useForm<TransitionValues>();
  return (
    <Modal
      open
      title={t('workOrders.detail.transitionTitle', { status: labels.status(to) })}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      okButtonProps={buttonTestId('work-order-transition-confirm')}
      destroyOnHidden
    >
      <Form<TransitionValues>
        form={form}
        layout="vertical"
        data-testid="work-order-transition-form"
        onFinish={(values) => onSubmit({ ...(values.note?.trim() ? { note: values.note.trim() } : {}), ...(values.reason ? { reason: values.reason } : {}) })}
      >
        {to === 'on_hold' ? (
          <Form.Item name="reason" label={t('workOrders.detail.reason')} rules={[{ required: true, message: t('workOrders.detail.reasonRequired') }]}>
            <Select data-testid="work-order-transition-reason" options={holdReasons.map((code) => ({ value: code, label: labels.holdReason(code) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('workOrders.detail.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea data-testid="work-order-transition-note" rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
