import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { customersApi } from '../../api/endpoints';
import { archiveReasons, type ArchiveReason } from '../../api/types';
import { buttonTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { useCustomerLabels } from './customer-labels';

interface ArchiveForm {
  reason?: ArchiveReason;
  competitor?: string;
  note?: string;
}

const blankToUndefined = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

// Archive asks why (and, for a churned customer, to whom); restore only takes an optional note.
export function CustomerArchiveModal({ customerId, mode, onClose, onDone }: { customerId: string; mode: 'archive' | 'restore'; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const [form] = Form.useForm<ArchiveForm>();
  const reason = Form.useWatch('reason', form);
  const save = useMutation({
    mutationFn: (values: ArchiveForm) =>
      mode === 'archive'
        ? customersApi.archive(customerId, {
            reason: values.reason ?? 'other',
            competitor: values.reason === 'churned' ? blankToUndefined(values.competitor) : undefined,
            note: blankToUndefined(values.note),
          })
        : customersApi.restore(customerId, { note: blankToUndefined(values.note) }),
    onSuccess: onDone,
    onError: (error) => applyFieldErrors(form, error, ['reason', 'competitor', 'note']),
  });
  return (
    <Modal
      open
      title={t(mode === 'archive' ? 'customers.archiveAction.archiveTitle' : 'customers.archiveAction.restoreTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={buttonTestId('archive-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={save.error} />
      <Form<ArchiveForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="archive-form">
        {mode === 'archive' ? (
          <Form.Item name="reason" label={t('customers.archiveAction.reason')} rules={[{ required: true, message: t('customers.archiveAction.reasonRequired') }]}>
            <Select data-testid="archive-reason" options={archiveReasons.map((code) => ({ value: code, label: labels.retainedReason(code) }))} />
          </Form.Item>
        ) : null}
        {mode === 'archive' && reason === 'churned' ? (
          <Form.Item name="competitor" label={t('customers.archiveAction.competitor')} rules={[{ required: true, whitespace: true, message: t('customers.archiveAction.competitorRequired') }]}>
            <Input data-testid="archive-competitor" maxLength={100} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('customers.archiveAction.note')}>
          <Input.TextArea data-testid="archive-note" rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
