import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../../api/endpoints';
import type { User } from '../../api/types';
import { buttonTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { minPasswordLength } from './user-form-modal';

interface PasswordForm {
  password: string;
  confirm: string;
}

export function ResetPasswordModal({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordForm>();
  const reset = useMutation({
    mutationFn: (values: PasswordForm) => usersApi.setPassword(user.id, values.password),
    onSuccess: onDone,
    onError: (error) => applyFieldErrors(form, error, ['password']),
  });
  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      okButtonProps={buttonTestId('reset-password-submit')}
      destroyOnHidden
    >
      <FormErrorAlert error={reset.error} />
      <Form<PasswordForm> form={form} layout="vertical" onFinish={(values) => reset.mutate(values)}>
        <Form.Item
          name="password"
          label={t('users.form.newPassword')}
          extra={t('users.form.passwordHint')}
          rules={[
            { required: true, message: t('users.validation.passwordRequired') },
            { min: minPasswordLength, message: t('users.validation.passwordMin') },
          ]}
        >
          <Input.Password data-testid="reset-password-new" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.form.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('users.validation.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('users.validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password data-testid="reset-password-confirm" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
