import { useMutation } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { customersApi } from '../../api/endpoints';
import { piiFields, type PiiField, type UnmaskReply } from '../../api/types';
import { buttonTestId } from '../../lib/test-id';
import { FormErrorAlert } from '../../lib/use-api-error';
import { useLabels } from '../../lib/use-labels';

// A 403 names each refused field in its details ("address is not unmaskable for your roles").
export function deniedFields(error: unknown): PiiField[] {
  if (!(error instanceof ApiError) || error.status !== 403) return [];
  return error.details.flatMap((detail) => {
    const field = /^(\w+) is not unmaskable/.exec(detail.message)?.[1];
    return field && (piiFields as readonly string[]).includes(field) ? [field as PiiField] : [];
  });
}

/** The phone is what a manager needs to call back; other fields are ticked on purpose. */
function defaultFields(fields: readonly PiiField[]): PiiField[] {
  return fields.includes('phone') ? ['phone'] : fields.slice(0, 1);
}

interface UnmaskForm {
  fields: PiiField[];
  reason: string;
}

// Asks which fields and why; the server records both in the audit log and returns the full values.
export function CustomerUnmaskModal({
  customerId,
  fields,
  onClose,
  onDone,
  onDenied,
}: {
  customerId: string;
  fields: readonly PiiField[];
  onClose: () => void;
  onDone: (reply: UnmaskReply) => void;
  /** Fields the server refused for the user's roles, so the page stops offering them. */
  onDenied: (fields: PiiField[]) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<UnmaskForm>();
  const unmask = useMutation({
    mutationFn: (values: UnmaskForm) => customersApi.unmask(customerId, { fields: values.fields, reason: values.reason.trim() }),
    onSuccess: onDone,
    onError: (error) => {
      const denied = deniedFields(error);
      if (denied.length === 0) return;
      onDenied(denied);
      const current = form.getFieldValue('fields') as PiiField[] | undefined;
      form.setFieldValue('fields', (current ?? []).filter((field) => !denied.includes(field)));
    },
  });
  const forbidden = unmask.error instanceof ApiError && unmask.error.status === 403;
  return (
    <Modal
      open
      title={t('customers.unmask.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={unmask.isPending}
      okButtonProps={buttonTestId('unmask-submit')}
      destroyOnHidden
    >
      <div data-testid="unmask-modal">
        {forbidden ? (
          <Alert data-testid="unmask-forbidden" type="error" showIcon title={t('customers.unmask.forbidden')} style={{ marginBottom: 16 }} />
        ) : (
          <FormErrorAlert error={unmask.error} />
        )}
        <Typography.Paragraph type="secondary">{t('customers.unmask.hint')}</Typography.Paragraph>
        <Form<UnmaskForm> form={form} layout="vertical" initialValues={{ fields: defaultFields(fields), reason: '' }} onFinish={(values) => unmask.mutate(values)}>
          <Form.Item name="fields" label={t('customers.unmask.fields')} rules={[{ required: true, type: 'array', min: 1, message: t('customers.unmask.fieldsRequired') }]}>
            <Checkbox.Group
              options={fields.map((field) => ({ value: field, label: <span data-testid={`unmask-field-${field}`}>{labels.piiField(field)}</span> }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('customers.unmask.reason')}
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  (value ?? '').trim().length >= 4 ? Promise.resolve() : Promise.reject(new Error(t('customers.unmask.reasonRule'))),
              },
            ]}
          >
            <Input.TextArea data-testid="unmask-reason" rows={2} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
