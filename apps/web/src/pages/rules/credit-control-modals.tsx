import { useMutation } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { entitlementsApi } from '../../api/entitlements';
import { YUAN_AMOUNT } from '../../lib/format';
import { buttonTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';

interface TemporaryCreditForm {
  amount?: string;
  days?: number;
  reason?: string;
}

const reasonRules = (message: string) => [{ required: true, whitespace: true, message }];

// Temporary credit (临时信用度) from today; the server holds it to the days the credit rules allow.
export function TemporaryCreditModal({ customerId, onClose, onDone }: { customerId: number | string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TemporaryCreditForm>();
  const save = useMutation({
    mutationFn: ({ amount = '', days = 1, reason = '' }: TemporaryCreditForm) =>
      entitlementsApi.grantTemporaryCredit(customerId, { amount: amount.trim(), days, reason: reason.trim() }),
    onSuccess: onDone,
    onError: (error) => applyFieldErrors(form, error, ['amount', 'days', 'reason']),
  });
  return (
    <Modal
      open
      title={t('entitlements.actions.temporaryTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={buttonTestId('temporary-credit-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={save.error} />
      <Form<TemporaryCreditForm> form={form} layout="vertical" initialValues={{ days: 3 }} onFinish={(values) => save.mutate(values)} data-testid="temporary-credit-form">
        <Form.Item
          name="amount"
          label={t('entitlements.actions.amount')}
          rules={[{ required: true, pattern: YUAN_AMOUNT, message: t('entitlements.actions.amountInvalid') }]}
        >
          <Input data-testid="temporary-credit-amount" inputMode="decimal" prefix="¥" />
        </Form.Item>
        <Form.Item name="days" label={t('entitlements.actions.days')} extra={t('entitlements.actions.daysHelp')} rules={[{ required: true, message: t('entitlements.actions.daysRequired') }]}>
          <InputNumber data-testid="temporary-credit-days" precision={0} min={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('entitlements.actions.reason')} rules={reasonRules(t('entitlements.actions.reasonRequired'))}>
          <Input.TextArea data-testid="temporary-credit-reason" rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Non-credit-control (非信控) on or off: a manager's decision, kept with its reason.
export function CreditControlModal({ customerId, exempt, onClose, onDone }: { customerId: number | string; exempt: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: string }>();
  const save = useMutation({
    mutationFn: ({ reason = '' }: { reason?: string }) => entitlementsApi.setCreditControl(customerId, { nonCreditControl: exempt, reason: reason.trim() }),
    onSuccess: onDone,
    onError: (error) => applyFieldErrors(form, error, ['reason']),
  });
  return (
    <Modal
      open
      title={t(exempt ? 'entitlements.actions.exempt' : 'entitlements.actions.control')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={buttonTestId('credit-control-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="credit-control-form">
        <Form.Item name="reason" label={t('entitlements.actions.reason')} rules={reasonRules(t('entitlements.actions.reasonRequired'))}>
          <Input.TextArea data-testid="credit-control-reason" rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
