import { useMutation } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { rulesApi } from '../../api/rules';
import { buttonTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';

export type PointsChange = 'redeem' | 'adjust';

interface PointsForm {
  points?: number;
  reason?: string;
}

// A redemption counts at once against the balance; an adjustment (either sign) waits for a second person's approval.
export function PointsChangeModal({ customerId, change, onClose, onDone }: { customerId: number | string; change: PointsChange; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PointsForm>();
  const save = useMutation({
    mutationFn: ({ points = 0, reason = '' }: PointsForm) =>
      change === 'redeem' ? rulesApi.redeemPoints(customerId, points, reason.trim()) : rulesApi.requestPointsAdjustment(customerId, points, reason.trim()),
    onSuccess: onDone,
    onError: (error) => applyFieldErrors(form, error, ['points', 'reason']),
  });
  return (
    <Modal
      open
      title={t(`rules.pointsActions.${change}Title`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={buttonTestId('points-change-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={save.error} />
      <Form<PointsForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="points-change-form">
        <Form.Item
          name="points"
          label={t('rules.points')}
          extra={change === 'adjust' ? t('rules.pointsActions.adjustHelp') : undefined}
          rules={[
            { required: true, message: t('rules.pointsActions.pointsRequired') },
            { validator: (_, value: number | undefined) => (value === 0 ? Promise.reject(new Error(t('rules.pointsActions.pointsRequired'))) : Promise.resolve()) },
          ]}
        >
          <InputNumber data-testid="points-change-points" precision={0} min={change === 'redeem' ? 1 : undefined} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('rules.pointsActions.reason')} rules={[{ required: true, whitespace: true, message: t('rules.pointsActions.reasonRequired') }]}>
          <Input.TextArea data-testid="points-change-reason" rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
