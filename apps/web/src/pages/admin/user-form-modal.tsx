import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { usersApi, type UserUpdateBody } from '../../api/endpoints';
import type { User } from '../../api/types';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { buttonTestId } from '../../lib/test-id';
import { applyFieldErrors, FormErrorAlert } from '../../lib/use-api-error';
import { RoleSelect } from './role-select';

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  orgUnitCode: string;
  phone?: string;
  email?: string;
}

const fields = ['username', 'displayName', 'password', 'roles', 'orgUnitCode', 'phone', 'email'] as const;
export const minPasswordLength = 8;

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

// A cleared contact field is sent as null only when there was something to clear.
function contactPatch(next: string | undefined, previous: string | null): string | null | undefined {
  const value = blankToUndefined(next);
  if (value !== undefined) return value === previous ? undefined : value;
  return previous ? null : undefined;
}

export function UserFormModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: (user: User) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserForm>();
  const editing = user !== null;

  const save = useMutation({
    mutationFn: (values: UserForm) => {
      if (!user) {
        return usersApi.create({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password,
          roles: values.roles,
          orgUnitCode: values.orgUnitCode,
          phone: blankToUndefined(values.phone),
          email: blankToUndefined(values.email),
        });
      }
      const patch: UserUpdateBody = {
        displayName: values.displayName.trim(),
        roles: values.roles,
        orgUnitCode: values.orgUnitCode,
        phone: contactPatch(values.phone, user.phone),
        email: contactPatch(values.email, user.email),
      };
      return usersApi.update(user.id, patch);
    },
    onSuccess: onSaved,
    onError: (error) => applyFieldErrors(form, error, fields),
  });

  return (
    <Modal
      open
      title={editing ? t('users.editTitle', { name: user.displayName }) : t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={buttonTestId('user-form-submit')}
      destroyOnHidden
      width={560}
    >
      <FormErrorAlert error={save.error} />
      <Form<UserForm>
        form={form}
        layout="vertical"
        data-testid="user-form"
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, roles: user.roles, orgUnitCode: user.orgUnitCode, phone: user.phone ?? '', email: user.email ?? '' }
            : { roles: [] }
        }
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="username"
          label={t('users.form.username')}
          rules={
            editing
              ? []
              : [
                  { required: true, whitespace: true, message: t('users.validation.usernameRequired') },
                  { pattern: /^[a-z0-9][a-z0-9._-]{1,39}$/, message: t('users.validation.usernamePattern') },
                ]
          }
        >
          <Input data-testid="user-form-username" disabled={editing} autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.form.displayName')} rules={[{ required: true, whitespace: true, message: t('users.validation.displayNameRequired') }]}>
          <Input data-testid="user-form-displayName" maxLength={60} />
        </Form.Item>
        {editing ? null : (
          <Form.Item
            name="password"
            label={t('users.form.password')}
            extra={t('users.form.passwordHint')}
            rules={[
              { required: true, message: t('users.validation.passwordRequired') },
              { min: minPasswordLength, message: t('users.validation.passwordMin') },
            ]}
          >
            <Input.Password data-testid="user-form-password" autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="orgUnitCode" label={t('users.form.orgUnit')} rules={[{ required: true, message: t('users.validation.orgUnitRequired') }]}>
          <OrgUnitTreeSelect testId="user-form-orgUnit" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.form.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.validation.rolesRequired') }]}>
          <RoleSelect mode="multiple" testId="user-form-roles" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.form.phone')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('users.validation.phoneInvalid') }]}>
          <Input data-testid="user-form-phone" maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="email" label={t('users.form.email')} rules={[{ type: 'email', message: t('users.validation.emailInvalid') }]}>
          <Input data-testid="user-form-email" maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
